-- AlterTable
ALTER TABLE "Handover" ADD COLUMN "erasedAt" DATETIME;

-- CreateTable
CREATE TABLE "RateWindow" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "RateWindow_expiresAt_idx" ON "RateWindow"("expiresAt");

