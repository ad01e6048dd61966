-- CreateTable
CREATE TABLE "CampaignTheme" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entryId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "themeVi" TEXT NOT NULL,
    "themeEn" TEXT,
    "setBy" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "CampaignTheme_entryId_year_key" ON "CampaignTheme"("entryId", "year");

