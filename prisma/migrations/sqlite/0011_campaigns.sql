-- CreateTable
CREATE TABLE "Campaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "calendarEntryId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "messages" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "startAt" DATETIME NOT NULL,
    "quietFrom" INTEGER NOT NULL DEFAULT 21,
    "quietTo" INTEGER NOT NULL DEFAULT 7,
    "perDay" INTEGER NOT NULL DEFAULT 1,
    "provinceCode" TEXT,
    "communeCode" TEXT,
    "createdBy" INTEGER NOT NULL,
    "approvedBy" INTEGER,
    "approvedAt" DATETIME,
    "preview" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Campaign_provinceCode_idx" ON "Campaign"("provinceCode");

-- CreateIndex
CREATE INDEX "Campaign_status_idx" ON "Campaign"("status");

