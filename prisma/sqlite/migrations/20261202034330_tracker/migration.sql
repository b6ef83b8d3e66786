-- CreateTable
CREATE TABLE "InteropReport" (
    "topicId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reportingSolutionId" INTEGER NOT NULL,
    "reportingVersionId" INTEGER,
    "classUri" TEXT,
    "endpointUrl" TEXT NOT NULL DEFAULT '',
    "steps" TEXT NOT NULL DEFAULT '',
    "expected" TEXT NOT NULL DEFAULT '',
    "actual" TEXT NOT NULL DEFAULT '',
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'new',
    "closeReason" TEXT,
    "duplicateOfTopicId" INTEGER,
    "fixedInVersionId" INTEGER,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "statusChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "remindedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "InteropReport_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InteropReport_reportingSolutionId_fkey" FOREIGN KEY ("reportingSolutionId") REFERENCES "Solution" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "InteropReport_reportingVersionId_fkey" FOREIGN KEY ("reportingVersionId") REFERENCES "SolutionVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "InteropReport_fixedInVersionId_fkey" FOREIGN KEY ("fixedInVersionId") REFERENCES "SolutionVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportAffectedSolution" (
    "topicId" INTEGER NOT NULL,
    "solutionId" INTEGER NOT NULL,
    "versionId" INTEGER,

    PRIMARY KEY ("topicId", "solutionId"),
    CONSTRAINT "ReportAffectedSolution_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "InteropReport" ("topicId") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReportAffectedSolution_solutionId_fkey" FOREIGN KEY ("solutionId") REFERENCES "Solution" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ReportAffectedSolution_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "SolutionVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "topicId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "changes" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReportRevision_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "InteropReport" ("topicId") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReportRevision_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TopicAssignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "topicId" INTEGER NOT NULL,
    "userId" INTEGER,
    "groupId" INTEGER,
    "assignedById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TopicAssignment_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TopicAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TopicAssignment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TopicAssignment_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TopicLink" (
    "fromPostId" INTEGER NOT NULL,
    "fromTopicId" INTEGER NOT NULL,
    "toTopicId" INTEGER NOT NULL,

    PRIMARY KEY ("fromPostId", "toTopicId"),
    CONSTRAINT "TopicLink_fromTopicId_fkey" FOREIGN KEY ("fromTopicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TopicLink_toTopicId_fkey" FOREIGN KEY ("toTopicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExternalReference" (
    "postId" INTEGER NOT NULL,
    "topicId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "repository" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "number" INTEGER NOT NULL,

    PRIMARY KEY ("postId", "url"),
    CONSTRAINT "ExternalReference_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TopicRelation" (
    "blockerTopicId" INTEGER NOT NULL,
    "blockedTopicId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("blockerTopicId", "blockedTopicId"),
    CONSTRAINT "TopicRelation_blockerTopicId_fkey" FOREIGN KEY ("blockerTopicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TopicRelation_blockedTopicId_fkey" FOREIGN KEY ("blockedTopicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TopicRelation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TopicVote" (
    "topicId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "releasedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("topicId", "userId"),
    CONSTRAINT "TopicVote_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TopicVote_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SavedFilter" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SavedFilter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT NOT NULL DEFAULT '[]',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "webhookId" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Category" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "color" TEXT NOT NULL DEFAULT '000091',
    "position" INTEGER NOT NULL DEFAULT 0,
    "parentId" INTEGER,
    "readRestricted" BOOLEAN NOT NULL DEFAULT false,
    "reportForm" TEXT,
    "votingEnabled" BOOLEAN NOT NULL DEFAULT false,
    "votesPerUser" INTEGER NOT NULL DEFAULT 10,
    "topicCount" INTEGER NOT NULL DEFAULT 0,
    "postCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Category_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Category" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Category" ("color", "createdAt", "description", "id", "name", "parentId", "position", "postCount", "readRestricted", "slug", "topicCount") SELECT "color", "createdAt", "description", "id", "name", "parentId", "position", "postCount", "readRestricted", "slug", "topicCount" FROM "Category";
DROP TABLE "Category";
ALTER TABLE "new_Category" RENAME TO "Category";
CREATE UNIQUE INDEX "Category_slug_key" ON "Category"("slug");
CREATE TABLE "new_Topic" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "categoryId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "postsCount" INTEGER NOT NULL DEFAULT 0,
    "highestPostNumber" INTEGER NOT NULL DEFAULT 0,
    "views" INTEGER NOT NULL DEFAULT 0,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "closed" BOOLEAN NOT NULL DEFAULT false,
    "lastPostedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "bumpedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    "voteCount" INTEGER NOT NULL DEFAULT 0,
    "acceptedAnswerPostId" INTEGER,
    CONSTRAINT "Topic_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Topic_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Topic" ("bumpedAt", "categoryId", "closed", "createdAt", "deletedAt", "highestPostNumber", "id", "lastPostedAt", "pinned", "postsCount", "slug", "title", "updatedAt", "userId", "views") SELECT "bumpedAt", "categoryId", "closed", "createdAt", "deletedAt", "highestPostNumber", "id", "lastPostedAt", "pinned", "postsCount", "slug", "title", "updatedAt", "userId", "views" FROM "Topic";
DROP TABLE "Topic";
ALTER TABLE "new_Topic" RENAME TO "Topic";
CREATE INDEX "Topic_bumpedAt_id_idx" ON "Topic"("bumpedAt", "id");
CREATE INDEX "Topic_categoryId_bumpedAt_id_idx" ON "Topic"("categoryId", "bumpedAt", "id");
CREATE INDEX "Topic_categoryId_voteCount_id_idx" ON "Topic"("categoryId", "voteCount", "id");
CREATE TABLE "new_Post" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "topicId" INTEGER NOT NULL,
    "postNumber" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "raw" TEXT NOT NULL,
    "cooked" TEXT NOT NULL,
    "replyToPostNumber" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    "deletedById" INTEGER,
    "hiddenAt" DATETIME,
    "postType" INTEGER NOT NULL DEFAULT 1,
    "action" TEXT,
    "actionData" TEXT,
    CONSTRAINT "Post_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Post_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Post" ("cooked", "createdAt", "deletedAt", "deletedById", "hiddenAt", "id", "postNumber", "raw", "replyToPostNumber", "topicId", "updatedAt", "userId", "version") SELECT "cooked", "createdAt", "deletedAt", "deletedById", "hiddenAt", "id", "postNumber", "raw", "replyToPostNumber", "topicId", "updatedAt", "userId", "version" FROM "Post";
DROP TABLE "Post";
ALTER TABLE "new_Post" RENAME TO "Post";
CREATE INDEX "Post_userId_idx" ON "Post"("userId");
CREATE UNIQUE INDEX "Post_topicId_postNumber_key" ON "Post"("topicId", "postNumber");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "InteropReport_status_topicId_idx" ON "InteropReport"("status", "topicId");

-- CreateIndex
CREATE INDEX "InteropReport_reportingSolutionId_idx" ON "InteropReport"("reportingSolutionId");

-- CreateIndex
CREATE INDEX "InteropReport_classUri_idx" ON "InteropReport"("classUri");

-- CreateIndex
CREATE INDEX "ReportAffectedSolution_solutionId_idx" ON "ReportAffectedSolution"("solutionId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportRevision_topicId_number_key" ON "ReportRevision"("topicId", "number");

-- CreateIndex
CREATE INDEX "TopicAssignment_topicId_idx" ON "TopicAssignment"("topicId");

-- CreateIndex
CREATE INDEX "TopicAssignment_userId_topicId_idx" ON "TopicAssignment"("userId", "topicId");

-- CreateIndex
CREATE INDEX "TopicAssignment_groupId_topicId_idx" ON "TopicAssignment"("groupId", "topicId");

-- CreateIndex
CREATE INDEX "TopicLink_toTopicId_idx" ON "TopicLink"("toTopicId");

-- CreateIndex
CREATE INDEX "TopicLink_fromTopicId_idx" ON "TopicLink"("fromTopicId");

-- CreateIndex
CREATE INDEX "ExternalReference_topicId_idx" ON "ExternalReference"("topicId");

-- CreateIndex
CREATE INDEX "TopicRelation_blockedTopicId_idx" ON "TopicRelation"("blockedTopicId");

-- CreateIndex
CREATE INDEX "TopicVote_userId_releasedAt_idx" ON "TopicVote"("userId", "releasedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SavedFilter_userId_name_key" ON "SavedFilter"("userId", "name");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_id_idx" ON "WebhookDelivery"("webhookId", "id");

