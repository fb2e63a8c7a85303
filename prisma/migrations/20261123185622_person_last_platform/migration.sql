-- AlterTable
ALTER TABLE "Person" ADD COLUMN "lastPlatform" TEXT;
