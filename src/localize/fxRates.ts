import { z } from "zod";
import type { Db } from "../db.js";
import type { FxQuote } from "./money.js";

export const fxRateInput = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD"),
  pkrPerUnit: z
    .union([z.string(), z.number()])
    .transform(String)
    .refine(
      (v) => /^\d{1,12}(\.\d{1,6})?$/.test(v) && Number(v) > 0,
      "must be a positive amount of PKR with at most 6 decimals",
    ),
  source: z.string().trim().min(1).max(100),
  asOf: z.coerce.date(),
});
export type FxRateInput = z.input<typeof fxRateInput>;

export async function recordRate(db: Db, raw: FxRateInput): Promise<FxQuote> {
  const r = fxRateInput.parse(raw);
  await db.fxRate.upsert({
    where: { currency_asOf: { currency: r.currency, asOf: r.asOf } },
    create: { currency: r.currency, pkrPerUnit: r.pkrPerUnit, source: r.source, asOf: r.asOf },
    update: { pkrPerUnit: r.pkrPerUnit, source: r.source },
  });
  return { currency: r.currency, pkrPerUnit: r.pkrPerUnit, source: r.source, asOf: r.asOf };
}

export async function latestRates(db: Db): Promise<Map<string, FxQuote>> {
  const rows = await db.$queryRaw<{ currency: string; pkr_per_unit: string; source: string; as_of: Date }[]>`
    SELECT DISTINCT ON (currency) currency, pkr_per_unit::text, source, as_of
    FROM fx_rate ORDER BY currency, as_of DESC`;
  return new Map(
    rows.map((r) => [
      r.currency,
      { currency: r.currency, pkrPerUnit: r.pkr_per_unit, source: r.source, asOf: r.as_of },
    ]),
  );
}

/**
 * Latest rates, reloaded only when the table changed: one tiny query per use instead of a stale cache, so a new rate
 * is priced by the very next push.
 */
export class FxCache {
  private stamp = "";
  private rates: Map<string, FxQuote> = new Map();

  constructor(private readonly db: Db) {}

  async get(): Promise<Map<string, FxQuote>> {
    const [row] = await this.db.$queryRaw<
      { stamp: string }[]
    >`SELECT count(*)::text || '/' || coalesce(max(created_at)::text, '') AS stamp FROM fx_rate`;
    if (row && row.stamp !== this.stamp) {
      this.rates = await latestRates(this.db);
      this.stamp = row.stamp;
    }
    return this.rates;
  }
}
