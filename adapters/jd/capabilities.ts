import type { ChannelCapabilities, ImageRules } from "../core/types.js";

export const JD_CHANNEL = "jd";
export const JD_FEED_CHANNEL = "jd-feed";
export const JD_DEFAULT_BASE_URL = "https://api.jd.com/routerjson";
/** OAuth host of the JD open platform (/oauth2/access_token, /oauth2/refresh_token). */
export const JD_DEFAULT_OAUTH_URL = "https://open-oauth.jd.com";

/** Limits from the JD (JOS) contract; see shared/channels.md. Items marked unverified there are noted here. */
export const JD_LIMITS = {
  /** Not stated in channels.md: the conservative count the seller backend takes for main images. */
  maxImages: 10,
  /** Not stated in channels.md (45 CJK characters is the common backend rule, unverified). */
  maxTitleLength: 45,
  /**
   * Legacy image rule (unverified): 800x800 px, at most 1 MB (the image zone's upload doc also says "1M以内").
   * The longest side JD takes is not documented: 5000 px is a guess.
   */
  imageMinPx: 800,
  imageMaxBytes: 1024 * 1024,
  imageMaxPx: 5000,
  /** searchWare4Valid pageSize (<= 50, unverified). */
  maxPageSize: 50,
  /** searchWare4Valid serves pages 1..100; later pages come back empty (unverified): page by time windows. */
  maxPages: 100,
  /** searchWare4Valid takes at most 20 ware ids; searchSkuList the same for its wareId list. */
  maxWareIdsPerSearch: 20,
  /** searchSkuList page_size. */
  maxSkuPageSize: 100,
  /** Gateway timestamp tolerance: Beijing time +- 6 minutes. */
  timestampSkewSec: 360,
  /** Color id of the main (not color-bound) image group. */
  mainImageColorId: "0000000000",
} as const;

/** What a main image must be: square JPG or PNG, 800 px and up, at most 1 MB, at most 10 per colour group. */
export const JD_IMAGE_RULES: Readonly<ImageRules> = Object.freeze<ImageRules>({
  maxImages: JD_LIMITS.maxImages,
  maxBytes: JD_LIMITS.imageMaxBytes,
  minPixels: JD_LIMITS.imageMinPx,
  maxPixels: JD_LIMITS.imageMaxPx,
  formats: ["jpeg", "png"],
  square: true,
});

/** Shared by jd and jd-feed; the feed hands image URLs to the operator as they are, so it has no imageRules. */
export const JD_CAPABILITIES: ChannelCapabilities = Object.freeze({
  maxPriceStockBatch: 1,
  combinedPriceStock: false,
  reviewsNewListings: true,
  maxImages: JD_LIMITS.maxImages,
  maxTitleLength: JD_LIMITS.maxTitleLength,
  currency: "CNY",
  locale: "zh-Hans",
  maxPageSize: JD_LIMITS.maxPageSize,
});

/** The API adapter's capabilities: JD_CAPABILITIES plus the image zone's rules (each can be overridden). */
export function jdApiCapabilities(imageRules: Partial<ImageRules> = {}): ChannelCapabilities {
  const rules: ImageRules = { ...JD_IMAGE_RULES, formats: [...JD_IMAGE_RULES.formats], ...imageRules };
  return { ...JD_CAPABILITIES, maxImages: rules.maxImages, imageRules: rules };
}

/**
 * JD wareStatus codes: 1 never listed, 2 delisted by the seller, 4 delisted by the system, 8 on sale,
 * 513/514/516/520 the same four pending audit, 1028 delisted by the system after a failed audit.
 */
export const JD_WARE_STATUS = {
  neverListed: 1,
  delistedBySeller: 2,
  delistedBySystem: 4,
  onSale: 8,
  neverListedPendingAudit: 513,
  delistedBySellerPendingAudit: 514,
  delistedBySystemPendingAudit: 516,
  onSalePendingAudit: 520,
  auditFailed: 1028,
} as const;
