-- CreateTable
CREATE TABLE "HeldRing" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "msgId" TEXT NOT NULL,
    "threadId" TEXT,
    "text" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "contact" TEXT,
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "at" DATETIME NOT NULL,
    "caseId" INTEGER
);

-- CreateTable
CREATE TABLE "Mark" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "HeldRing_personId_caseId_idx" ON "HeldRing"("personId", "caseId");

-- CreateIndex
CREATE INDEX "Mark_key_at_idx" ON "Mark"("key", "at");

-- CreateIndex
CREATE INDEX "Case_reporterId_createdAt_idx" ON "Case"("reporterId", "createdAt");
