-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "calendarEntryId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "messages" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "startAt" TIMESTAMP(3) NOT NULL,
    "quietFrom" INTEGER NOT NULL DEFAULT 21,
    "quietTo" INTEGER NOT NULL DEFAULT 7,
    "perDay" INTEGER NOT NULL DEFAULT 1,
    "provinceCode" TEXT,
    "communeCode" TEXT,
    "createdBy" INTEGER NOT NULL,
    "approvedBy" INTEGER,
    "approvedAt" TIMESTAMP(3),
    "preview" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Campaign_provinceCode_idx" ON "Campaign"("provinceCode");

-- CreateIndex
CREATE INDEX "Campaign_status_idx" ON "Campaign"("status");

