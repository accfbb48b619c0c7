import type { ChannelCapabilities } from "../core/types.js";

export const FEED_CHANNEL = "feed";

/** File names inside the feed directory. */
export const FEED_FILES = {
  /** The item store: what the adapter wrote (source of truth for the feeds). */
  state: "feed-state.json",
  csv: "feed.csv",
  xml: "feed.xml",
  /** What the consumer (or the operator) reports back: published, rejected, edited on their side. */
  status: "feed-status.json",
} as const;

/** Google-Merchant-like limits: the shape most feed consumers accept. */
export const FEED_LIMITS = {
  maxTitleLength: 150,
  maxDescriptionLength: 5000,
  /** image_link plus up to 10 additional_image_link. */
  maxImages: 11,
  maxAdditionalImages: 10,
} as const;

export function feedCapabilities(currency = "PKR", locale = "en"): ChannelCapabilities {
  return Object.freeze({
    /** One call rewrites the feed once, for any number of SKUs. */
    maxPriceStockBatch: 50,
    combinedPriceStock: true,
    /** The consumer picks new items up (pending) before they show (live). */
    reviewsNewListings: true,
    maxImages: FEED_LIMITS.maxImages,
    maxTitleLength: FEED_LIMITS.maxTitleLength,
    currency,
    locale,
    maxPageSize: 1000,
  });
}

export const FEED_CAPABILITIES: ChannelCapabilities = feedCapabilities();
