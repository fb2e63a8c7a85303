-- CreateIndex
CREATE INDEX "Case_communityId_building_status_idx" ON "Case"("communityId", "building", "status");
