-- DropIndex
DROP INDEX "BroadcastRecipient_campaignId_channel_userId_key";

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "referralCode" TEXT,
ADD COLUMN     "referredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "audienceCutoff" INTEGER,
ADD COLUMN     "paidAllowed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "paidPriceVnd" INTEGER,
ADD COLUMN     "perWeek" INTEGER NOT NULL DEFAULT 4,
ADD COLUMN     "repeatDays" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "roundStartAt" TIMESTAMP(3),
ADD COLUMN     "rounds" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "BroadcastRecipient" ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Conversation_referralCode_idx" ON "Conversation"("referralCode");

-- CreateIndex
CREATE UNIQUE INDEX "BroadcastRecipient_campaignId_round_channel_userId_key" ON "BroadcastRecipient"("campaignId", "round", "channel", "userId");

