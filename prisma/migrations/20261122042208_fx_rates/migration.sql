-- CreateTable
CREATE TABLE "fx_rate" (
    "id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "pkr_per_unit" DECIMAL(18,6) NOT NULL,
    "source" TEXT NOT NULL,
    "as_of" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fx_rate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "fx_rate_currency_as_of_idx" ON "fx_rate"("currency", "as_of" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "fx_rate_currency_as_of_key" ON "fx_rate"("currency", "as_of");
