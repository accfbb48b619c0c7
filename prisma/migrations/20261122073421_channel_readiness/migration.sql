-- AlterTable
ALTER TABLE "channel_account" ADD COLUMN     "mapping_version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "taxonomy_fetched_at" TIMESTAMP(3),
ADD COLUMN     "taxonomy_version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "channel_category" (
    "channel_account_id" TEXT NOT NULL,
    "remote_id" TEXT NOT NULL,
    "parent_remote_id" TEXT,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "leaf" BOOLEAN NOT NULL,
    "fetched_at" TIMESTAMP(3) NOT NULL,
    "removed_at" TIMESTAMP(3),
    "attributes_fetched_at" TIMESTAMP(3),

    CONSTRAINT "channel_category_pkey" PRIMARY KEY ("channel_account_id","remote_id")
);

-- CreateTable
CREATE TABLE "channel_attribute" (
    "channel_account_id" TEXT NOT NULL,
    "category_remote_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL,
    "type" TEXT NOT NULL,
    "variant" BOOLEAN NOT NULL,
    "from_listing" BOOLEAN NOT NULL,
    "allows_custom_value" BOOLEAN NOT NULL DEFAULT false,
    "options" JSONB NOT NULL DEFAULT '[]',
    "unit" TEXT,
    "fetched_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "channel_attribute_pkey" PRIMARY KEY ("channel_account_id","category_remote_id","key")
);

-- CreateTable
CREATE TABLE "category_mapping" (
    "id" TEXT NOT NULL,
    "channel_account_id" TEXT NOT NULL,
    "category_id" TEXT NOT NULL,
    "remote_category_id" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "category_mapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attribute_mapping" (
    "id" TEXT NOT NULL,
    "channel_account_id" TEXT NOT NULL,
    "remote_category_id" TEXT NOT NULL DEFAULT '',
    "master_key" TEXT NOT NULL,
    "remote_key" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "attribute_mapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "value_mapping" (
    "id" TEXT NOT NULL,
    "channel_account_id" TEXT NOT NULL,
    "remote_key" TEXT NOT NULL,
    "master_value" TEXT NOT NULL,
    "remote_value" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "value_mapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "taxonomy_refresh" (
    "id" TEXT NOT NULL,
    "channel_account_id" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "categories" INTEGER NOT NULL DEFAULT 0,
    "changes" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,

    CONSTRAINT "taxonomy_refresh_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "media_asset" (
    "source_url" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "etag" TEXT,
    "fetched_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "media_asset_pkey" PRIMARY KEY ("source_url")
);

-- CreateTable
CREATE TABLE "media_upload" (
    "channel_account_id" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "remote_url" TEXT NOT NULL,
    "uploaded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "media_upload_pkey" PRIMARY KEY ("channel_account_id","content_hash")
);

-- CreateIndex
CREATE UNIQUE INDEX "category_mapping_channel_account_id_category_id_key" ON "category_mapping"("channel_account_id", "category_id");

-- CreateIndex
CREATE UNIQUE INDEX "attribute_mapping_channel_account_id_remote_category_id_mas_key" ON "attribute_mapping"("channel_account_id", "remote_category_id", "master_key");

-- CreateIndex
CREATE UNIQUE INDEX "value_mapping_channel_account_id_remote_key_master_value_key" ON "value_mapping"("channel_account_id", "remote_key", "master_value");

-- CreateIndex
CREATE INDEX "taxonomy_refresh_channel_account_id_started_at_idx" ON "taxonomy_refresh"("channel_account_id", "started_at");

-- CreateIndex
CREATE INDEX "media_asset_content_hash_idx" ON "media_asset"("content_hash");

-- AddForeignKey
ALTER TABLE "channel_category" ADD CONSTRAINT "channel_category_channel_account_id_fkey" FOREIGN KEY ("channel_account_id") REFERENCES "channel_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_attribute" ADD CONSTRAINT "channel_attribute_channel_account_id_fkey" FOREIGN KEY ("channel_account_id") REFERENCES "channel_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "category_mapping" ADD CONSTRAINT "category_mapping_channel_account_id_fkey" FOREIGN KEY ("channel_account_id") REFERENCES "channel_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "category_mapping" ADD CONSTRAINT "category_mapping_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attribute_mapping" ADD CONSTRAINT "attribute_mapping_channel_account_id_fkey" FOREIGN KEY ("channel_account_id") REFERENCES "channel_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "value_mapping" ADD CONSTRAINT "value_mapping_channel_account_id_fkey" FOREIGN KEY ("channel_account_id") REFERENCES "channel_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "taxonomy_refresh" ADD CONSTRAINT "taxonomy_refresh_channel_account_id_fkey" FOREIGN KEY ("channel_account_id") REFERENCES "channel_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "media_upload" ADD CONSTRAINT "media_upload_channel_account_id_fkey" FOREIGN KEY ("channel_account_id") REFERENCES "channel_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
