-- AlterTable
ALTER TABLE "Category" ADD COLUMN     "reportForm" TEXT,
ADD COLUMN     "votesPerUser" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "votingEnabled" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Topic" ADD COLUMN     "acceptedAnswerPostId" INTEGER,
ADD COLUMN     "voteCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "action" TEXT,
ADD COLUMN     "actionData" TEXT,
ADD COLUMN     "postType" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "InteropReport" (
    "topicId" INTEGER NOT NULL,
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
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "remindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InteropReport_pkey" PRIMARY KEY ("topicId")
);

-- CreateTable
CREATE TABLE "ReportAffectedSolution" (
    "topicId" INTEGER NOT NULL,
    "solutionId" INTEGER NOT NULL,
    "versionId" INTEGER,

    CONSTRAINT "ReportAffectedSolution_pkey" PRIMARY KEY ("topicId","solutionId")
);

-- CreateTable
CREATE TABLE "ReportRevision" (
    "id" SERIAL NOT NULL,
    "topicId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "changes" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TopicAssignment" (
    "id" SERIAL NOT NULL,
    "topicId" INTEGER NOT NULL,
    "userId" INTEGER,
    "groupId" INTEGER,
    "assignedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TopicAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TopicLink" (
    "fromPostId" INTEGER NOT NULL,
    "fromTopicId" INTEGER NOT NULL,
    "toTopicId" INTEGER NOT NULL,

    CONSTRAINT "TopicLink_pkey" PRIMARY KEY ("fromPostId","toTopicId")
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

    CONSTRAINT "ExternalReference_pkey" PRIMARY KEY ("postId","url")
);

-- CreateTable
CREATE TABLE "TopicRelation" (
    "blockerTopicId" INTEGER NOT NULL,
    "blockedTopicId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TopicRelation_pkey" PRIMARY KEY ("blockerTopicId","blockedTopicId")
);

-- CreateTable
CREATE TABLE "TopicVote" (
    "topicId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "releasedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TopicVote_pkey" PRIMARY KEY ("topicId","userId")
);

-- CreateTable
CREATE TABLE "SavedFilter" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedFilter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" SERIAL NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT NOT NULL DEFAULT '[]',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" SERIAL NOT NULL,
    "webhookId" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Topic_categoryId_voteCount_id_idx" ON "Topic"("categoryId", "voteCount", "id");

-- AddForeignKey
ALTER TABLE "InteropReport" ADD CONSTRAINT "InteropReport_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InteropReport" ADD CONSTRAINT "InteropReport_reportingSolutionId_fkey" FOREIGN KEY ("reportingSolutionId") REFERENCES "Solution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InteropReport" ADD CONSTRAINT "InteropReport_reportingVersionId_fkey" FOREIGN KEY ("reportingVersionId") REFERENCES "SolutionVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InteropReport" ADD CONSTRAINT "InteropReport_fixedInVersionId_fkey" FOREIGN KEY ("fixedInVersionId") REFERENCES "SolutionVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportAffectedSolution" ADD CONSTRAINT "ReportAffectedSolution_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "InteropReport"("topicId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportAffectedSolution" ADD CONSTRAINT "ReportAffectedSolution_solutionId_fkey" FOREIGN KEY ("solutionId") REFERENCES "Solution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportAffectedSolution" ADD CONSTRAINT "ReportAffectedSolution_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "SolutionVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRevision" ADD CONSTRAINT "ReportRevision_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "InteropReport"("topicId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRevision" ADD CONSTRAINT "ReportRevision_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicAssignment" ADD CONSTRAINT "TopicAssignment_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicAssignment" ADD CONSTRAINT "TopicAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicAssignment" ADD CONSTRAINT "TopicAssignment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicAssignment" ADD CONSTRAINT "TopicAssignment_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicLink" ADD CONSTRAINT "TopicLink_fromTopicId_fkey" FOREIGN KEY ("fromTopicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicLink" ADD CONSTRAINT "TopicLink_toTopicId_fkey" FOREIGN KEY ("toTopicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalReference" ADD CONSTRAINT "ExternalReference_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicRelation" ADD CONSTRAINT "TopicRelation_blockerTopicId_fkey" FOREIGN KEY ("blockerTopicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicRelation" ADD CONSTRAINT "TopicRelation_blockedTopicId_fkey" FOREIGN KEY ("blockedTopicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicRelation" ADD CONSTRAINT "TopicRelation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicVote" ADD CONSTRAINT "TopicVote_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicVote" ADD CONSTRAINT "TopicVote_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedFilter" ADD CONSTRAINT "SavedFilter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

