-- CreateTable
CREATE TABLE "ConformanceTestLink" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "deploymentId" INTEGER NOT NULL,
    "caseKey" TEXT NOT NULL,
    "testName" TEXT NOT NULL,
    "classUri" TEXT,
    "topicId" INTEGER NOT NULL,
    "linkedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastStatus" TEXT NOT NULL,
    "lastRunId" INTEGER NOT NULL,
    CONSTRAINT "ConformanceTestLink_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConformanceTestLink_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConformanceTestLink_linkedById_fkey" FOREIGN KEY ("linkedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ConformanceTestLink_topicId_idx" ON "ConformanceTestLink"("topicId");

-- CreateIndex
CREATE INDEX "ConformanceTestLink_lastStatus_deploymentId_classUri_idx" ON "ConformanceTestLink"("lastStatus", "deploymentId", "classUri");

-- CreateIndex
CREATE UNIQUE INDEX "ConformanceTestLink_deploymentId_caseKey_topicId_key" ON "ConformanceTestLink"("deploymentId", "caseKey", "topicId");

