-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "askedIn" TEXT;
