-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "privacyNoticeAt" TIMESTAMP(3);

