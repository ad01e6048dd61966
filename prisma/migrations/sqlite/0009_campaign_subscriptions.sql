-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "newsOptInAt" DATETIME;
ALTER TABLE "Conversation" ADD COLUMN "optedOutAt" DATETIME;
ALTER TABLE "Conversation" ADD COLUMN "unreachableAt" DATETIME;
ALTER TABLE "Conversation" ADD COLUMN "unreachableReason" TEXT;

