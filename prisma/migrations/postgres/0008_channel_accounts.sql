-- CreateTable
CREATE TABLE "ChannelAccount" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "externalId" TEXT,
    "name" TEXT NOT NULL,
    "provinceCode" TEXT,
    "source" TEXT NOT NULL DEFAULT 'db',
    "credentials" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "pausedReason" TEXT,
    "lastWebhookAt" TIMESTAMP(3),
    "lastSendAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelAccount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChannelAccount_channel_key" ON "ChannelAccount"("channel");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelAccount_platform_externalId_key" ON "ChannelAccount"("platform", "externalId");

