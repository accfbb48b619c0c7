import { z } from "zod";
import { pricingRule } from "../localize/pricingRules.js";

/** What the listing builder needs to know about one channel account; parsed from ChannelAccount.settings. */
export const channelSettings = z.object({
  locale: z.string().default("en"),
  currency: z.string().length(3).default("PKR"),
  /** Master category code -> the channel's leaf category id. */
  categoryMap: z.record(z.string(), z.string()).default({}),
  /** Channel-specific adapter options (e.g. the feed's linkTemplate, JD brandIds), passed to the adapter factory. */
  adapterOptions: z.record(z.string(), z.unknown()).default({}),
  /** Attributes every listing on this account carries (e.g. warranty_type). */
  defaultAttributes: z.record(z.string(), z.string()).default({}),
  /** Catalog PKR -> channel price; unset means the channel's defaults (.99 USD, whole yuan, nearest 10 PKR). */
  pricing: pricingRule.optional(),
  /** Wholesale channels get MOQ and a tiered price ladder from the catalog's quantity breaks. */
  wholesale: z.boolean().default(false),
  /** Delay before the first look at a listing in review, in milliseconds. */
  reviewCheckDelayMs: z.number().int().min(0).default(30_000),
  /** A title limit stricter than the channel's own (ChannelCapabilities.maxTitleLength); the smaller one applies. */
  maxTitleLength: z.number().int().min(10).optional(),
  /** Replaces the channel's description allowlist (src/localize/shaping.ts); only safe elements are ever honoured. */
  descriptionHtml: z
    .object({
      tags: z.array(z.string().toLowerCase()).optional(),
      /** Hosts (and subdomains) description images may come from. */
      imageHosts: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  /** Stock kept back from this channel, per variant: N units, a percentage, or both (the larger reserve wins). */
  stockBuffer: z
    .object({
      units: z.number().int().min(0).optional(),
      percent: z.number().min(0).max(100).optional(),
    })
    .optional(),
});

export type ChannelSettings = z.infer<typeof channelSettings>;

export interface ChannelProfile extends ChannelSettings {
  channel: string;
}
