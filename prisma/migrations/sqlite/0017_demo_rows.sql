-- Demo rows (DEMO=1 and the simulator) are flagged so `npm run demo:clear` removes exactly them.
ALTER TABLE "Conversation" ADD COLUMN "demo" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Handover" ADD COLUMN "demo" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Team" ADD COLUMN "demo" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "SessionReport" ADD COLUMN "demo" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Campaign" ADD COLUMN "demo" BOOLEAN NOT NULL DEFAULT false;
