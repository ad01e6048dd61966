-- CreateTable
CREATE TABLE "ReportDeadline" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "provinceCode" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "dataUntil" TEXT,
    "recipient" TEXT,
    "remindDays" INTEGER NOT NULL DEFAULT 7,
    "reminderStage" INTEGER NOT NULL DEFAULT 0,
    "remindedAt" DATETIME,
    "createdBy" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ReportDeadline_provinceCode_dueDate_idx" ON "ReportDeadline"("provinceCode", "dueDate");

-- CreateIndex
CREATE INDEX "ReportDeadline_dueDate_idx" ON "ReportDeadline"("dueDate");

