-- Handovers: when the holder last spoke (auto-release after silence), when the flag was raised
-- and its on-duty notices (repeated while unclaimed), and where a person holds it from.
ALTER TABLE "Handover" ADD COLUMN "lastHumanAt" DATETIME;
ALTER TABLE "Handover" ADD COLUMN "raisedAt" DATETIME;
ALTER TABLE "Handover" ADD COLUMN "noticeCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Handover" ADD COLUMN "lastNoticeAt" DATETIME;
ALTER TABLE "Handover" ADD COLUMN "heldVia" TEXT;
