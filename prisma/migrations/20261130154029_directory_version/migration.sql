-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Community" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "nextCaseNo" INTEGER NOT NULL DEFAULT 1,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "directoryVersion" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Community" ("id", "locale", "name", "nextCaseNo", "settings", "timezone") SELECT "id", "locale", "name", "nextCaseNo", "settings", "timezone" FROM "Community";
DROP TABLE "Community";
ALTER TABLE "new_Community" RENAME TO "Community";
CREATE UNIQUE INDEX "Community_name_key" ON "Community"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
