-- CreateTable
CREATE TABLE "QueuedPost" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "categoryId" INTEGER,
    "topicId" INTEGER,
    "title" TEXT,
    "raw" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '',
    "replyToPostNumber" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handledById" INTEGER,
    "handledAt" DATETIME,
    "publishedPostId" INTEGER,
    CONSTRAINT "QueuedPost_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "QueuedPost_handledById_fkey" FOREIGN KEY ("handledById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "QueuedPost_status_createdAt_idx" ON "QueuedPost"("status", "createdAt");

-- CreateIndex
CREATE INDEX "QueuedPost_userId_status_idx" ON "QueuedPost"("userId", "status");

