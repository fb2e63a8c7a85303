-- A bare 按铃 right after the hazard advice rings the words said a moment before (src/app/hazard-ring.ts): kept across a restart, used once.
-- CreateTable
CREATE TABLE "HazardWords" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "HazardWords_at_idx" ON "HazardWords"("at");

-- CreateIndex
CREATE UNIQUE INDEX "HazardWords_personId_platform_chatId_key" ON "HazardWords"("personId", "platform", "chatId");
