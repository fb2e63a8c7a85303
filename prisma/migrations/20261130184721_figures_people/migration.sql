-- CreateIndex
CREATE INDEX "Case_communityId_reporterId_idx" ON "Case"("communityId", "reporterId");

-- CreateIndex
CREATE INDEX "CaseEvent_kind_caseId_idx" ON "CaseEvent"("kind", "caseId");
