-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "Outbox" ADD COLUMN "leaseUntil" DATETIME;
