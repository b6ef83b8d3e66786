-- CreateIndex
CREATE INDEX "Topic_voteCount_id_idx" ON "Topic"("voteCount", "id");

-- CreateIndex
CREATE INDEX "Topic_createdAt_id_idx" ON "Topic"("createdAt", "id");

