import { Decimal } from "decimal.js";
import type { PriceTier } from "../../adapters/core/types.js";
import type { PricingRule, RoundingMode } from "./pricingRules.js";

export interface FxQuote {
  currency: string;
  /** PKR for one unit of the currency, as an exact decimal string. */
  pkrPerUnit: string;
  source: string;
  asOf: Date;
}

export type PriceResult = { ok: true; price: string; raisedToFloor: boolean } | { ok: false; reason: string };

const D = (v: string | number) => new Decimal(v);

/** Rounds to the channel's price points; `up` never goes below the input (used for the floor). */
export function roundPrice(value: Decimal, mode: RoundingMode, up = false): Decimal {
  const r = up ? Decimal.ROUND_CEIL : Decimal.ROUND_HALF_UP;
  switch (mode) {
    case "cents":
      return value.toDecimalPlaces(2, r);
    case "whole":
      return value.toDecimalPlaces(0, r);
    case "nearest10":
      return value.div(10).toDecimalPlaces(0, r).mul(10);
    case "x.99": {
      // The .99 at or above the value: 12.30 -> 12.99, 12.99 -> 12.99, 13.00 -> 13.99.
      const whole = value.toDecimalPlaces(2, Decimal.ROUND_CEIL).floor();
      const candidate = whole.plus("0.99");
      return candidate.gte(value) ? candidate : candidate.plus(1);
    }
  }
}

export function rateProblem(quote: FxQuote | undefined, currency: string, rule: PricingRule, now: Date): string | null {
  if (currency === "PKR") return null;
  if (!quote) return `no PKR/${currency} exchange rate is stored`;
  const ageHours = (now.getTime() - quote.asOf.getTime()) / 3_600_000;
  if (ageHours > rule.maxRateAgeHours) {
    return `the ${currency} rate (${quote.source}, ${quote.asOf.toISOString()}) is ${ageHours.toFixed(0)} h old; the limit is ${rule.maxRateAgeHours} h`;
  }
  return null;
}

/**
 * Pure: the channel price for a PKR amount. Converted at the rate, marked up, plus the fixed fee, rounded to the
 * channel's price points, and never under cost plus the minimum margin (raised to that floor, rounding up).
 */
export function channelPrice(
  pricePkr: string,
  costPkr: string | null,
  currency: string,
  rule: PricingRule,
  quote?: FxQuote,
): PriceResult {
  const rate = currency === "PKR" ? D(1) : quote ? D(quote.pkrPerUnit) : null;
  if (!rate || rate.lte(0)) return { ok: false, reason: `no PKR/${currency} exchange rate is stored` };
  const converted = D(pricePkr).div(rate).mul(D(100).plus(rule.markupPct).div(100)).plus(rule.fixedFee);
  let price = roundPrice(converted, rule.rounding);
  let raisedToFloor = false;
  if (costPkr !== null) {
    const floor = D(costPkr).mul(D(100).plus(rule.minMarginPct).div(100)).div(rate);
    if (price.lt(floor)) {
      price = roundPrice(floor, rule.rounding, true);
      raisedToFloor = true;
    }
  }
  if (price.lte(0)) return { ok: false, reason: `price ${price.toFixed(2)} ${currency} is not positive` };
  return { ok: true, price: price.toFixed(2), raisedToFloor };
}

/**
 * Wholesale ladder from the catalog's quantity breaks: from the MOQ up at the best price that applies there, then each
 * larger break, prices strictly falling as quantity rises (a break that is not cheaper than the one before is dropped).
 */
export function priceTiers(base: string, breaks: { minQuantity: number; price: string }[], moq: number): PriceTier[] {
  const sorted = [...breaks].sort((a, c) => a.minQuantity - c.minQuantity);
  const atMoq = sorted.filter((b) => b.minQuantity <= moq).at(-1)?.price ?? base;
  const tiers: PriceTier[] = [{ minQuantity: moq, price: atMoq }];
  for (const b of sorted) {
    const last = tiers.at(-1)!;
    if (b.minQuantity <= last.minQuantity || D(b.price).gte(last.price)) continue;
    tiers.push({ minQuantity: b.minQuantity, price: b.price });
  }
  return tiers;
}
