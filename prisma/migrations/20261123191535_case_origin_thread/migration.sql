-- AlterTable
ALTER TABLE "Case" ADD COLUMN "originThreadId" TEXT;
