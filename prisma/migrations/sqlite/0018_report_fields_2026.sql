-- Session report fields from docs/reference/project8.md §6.1: men as pioneers, equipment,
-- material kinds, cases detected by kind and referred by place. Old reports keep the defaults.
ALTER TABLE "SessionReport" ADD COLUMN "menPioneers" BOOLEAN;
ALTER TABLE "SessionReport" ADD COLUMN "equipment" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "SessionReport" ADD COLUMN "materialKinds" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "SessionReport" ADD COLUMN "casesDetected" TEXT;
ALTER TABLE "SessionReport" ADD COLUMN "referredTo" TEXT;
