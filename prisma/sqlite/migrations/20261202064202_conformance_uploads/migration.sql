-- CreateTable
CREATE TABLE "ConformanceUpload" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "deploymentId" INTEGER NOT NULL,
    "uploaderId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL DEFAULT '',
    "rawFile" BLOB NOT NULL,
    "rawMediaType" TEXT NOT NULL,
    "rawSize" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConformanceUpload_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConformanceUpload_uploaderId_fkey" FOREIGN KEY ("uploaderId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ConformanceUpload_createdAt_idx" ON "ConformanceUpload"("createdAt");

-- CreateIndex
CREATE INDEX "ConformanceUpload_uploaderId_idx" ON "ConformanceUpload"("uploaderId");

