-- AlterTable
ALTER TABLE "TeamMember" ADD COLUMN "nudgedQuarter" TEXT;

