-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "privacyNoticeAt" DATETIME;

