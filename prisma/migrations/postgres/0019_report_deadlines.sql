-- CreateTable
CREATE TABLE "ReportDeadline" (
    "id" SERIAL NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "dataUntil" TEXT,
    "recipient" TEXT,
    "remindDays" INTEGER NOT NULL DEFAULT 7,
    "reminderStage" INTEGER NOT NULL DEFAULT 0,
    "remindedAt" TIMESTAMP(3),
    "createdBy" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportDeadline_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportDeadline_provinceCode_dueDate_idx" ON "ReportDeadline"("provinceCode", "dueDate");

-- CreateIndex
CREATE INDEX "ReportDeadline_dueDate_idx" ON "ReportDeadline"("dueDate");

