-- CreateTable
CREATE TABLE "JobSlot" (
    "name" TEXT NOT NULL,
    "slotAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobSlot_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "RateBucket" (
    "key" TEXT NOT NULL,
    "milliTokens" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateBucket_pkey" PRIMARY KEY ("key")
);

