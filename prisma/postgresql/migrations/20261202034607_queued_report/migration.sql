-- AlterTable
ALTER TABLE "QueuedPost" ADD COLUMN     "report" TEXT;

