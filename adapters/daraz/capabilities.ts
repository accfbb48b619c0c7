import type { ChannelCapabilities, ImageRules } from "../core/types.js";

export const DARAZ_CHANNEL = "daraz";
export const DARAZ_DEFAULT_BASE_URL = "https://api.daraz.pk/rest";

/** Limits from the Daraz (Lazada Open Platform) contract; see shared/channels.md. */
export const DARAZ_LIMITS = {
  maxImages: 8,
  maxTitleLength: 255,
  maxDescriptionLength: 25_000,
  maxSkusPerPriceCall: 50,
  maxSkusPerDeactivate: 50,
  maxSellerSkuLookup: 100,
  /** "max 50 or 500, unverified": 50 is safe on both readings. */
  maxPageSize: 50,
  timestampSkewSec: 7200,
  /** Source URLs per /images/migrate call. */
  maxImagesPerMigrate: 8,
} as const;

/** What Daraz's image store takes (Lazada Open Platform image requirements): JPG/PNG, 3 MB, 330-5000 px a side. */
export const DARAZ_IMAGE_RULES: ImageRules = Object.freeze<ImageRules>({
  maxImages: DARAZ_LIMITS.maxImages,
  maxBytes: 3 * 1024 * 1024,
  minPixels: 330,
  maxPixels: 5000,
  formats: ["jpeg", "png"],
});

export const DARAZ_CAPABILITIES: ChannelCapabilities = Object.freeze({
  maxPriceStockBatch: DARAZ_LIMITS.maxSkusPerPriceCall,
  combinedPriceStock: true,
  reviewsNewListings: true,
  maxImages: DARAZ_LIMITS.maxImages,
  maxTitleLength: DARAZ_LIMITS.maxTitleLength,
  currency: "PKR",
  locale: "en",
  maxPageSize: DARAZ_LIMITS.maxPageSize,
  imageRules: DARAZ_IMAGE_RULES,
});
