-- CreateTable
CREATE TABLE "Solution" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "repositoryUrl" TEXT NOT NULL DEFAULT '',
    "trackerUrl" TEXT NOT NULL DEFAULT '',
    "maintainerGroupId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Solution_maintainerGroupId_fkey" FOREIGN KEY ("maintainerGroupId") REFERENCES "Group" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SolutionVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "solutionId" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SolutionVersion_solutionId_fkey" FOREIGN KEY ("solutionId") REFERENCES "Solution" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Deployment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "organisationLabel" TEXT NOT NULL DEFAULT '',
    "endpointUrl" TEXT NOT NULL DEFAULT '',
    "solutionVersionId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Deployment_solutionVersionId_fkey" FOREIGN KEY ("solutionVersionId") REFERENCES "SolutionVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConformanceClass" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "uri" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "standard" TEXT NOT NULL,
    "part" TEXT,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "verified" BOOLEAN NOT NULL DEFAULT true
);

-- CreateTable
CREATE TABLE "GroupClassRule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "suite" TEXT,
    "group" TEXT NOT NULL,
    "classUri" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ConformanceRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "deploymentId" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "fileFormat" TEXT NOT NULL,
    "suiteName" TEXT NOT NULL,
    "suiteVersion" TEXT,
    "subject" TEXT,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "total" INTEGER NOT NULL,
    "passed" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "skipped" INTEGER NOT NULL,
    "errored" INTEGER NOT NULL,
    "warnings" TEXT NOT NULL DEFAULT '[]',
    "rawFile" BLOB NOT NULL,
    "rawMediaType" TEXT NOT NULL,
    "rawSize" INTEGER NOT NULL,
    "uploadedById" INTEGER,
    "uploadedByKeyId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConformanceRun_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConformanceRun_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConformanceResult" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "testId" TEXT NOT NULL,
    "caseKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "group" TEXT,
    "classUri" TEXT,
    "status" TEXT NOT NULL,
    "skipCause" TEXT,
    "message" TEXT,
    "description" TEXT,
    "durationMs" INTEGER,
    "subject" TEXT,
    "parameters" TEXT NOT NULL DEFAULT '[]',
    "requirements" TEXT NOT NULL DEFAULT '[]',
    "http" TEXT,
    "findings" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "ConformanceResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ConformanceRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConformanceRunClass" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "deploymentId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "classUri" TEXT,
    "group" TEXT,
    "verdict" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "passed" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "skipped" INTEGER NOT NULL,
    "errored" INTEGER NOT NULL,
    CONSTRAINT "ConformanceRunClass_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ConformanceRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Solution_slug_key" ON "Solution"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "SolutionVersion_solutionId_version_key" ON "SolutionVersion"("solutionId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Deployment_slug_key" ON "Deployment"("slug");

-- CreateIndex
CREATE INDEX "Deployment_solutionVersionId_idx" ON "Deployment"("solutionVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "ConformanceClass_uri_key" ON "ConformanceClass"("uri");

-- CreateIndex
CREATE INDEX "GroupClassRule_position_id_idx" ON "GroupClassRule"("position", "id");

-- CreateIndex
CREATE INDEX "ConformanceRun_deploymentId_id_idx" ON "ConformanceRun"("deploymentId", "id");

-- CreateIndex
CREATE INDEX "ConformanceResult_runId_position_idx" ON "ConformanceResult"("runId", "position");

-- CreateIndex
CREATE INDEX "ConformanceResult_caseKey_idx" ON "ConformanceResult"("caseKey");

-- CreateIndex
CREATE INDEX "ConformanceRunClass_runId_idx" ON "ConformanceRunClass"("runId");

-- CreateIndex
CREATE INDEX "ConformanceRunClass_deploymentId_classUri_runId_idx" ON "ConformanceRunClass"("deploymentId", "classUri", "runId");

