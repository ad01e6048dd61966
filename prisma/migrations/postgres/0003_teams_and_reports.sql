-- CreateTable
CREATE TABLE "Team" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "communeCode" TEXT NOT NULL,
    "villages" TEXT NOT NULL DEFAULT '[]',
    "inviteCode" TEXT,
    "inviteIssuedAt" TIMESTAMP(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamMember" (
    "id" SERIAL NOT NULL,
    "teamId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "remindersOff" BOOLEAN NOT NULL DEFAULT false,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionReport" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SessionReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportRevision" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "previous" TEXT NOT NULL,
    "changedBy" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportRevision_pkey" PRIMARY KEY ("id")
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

