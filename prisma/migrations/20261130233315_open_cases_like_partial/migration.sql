-- CreateIndex
CREATE INDEX "Case_like_idx" ON "Case"("communityId", "building", "category", "createdAt", "reporterId") WHERE "status" IN ('open', 'claimed');
