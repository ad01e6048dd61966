-- CreateTable
CREATE TABLE "SimulatorEntry" (
    "id" SERIAL NOT NULL,
    "conversationKey" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "entry" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SimulatorEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendingImport" (
    "id" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "plan" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SimulatorEntry_conversationKey_seq_key" ON "SimulatorEntry"("conversationKey", "seq");

-- CreateIndex
CREATE INDEX "PendingImport_expiresAt_idx" ON "PendingImport"("expiresAt");

