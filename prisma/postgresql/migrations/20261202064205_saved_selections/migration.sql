-- CreateTable
CREATE TABLE "SavedSelection" (
    "id" SERIAL NOT NULL,
    "ownerId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedSelection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SavedSelection_ownerId_updatedAt_idx" ON "SavedSelection"("ownerId", "updatedAt");

-- AddForeignKey
ALTER TABLE "SavedSelection" ADD CONSTRAINT "SavedSelection_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

