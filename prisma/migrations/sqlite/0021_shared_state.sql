-- CreateTable
CREATE TABLE "SimulatorEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "conversationKey" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "entry" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PendingImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" INTEGER NOT NULL,
    "plan" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "SimulatorEntry_conversationKey_seq_key" ON "SimulatorEntry"("conversationKey", "seq");

-- CreateIndex
CREATE INDEX "PendingImport_expiresAt_idx" ON "PendingImport"("expiresAt");

