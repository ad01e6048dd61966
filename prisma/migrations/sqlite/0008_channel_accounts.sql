-- CreateTable
CREATE TABLE "ChannelAccount" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "externalId" TEXT,
    "name" TEXT NOT NULL,
    "provinceCode" TEXT,
    "source" TEXT NOT NULL DEFAULT 'db',
    "credentials" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "pausedReason" TEXT,
    "lastWebhookAt" DATETIME,
    "lastSendAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ChannelAccount_channel_key" ON "ChannelAccount"("channel");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelAccount_platform_externalId_key" ON "ChannelAccount"("platform", "externalId");

