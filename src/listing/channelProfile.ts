import { z } from "zod";
import { pricingRule } from "../localize/pricingRules.js";

/** What the listing builder needs to know about one channel account; parsed from ChannelAccount.settings. */
export const channelSettings = z.object({
  locale: z.string().default("en"),
  currency: z.string().length(3).default("PKR"),
  /** Master category code -> the channel's leaf category id. */
  categoryMap: z.record(z.string(), z.string()).default({}),
  /** Attributes every listing on this account carries (e.g. warranty_type). */
  defaultAttributes: z.record(z.string(), z.string()).default({}),
  /** Catalog PKR -> channel price; unset means the channel's defaults (.99 USD, whole yuan, nearest 10 PKR). */
  pricing: pricingRule.optional(),
  /** Wholesale channels get MOQ and a tiered price ladder from the catalog's quantity breaks. */
  wholesale: z.boolean().default(false),
  /** Delay before the first look at a listing in review, in milliseconds. */
  reviewCheckDelayMs: z.number().int().min(0).default(30_000),
});

export type ChannelSettings = z.infer<typeof channelSettings>;

export interface ChannelProfile extends ChannelSettings {
  channel: string;
}
