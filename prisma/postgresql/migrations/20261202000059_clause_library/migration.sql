-- CreateTable
CREATE TABLE "Clause" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL,
    "obligation" TEXT NOT NULL,
    "currentVersion" TEXT NOT NULL,
    "discussionTopicId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Clause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClauseVersion" (
    "id" SERIAL NOT NULL,
    "clauseId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "frontMatter" TEXT NOT NULL,
    "bindingText" TEXT NOT NULL,
    "guidanceText" TEXT NOT NULL,
    "sourceText" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "inForceFrom" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClauseVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Clause_discussionTopicId_key" ON "Clause"("discussionTopicId");

-- CreateIndex
CREATE INDEX "Clause_theme_idx" ON "Clause"("theme");

-- CreateIndex
CREATE UNIQUE INDEX "ClauseVersion_clauseId_version_key" ON "ClauseVersion"("clauseId", "version");

-- AddForeignKey
ALTER TABLE "Clause" ADD CONSTRAINT "Clause_discussionTopicId_fkey" FOREIGN KEY ("discussionTopicId") REFERENCES "Topic"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClauseVersion" ADD CONSTRAINT "ClauseVersion_clauseId_fkey" FOREIGN KEY ("clauseId") REFERENCES "Clause"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

