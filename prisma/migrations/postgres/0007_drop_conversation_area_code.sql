-- AlterTable
ALTER TABLE "Conversation" DROP COLUMN "areaCode";

