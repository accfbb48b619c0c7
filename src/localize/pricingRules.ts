import { z } from "zod";

export const roundingMode = z.enum(["cents", "x.99", "whole", "nearest10"]);
export type RoundingMode = z.infer<typeof roundingMode>;

const decimalString = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .refine((v) => /^-?\d+(\.\d+)?$/.test(v), "must be a decimal number");

/** How one channel account turns catalog PKR prices into its own prices. */
export const pricingRule = z.object({
  /** Added on top of the converted base price, in percent. */
  markupPct: decimalString.default("0"),
  /** Added after markup, in the channel's currency (e.g. a listing or payment fee passed on). */
  fixedFee: decimalString.default("0"),
  rounding: roundingMode.default("cents"),
  /** Never sell under cost x (1 + minMarginPct/100), converted; the price is raised to that floor. */
  minMarginPct: decimalString.default("10"),
  /** Refuse to price with a rate older than this. */
  maxRateAgeHours: z.number().positive().default(48),
  /** Wholesale channels: minimum order quantity; defaults to the first quantity break, or 1. */
  moq: z.number().int().min(1).optional(),
});

export type PricingRule = z.infer<typeof pricingRule>;

/** Defaults: .99 in USD, whole yuan; PKR prices stay as the catalog says (set "nearest10" per channel to round). */
export function defaultRule(currency: string): PricingRule {
  const rounding: RoundingMode = currency === "USD" ? "x.99" : currency === "CNY" ? "whole" : "cents";
  return pricingRule.parse({ rounding });
}
