-- AlterTable
ALTER TABLE "Handover" ADD COLUMN     "heldVia" TEXT,
ADD COLUMN     "lastHumanAt" TIMESTAMP(3),
ADD COLUMN     "lastNoticeAt" TIMESTAMP(3),
ADD COLUMN     "noticeCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "raisedAt" TIMESTAMP(3);

