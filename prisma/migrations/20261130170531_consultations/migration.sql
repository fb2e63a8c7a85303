-- CreateTable
CREATE TABLE "Household" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "needs" TEXT NOT NULL DEFAULT '[]',
    "notes" TEXT NOT NULL DEFAULT '',
    "roster" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "HouseholdMember" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "householdId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "confirmed" BOOLEAN NOT NULL DEFAULT false,
    "at" DATETIME NOT NULL,
    CONSTRAINT "HouseholdMember_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Consultation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "options" TEXT NOT NULL,
    "places" TEXT NOT NULL DEFAULT '[]',
    "unit" TEXT NOT NULL DEFAULT 'household',
    "threshold" TEXT,
    "total" INTEGER,
    "deadline" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "caseId" INTEGER,
    "createdBy" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "result" TEXT,
    "progressAt" DATETIME,
    "progressVotes" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "Vote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "consultationId" INTEGER NOT NULL,
    "voter" TEXT NOT NULL,
    "householdId" INTEGER,
    "personId" INTEGER NOT NULL,
    "option" INTEGER NOT NULL,
    "firstAt" DATETIME NOT NULL,
    "at" DATETIME NOT NULL,
    "changes" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Vote_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "label" TEXT NOT NULL DEFAULT '公示',
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "groups" TEXT NOT NULL DEFAULT '[]',
    "places" TEXT NOT NULL DEFAULT '[]',
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NoticeUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "noticeId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "amount" INTEGER,
    "by" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "NoticeUpdate_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Household_communityId_path_key" ON "Household"("communityId", "path");

-- CreateIndex
CREATE UNIQUE INDEX "HouseholdMember_personId_key" ON "HouseholdMember"("personId");

-- CreateIndex
CREATE INDEX "HouseholdMember_householdId_idx" ON "HouseholdMember"("householdId");

-- CreateIndex
CREATE INDEX "Consultation_communityId_status_idx" ON "Consultation"("communityId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Consultation_communityId_number_key" ON "Consultation"("communityId", "number");

-- CreateIndex
CREATE INDEX "Vote_consultationId_option_idx" ON "Vote"("consultationId", "option");

-- CreateIndex
CREATE UNIQUE INDEX "Vote_consultationId_voter_key" ON "Vote"("consultationId", "voter");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_communityId_number_key" ON "Notice"("communityId", "number");

-- CreateIndex
CREATE INDEX "NoticeUpdate_noticeId_idx" ON "NoticeUpdate"("noticeId");
