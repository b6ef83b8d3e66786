-- CreateTable
CREATE TABLE "TopicUser" (
    "userId" INTEGER NOT NULL,
    "topicId" INTEGER NOT NULL,
    "lastReadPostNumber" INTEGER NOT NULL DEFAULT 0,
    "notificationLevel" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "topicId"),
    CONSTRAINT "TopicUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TopicUser_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CategoryUser" (
    "userId" INTEGER NOT NULL,
    "categoryId" INTEGER NOT NULL,
    "notificationLevel" INTEGER NOT NULL,

    PRIMARY KEY ("userId", "categoryId"),
    CONSTRAINT "CategoryUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CategoryUser_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TagUser" (
    "userId" INTEGER NOT NULL,
    "tagId" INTEGER NOT NULL,
    "notificationLevel" INTEGER NOT NULL,

    PRIMARY KEY ("userId", "tagId"),
    CONSTRAINT "TagUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TagUser_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "topicId" INTEGER NOT NULL,
    "postNumber" INTEGER NOT NULL,
    "actorId" INTEGER,
    "data" TEXT NOT NULL DEFAULT '{}',
    "readAt" DATETIME,
    "emailedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "TopicUser_topicId_notificationLevel_idx" ON "TopicUser"("topicId", "notificationLevel");

-- CreateIndex
CREATE INDEX "CategoryUser_categoryId_notificationLevel_idx" ON "CategoryUser"("categoryId", "notificationLevel");

-- CreateIndex
CREATE INDEX "TagUser_tagId_notificationLevel_idx" ON "TagUser"("tagId", "notificationLevel");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_id_idx" ON "Notification"("userId", "readAt", "id");

-- CreateIndex
CREATE INDEX "Notification_emailedAt_createdAt_idx" ON "Notification"("emailedAt", "createdAt");

