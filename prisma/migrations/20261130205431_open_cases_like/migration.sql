-- A ring compares itself with the newest open cases of its building rung before the incident window (src/app/ring.ts likeOpen): a range on the index, not every open case of the building.
-- DropIndex
DROP INDEX "Case_communityId_building_status_idx";

-- CreateIndex
CREATE INDEX "Case_communityId_building_status_createdAt_idx" ON "Case"("communityId", "building", "status", "createdAt");
