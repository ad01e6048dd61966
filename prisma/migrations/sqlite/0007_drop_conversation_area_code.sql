-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Conversation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'vi',
    "flow" TEXT,
    "step" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    "provinceCode" TEXT,
    "communeCode" TEXT,
    "handledBy" TEXT NOT NULL DEFAULT 'bot',
    "privacyNoticeAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "lastInboundAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Conversation" ("channel", "communeCode", "createdAt", "data", "flow", "handledBy", "id", "language", "lastInboundAt", "privacyNoticeAt", "provinceCode", "step", "updatedAt", "userId", "version") SELECT "channel", "communeCode", "createdAt", "data", "flow", "handledBy", "id", "language", "lastInboundAt", "privacyNoticeAt", "provinceCode", "step", "updatedAt", "userId", "version" FROM "Conversation";
DROP TABLE "Conversation";
ALTER TABLE "new_Conversation" RENAME TO "Conversation";
CREATE INDEX "Conversation_provinceCode_idx" ON "Conversation"("provinceCode");
CREATE INDEX "Conversation_communeCode_idx" ON "Conversation"("communeCode");
CREATE UNIQUE INDEX "Conversation_channel_userId_key" ON "Conversation"("channel", "userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

