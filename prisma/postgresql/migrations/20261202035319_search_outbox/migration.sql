-- CreateTable
CREATE TABLE "SearchOutbox" (
    "id" SERIAL NOT NULL,
    "documentId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "failedAt" TIMESTAMP(3),

    CONSTRAINT "SearchOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchOutbox_failedAt_id_idx" ON "SearchOutbox"("failedAt", "id");

