-- CreateTable
CREATE TABLE "Clause" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL,
    "obligation" TEXT NOT NULL,
    "currentVersion" TEXT NOT NULL,
    "discussionTopicId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Clause_discussionTopicId_fkey" FOREIGN KEY ("discussionTopicId") REFERENCES "Topic" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClauseVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "clauseId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "frontMatter" TEXT NOT NULL,
    "bindingText" TEXT NOT NULL,
    "guidanceText" TEXT NOT NULL,
    "sourceText" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL,
    "inForceFrom" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ClauseVersion_clauseId_fkey" FOREIGN KEY ("clauseId") REFERENCES "Clause" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Clause_discussionTopicId_key" ON "Clause"("discussionTopicId");

-- CreateIndex
CREATE INDEX "Clause_theme_idx" ON "Clause"("theme");

-- CreateIndex
CREATE UNIQUE INDEX "ClauseVersion_clauseId_version_key" ON "ClauseVersion"("clauseId", "version");

