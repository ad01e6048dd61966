-- Campaign repeats, paid sends with their price, the approved set, a weekly cap; the round of a
-- recipient row; the poster code a person came through; campaign messages behind replies.
-- Written as ALTER TABLE ADD COLUMN (Prisma's diff would copy each table, the outbox included).
ALTER TABLE "Conversation" ADD COLUMN "referralCode" TEXT;
ALTER TABLE "Conversation" ADD COLUMN "referredAt" DATETIME;
CREATE INDEX "Conversation_referralCode_idx" ON "Conversation"("referralCode");

ALTER TABLE "OutboxMessage" ADD COLUMN "priority" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Campaign" ADD COLUMN "perWeek" INTEGER NOT NULL DEFAULT 4;
ALTER TABLE "Campaign" ADD COLUMN "rounds" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Campaign" ADD COLUMN "repeatDays" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Campaign" ADD COLUMN "round" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Campaign" ADD COLUMN "roundStartAt" DATETIME;
ALTER TABLE "Campaign" ADD COLUMN "paidAllowed" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Campaign" ADD COLUMN "paidPriceVnd" INTEGER;
ALTER TABLE "Campaign" ADD COLUMN "audienceCutoff" INTEGER;

ALTER TABLE "BroadcastRecipient" ADD COLUMN "round" INTEGER NOT NULL DEFAULT 0;
DROP INDEX "BroadcastRecipient_campaignId_channel_userId_key";
CREATE UNIQUE INDEX "BroadcastRecipient_campaignId_round_channel_userId_key" ON "BroadcastRecipient"("campaignId", "round", "channel", "userId");
