-- The committee's desk (issue 13): triage (受理 / 不受理 / 转办), figures by building, files sent by the relay.
-- Written by hand to stay additive: ALTER TABLE, never a copy of "Case" (other migrations add columns too).

-- AlterTable
ALTER TABLE "Case" ADD COLUMN "acceptedAt" DATETIME;
ALTER TABLE "Case" ADD COLUMN "referredTo" TEXT;
ALTER TABLE "Case" ADD COLUMN "closedById" INTEGER;
ALTER TABLE "Case" ADD COLUMN "building" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Case" ADD COLUMN "claimMs" INTEGER;
ALTER TABLE "Case" ADD COLUMN "resolveMs" INTEGER;

-- Every case so far was accepted when it was rung (there was no triage).
UPDATE "Case" SET "acceptedAt" = "createdAt";
-- Who cancelled: the audit log says.
UPDATE "Case" SET "closedById" = (
    SELECT e."actorId" FROM "CaseEvent" e WHERE e."caseId" = "Case"."id" AND e."kind" = 'cancelled' ORDER BY e."id" DESC LIMIT 1
) WHERE "closeReason" = 'cancelled';
-- The building: the place's first two parts (锦绣新村/9幢/2单元 → 锦绣新村/9幢), as src/domain/places.ts buildingOf.
UPDATE "Case" SET "building" = CASE
    WHEN instr("place", '/') = 0 THEN "place"
    WHEN instr(substr("place", instr("place", '/') + 1), '/') = 0 THEN "place"
    ELSE substr("place", 1, instr("place", '/') + instr(substr("place", instr("place", '/') + 1), '/') - 1)
END;

-- How long each case took, as src/store/prisma-store.ts stateFields writes it.
UPDATE "Case" SET "claimMs" = CAST(ROUND((julianday("claimedAt") - julianday("createdAt")) * 86400000.0) AS INTEGER) WHERE "claimedAt" IS NOT NULL;
UPDATE "Case" SET "resolveMs" = CAST(ROUND((julianday("resolvedAt") - julianday("createdAt")) * 86400000.0) AS INTEGER) WHERE "resolvedAt" IS NOT NULL;

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "fileMime" TEXT;
ALTER TABLE "Outbox" ADD COLUMN "fileName" TEXT;

-- CreateTable
CREATE TABLE "OutboxFile" (
    "outboxId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "data" BLOB NOT NULL,
    CONSTRAINT "OutboxFile_outboxId_fkey" FOREIGN KEY ("outboxId") REFERENCES "Outbox" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Case_period_idx" ON "Case"("communityId", "createdAt");
CREATE INDEX "Case_claim_ms_idx" ON "Case"("communityId", "claimMs");
CREATE INDEX "Case_resolve_ms_idx" ON "Case"("communityId", "resolveMs");

-- CreateIndex
CREATE INDEX "CaseEvent_at_idx" ON "CaseEvent"("at");
