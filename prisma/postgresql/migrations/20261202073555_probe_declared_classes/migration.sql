-- AlterTable
ALTER TABLE "ConformanceRun" ADD COLUMN     "declaredClasses" TEXT;

