-- CreateTable
CREATE TABLE "TopicUser" (
    "userId" INTEGER NOT NULL,
    "topicId" INTEGER NOT NULL,
    "lastReadPostNumber" INTEGER NOT NULL DEFAULT 0,
    "notificationLevel" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TopicUser_pkey" PRIMARY KEY ("userId","topicId")
);

-- CreateTable
CREATE TABLE "CategoryUser" (
    "userId" INTEGER NOT NULL,
    "categoryId" INTEGER NOT NULL,
    "notificationLevel" INTEGER NOT NULL,

    CONSTRAINT "CategoryUser_pkey" PRIMARY KEY ("userId","categoryId")
);

-- CreateTable
CREATE TABLE "TagUser" (
    "userId" INTEGER NOT NULL,
    "tagId" INTEGER NOT NULL,
    "notificationLevel" INTEGER NOT NULL,

    CONSTRAINT "TagUser_pkey" PRIMARY KEY ("userId","tagId")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "topicId" INTEGER NOT NULL,
    "postNumber" INTEGER NOT NULL,
    "actorId" INTEGER,
    "data" TEXT NOT NULL DEFAULT '{}',
    "readAt" TIMESTAMP(3),
    "emailedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "TopicUser" ADD CONSTRAINT "TopicUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicUser" ADD CONSTRAINT "TopicUser_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryUser" ADD CONSTRAINT "CategoryUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryUser" ADD CONSTRAINT "CategoryUser_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TagUser" ADD CONSTRAINT "TagUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TagUser" ADD CONSTRAINT "TagUser_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

