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
    "directoryVersion" INTEGER NOT NULL DEFAULT 0,
    "groupsVersion" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Community" ("directoryVersion", "id", "locale", "name", "nextCaseNo", "settings", "timezone") SELECT "directoryVersion", "id", "locale", "name", "nextCaseNo", "settings", "timezone" FROM "Community";
DROP TABLE "Community";
ALTER TABLE "new_Community" RENAME TO "Community";
CREATE UNIQUE INDEX "Community_name_key" ON "Community"("name");
CREATE TABLE "new_Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "roles" TEXT NOT NULL DEFAULT '["resident"]',
    "locale" TEXT,
    "lastPlatform" TEXT,
    "autoRegistered" BOOLEAN NOT NULL DEFAULT false,
    "directoryVersion" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Person_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Person" ("autoRegistered", "communityId", "id", "lastPlatform", "locale", "name", "roles") SELECT "autoRegistered", "communityId", "id", "lastPlatform", "locale", "name", "roles" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE INDEX "Person_communityId_roles_idx" ON "Person"("communityId", "roles");
CREATE INDEX "Person_communityId_directoryVersion_idx" ON "Person"("communityId", "directoryVersion");
CREATE UNIQUE INDEX "Person_communityId_name_key" ON "Person"("communityId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Case_communityId_status_claimantId_idx" ON "Case"("communityId", "status", "claimantId");

-- CreateIndex
CREATE INDEX "GroupChat_groupId_idx" ON "GroupChat"("groupId");

-- CreateIndex
CREATE INDEX "Identity_personId_idx" ON "Identity"("personId");

-- CreateIndex
CREATE INDEX "Shift_volunteerId_idx" ON "Shift"("volunteerId");
