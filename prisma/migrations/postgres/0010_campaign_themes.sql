-- CreateTable
CREATE TABLE "CampaignTheme" (
    "id" SERIAL NOT NULL,
    "entryId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "themeVi" TEXT NOT NULL,
    "themeEn" TEXT,
    "setBy" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CampaignTheme_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CampaignTheme_entryId_year_key" ON "CampaignTheme"("entryId", "year");

