-- CreateTable
CREATE TABLE "ConformanceUpload" (
    "id" SERIAL NOT NULL,
    "deploymentId" INTEGER NOT NULL,
    "uploaderId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL DEFAULT '',
    "rawFile" BYTEA NOT NULL,
    "rawMediaType" TEXT NOT NULL,
    "rawSize" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConformanceUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConformanceUpload_createdAt_idx" ON "ConformanceUpload"("createdAt");

-- CreateIndex
CREATE INDEX "ConformanceUpload_uploaderId_idx" ON "ConformanceUpload"("uploaderId");

-- AddForeignKey
ALTER TABLE "ConformanceUpload" ADD CONSTRAINT "ConformanceUpload_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConformanceUpload" ADD CONSTRAINT "ConformanceUpload_uploaderId_fkey" FOREIGN KEY ("uploaderId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

