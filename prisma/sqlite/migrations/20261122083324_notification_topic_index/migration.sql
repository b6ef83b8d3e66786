-- CreateIndex
CREATE INDEX "Notification_userId_topicId_readAt_idx" ON "Notification"("userId", "topicId", "readAt");

