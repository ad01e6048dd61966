-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "expandCursor" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "expandedAt" TIMESTAMP(3),
ADD COLUMN     "finishedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "BroadcastRecipient" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'eligible',
    "reason" TEXT,
    "platformCode" TEXT,
    "notBefore" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BroadcastRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BroadcastRecipient_campaignId_status_id_idx" ON "BroadcastRecipient"("campaignId", "status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "BroadcastRecipient_campaignId_channel_userId_key" ON "BroadcastRecipient"("campaignId", "channel", "userId");

