-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "newsOptInAt" TIMESTAMP(3),
ADD COLUMN     "optedOutAt" TIMESTAMP(3),
ADD COLUMN     "unreachableAt" TIMESTAMP(3),
ADD COLUMN     "unreachableReason" TEXT;

