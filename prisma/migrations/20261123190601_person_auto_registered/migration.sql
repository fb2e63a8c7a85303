-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "roles" TEXT NOT NULL DEFAULT '["resident"]',
    "locale" TEXT,
    "lastPlatform" TEXT,
    "autoRegistered" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Person_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Person" ("communityId", "id", "lastPlatform", "locale", "name", "roles") SELECT "communityId", "id", "lastPlatform", "locale", "name", "roles" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE UNIQUE INDEX "Person_communityId_name_key" ON "Person"("communityId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
