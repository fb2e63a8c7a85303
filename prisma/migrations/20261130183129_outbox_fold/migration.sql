-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "fold" TEXT;
