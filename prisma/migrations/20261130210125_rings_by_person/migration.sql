-- Flood control counts a person's recent rings on every ring (src/store/sql-tx.ts countRungBy): with the community in the index the count reads no row.
-- DropIndex
DROP INDEX "Case_reporterId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Case_reporterId_createdAt_communityId_idx" ON "Case"("reporterId", "createdAt", "communityId");
