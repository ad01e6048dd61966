-- CreateTable
CREATE TABLE "BroadcastRecipient" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'eligible',
    "reason" TEXT,
    "platformCode" TEXT,
    "notBefore" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Campaign" (
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
    "expandCursor" INTEGER NOT NULL DEFAULT 0,
    "expandedAt" DATETIME,
    "finishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Campaign" ("approvedAt", "approvedBy", "audience", "calendarEntryId", "communeCode", "createdAt", "createdBy", "id", "messages", "name", "perDay", "preview", "provinceCode", "quietFrom", "quietTo", "startAt", "status", "updatedAt") SELECT "approvedAt", "approvedBy", "audience", "calendarEntryId", "communeCode", "createdAt", "createdBy", "id", "messages", "name", "perDay", "preview", "provinceCode", "quietFrom", "quietTo", "startAt", "status", "updatedAt" FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE INDEX "Campaign_provinceCode_idx" ON "Campaign"("provinceCode");
CREATE INDEX "Campaign_status_idx" ON "Campaign"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "BroadcastRecipient_campaignId_status_id_idx" ON "BroadcastRecipient"("campaignId", "status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "BroadcastRecipient_campaignId_channel_userId_key" ON "BroadcastRecipient"("campaignId", "channel", "userId");

