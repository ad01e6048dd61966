-- CreateTable
CREATE TABLE "JobSlot" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "slotAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RateBucket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "milliTokens" INTEGER NOT NULL,
    "at" DATETIME NOT NULL
);

