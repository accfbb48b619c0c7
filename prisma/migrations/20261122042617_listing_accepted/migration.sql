-- AlterTable
ALTER TABLE "listing" ADD COLUMN     "accepted" JSONB;
