-- AlterTable
ALTER TABLE "SessionReport" ADD COLUMN     "casesDetected" TEXT,
ADD COLUMN     "equipment" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "materialKinds" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "menPioneers" BOOLEAN,
ADD COLUMN     "referredTo" TEXT;

