-- CreateIndex
CREATE INDEX "Case_arrive_ms_idx" ON "Case"("communityId", "arriveMs");
