-- CreateEnum
CREATE TYPE "DriftKind" AS ENUM ('missing', 'orphaned', 'field_drift', 'stuck_in_review', 'rejected');

-- AlterTable
ALTER TABLE "product_content" ADD COLUMN     "field_states" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "glossary_term" (
    "id" TEXT NOT NULL,
    "source_locale" TEXT NOT NULL,
    "target_locale" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "translation" TEXT,
    "case_sensitive" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "glossary_term_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "translation_memory" (
    "id" TEXT NOT NULL,
    "source_locale" TEXT NOT NULL,
    "target_locale" TEXT NOT NULL,
    "source_hash" TEXT NOT NULL,
    "source_text" TEXT NOT NULL,
    "target_text" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "hits" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "used_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "translation_memory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reconcile_run" (
    "id" TEXT NOT NULL,
    "channel_account_id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "pages_fetched" INTEGER NOT NULL DEFAULT 0,
    "remote_count" INTEGER NOT NULL DEFAULT 0,
    "expected_count" INTEGER NOT NULL DEFAULT 0,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "repaired" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "reconcile_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reconcile_item" (
    "id" BIGSERIAL NOT NULL,
    "run_id" TEXT NOT NULL,
    "kind" "DriftKind" NOT NULL,
    "product_id" TEXT,
    "seller_sku" TEXT,
    "item_id" TEXT,
    "field" TEXT,
    "expected" TEXT,
    "actual" TEXT,
    "action" TEXT NOT NULL DEFAULT 'reported',

    CONSTRAINT "reconcile_item_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "glossary_term_source_locale_target_locale_term_key" ON "glossary_term"("source_locale", "target_locale", "term");

-- CreateIndex
CREATE UNIQUE INDEX "translation_memory_source_locale_target_locale_source_hash_key" ON "translation_memory"("source_locale", "target_locale", "source_hash");

-- CreateIndex
CREATE INDEX "reconcile_run_channel_account_id_started_at_idx" ON "reconcile_run"("channel_account_id", "started_at");

-- CreateIndex
CREATE INDEX "reconcile_item_run_id_kind_idx" ON "reconcile_item"("run_id", "kind");

-- AddForeignKey
ALTER TABLE "reconcile_item" ADD CONSTRAINT "reconcile_item_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "reconcile_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
