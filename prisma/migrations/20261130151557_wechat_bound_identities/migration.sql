-- CreateTable
CREATE TABLE "BindCode" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "personId" INTEGER NOT NULL,
    "issuedBy" INTEGER,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "BindCode_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Identity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "byName" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Identity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Every WeChat identity written before this migration is a display name (group nickname or WeChat
-- name): from now on such an identity gives no more than a resident's rights (README: WeChat).
INSERT INTO "new_Identity" ("id", "name", "personId", "platform", "userId", "byName") SELECT "id", "name", "personId", "platform", "userId", "platform" = 'wechat' FROM "Identity";
DROP TABLE "Identity";
ALTER TABLE "new_Identity" RENAME TO "Identity";
CREATE UNIQUE INDEX "Identity_platform_userId_key" ON "Identity"("platform", "userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
