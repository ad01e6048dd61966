-- CreateTable
CREATE TABLE "InboxEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "conversationKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "occurredAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "conversationKey" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "errorClass" TEXT,
    "lastError" TEXT,
    "platformMessageId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "deliveredAt" DATETIME,
    "readAt" DATETIME
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'vi',
    "flow" TEXT,
    "step" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    "areaCode" TEXT,
    "handledBy" TEXT NOT NULL DEFAULT 'bot',
    "version" INTEGER NOT NULL DEFAULT 0,
    "lastInboundAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Handover" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "conversationId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "severity" INTEGER NOT NULL DEFAULT 0,
    "category" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "claimedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" DATETIME,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ChannelState" (
    "channel" TEXT NOT NULL PRIMARY KEY,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "accessTokenExpiresAt" DATETIME,
    "pausedUntil" DATETIME,
    "pausedReason" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "InboxEvent_status_conversationKey_id_idx" ON "InboxEvent"("status", "conversationKey", "id");

-- CreateIndex
CREATE INDEX "InboxEvent_conversationKey_id_idx" ON "InboxEvent"("conversationKey", "id");

-- CreateIndex
CREATE UNIQUE INDEX "InboxEvent_channel_eventKey_key" ON "InboxEvent"("channel", "eventKey");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_channel_platformMessageId_idx" ON "OutboxMessage"("channel", "platformMessageId");

-- CreateIndex
CREATE INDEX "OutboxMessage_conversationKey_id_idx" ON "OutboxMessage"("conversationKey", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_channel_userId_key" ON "Conversation"("channel", "userId");

-- CreateIndex
CREATE INDEX "Handover_status_severity_createdAt_idx" ON "Handover"("status", "severity", "createdAt");

-- CreateIndex
CREATE INDEX "Handover_conversationId_idx" ON "Handover"("conversationId");

