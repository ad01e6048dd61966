-- CreateTable
CREATE TABLE "Team" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "communeCode" TEXT NOT NULL,
    "villages" TEXT NOT NULL DEFAULT '[]',
    "inviteCode" TEXT,
    "inviteIssuedAt" DATETIME,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "TeamMember" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "remindersOff" BOOLEAN NOT NULL DEFAULT false,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SessionReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reference" TEXT NOT NULL,
    "teamId" INTEGER NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "communeCode" TEXT NOT NULL,
    "sessionDate" TEXT NOT NULL,
    "village" TEXT NOT NULL,
    "topics" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "women" INTEGER NOT NULL,
    "men" INTEGER NOT NULL,
    "ethnicMinority" INTEGER NOT NULL,
    "childrenUnder16" INTEGER NOT NULL,
    "languages" TEXT NOT NULL,
    "materials" INTEGER,
    "referred" INTEGER NOT NULL DEFAULT 0,
    "photos" TEXT NOT NULL DEFAULT '[]',
    "notes" TEXT,
    "reporterChannel" TEXT NOT NULL,
    "reporterUserId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReportRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reportId" INTEGER NOT NULL,
    "previous" TEXT NOT NULL,
    "changedBy" TEXT NOT NULL,
    "changedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Team_inviteCode_key" ON "Team"("inviteCode");

-- CreateIndex
CREATE INDEX "Team_communeCode_idx" ON "Team"("communeCode");

-- CreateIndex
CREATE INDEX "Team_provinceCode_idx" ON "Team"("provinceCode");

-- CreateIndex
CREATE INDEX "TeamMember_teamId_idx" ON "TeamMember"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "TeamMember_channel_userId_key" ON "TeamMember"("channel", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "SessionReport_reference_key" ON "SessionReport"("reference");

-- CreateIndex
CREATE INDEX "SessionReport_teamId_sessionDate_idx" ON "SessionReport"("teamId", "sessionDate");

-- CreateIndex
CREATE INDEX "SessionReport_communeCode_sessionDate_idx" ON "SessionReport"("communeCode", "sessionDate");

-- CreateIndex
CREATE INDEX "SessionReport_provinceCode_sessionDate_idx" ON "SessionReport"("provinceCode", "sessionDate");

-- CreateIndex
CREATE INDEX "ReportRevision_reportId_idx" ON "ReportRevision"("reportId");

