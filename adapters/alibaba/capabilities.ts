import type { ChannelCapabilities, ImageRules } from "../core/types.js";

export const ALIBABA_CHANNEL = "alibaba";
export const ALIBABA_DEFAULT_BASE_URL = "https://openapi-api.alibaba.com/rest";

/** The ICBU open platform API paths the adapter calls (IOP path-style, signed with the path). */
export const ALIBABA_PATHS = {
  tokenCreate: "/auth/token/create",
  tokenRefresh: "/auth/token/refresh",
  listing: "/alibaba/icbu/product/listing/v2",
  update: "/alibaba/icbu/product/update/v2",
  status: "/alibaba/icbu/product/status/get/v2",
  get: "/alibaba/icbu/product/get/v2",
  search: "/alibaba/icbu/product/search/v2",
  list: "/alibaba/icbu/product/list",
  batchStatus: "/alibaba/icbu/product/batch/update/status",
  editPrice: "/icbu/product/edit-price",
  editInventory: "/icbu/product/edit-inventory",
  /** Product V2 category calls: level-1 categories, or the children of parent_category_id. */
  categoryGet: "/alibaba/icbu/category/get/v2",
  /** Product V2: category_attributes[] and sale_attributes[] of one leaf category. */
  categoryAttributes: "/alibaba/icbu/category/attribute/get/v2",
  /** Multipart: file_name (+ group_id) signed, image_bytes not; answers response_object.photobank_url. */
  photobankUpload: "/alibaba/icbu/photobank/upload",
} as const;

/** Limits from the Alibaba.com (ICBU) contract; see shared/channels.md. */
export const ALIBABA_LIMITS = {
  maxImages: 6,
  maxTitleLength: 128,
  maxKeywords: 3,
  maxPageSize: 30,
  /** /alibaba/icbu/product/search/v2 serves at most 20 per page. */
  maxSearchPageSize: 20,
  /** "About 5,000 items per query window" (unverified): listRemote walks the window down past it. */
  listWindowCap: 5000,
  /** product_id_list per batch status call: no documented cap; 20 keeps calls small. */
  maxBatchStatusIds: 20,
  maxPriceDecimals: 2,
  timestampSkewSec: 7200,
  /** gmt_modified_from/to are wall-clock strings; China Standard Time (UTC+8) is assumed (unverified). */
  timeZoneOffsetMinutes: 480,
  /** Category calls in flight at once while the tree is walked level by level. */
  taxonomyConcurrency: 4,
  /** How long the attribute names of a category are reused when a listing carries attribute ids. */
  attributeNamesTtlMs: 10 * 60_000,
} as const;

/**
 * Photobank rules: JPG/PNG up to 5 MB (documented), at most 6 product images. The 350 px shortest side is Alibaba.com's
 * recommendation for product images, not a documented upload limit (unverified: the adapter and the simulator take
 * another value); 5000 px is the longest side accepted.
 */
export const ALIBABA_IMAGE_RULES: ImageRules = Object.freeze<ImageRules>({
  maxImages: ALIBABA_LIMITS.maxImages,
  maxBytes: 5 * 1024 * 1024,
  minPixels: 350,
  maxPixels: 5000,
  formats: ["jpeg", "png"],
});

export const ALIBABA_CAPABILITIES: ChannelCapabilities = Object.freeze({
  maxPriceStockBatch: 1,
  combinedPriceStock: false,
  reviewsNewListings: true,
  maxImages: ALIBABA_LIMITS.maxImages,
  maxTitleLength: ALIBABA_LIMITS.maxTitleLength,
  currency: "USD",
  locale: "en",
  maxPageSize: ALIBABA_LIMITS.maxPageSize,
  imageRules: ALIBABA_IMAGE_RULES,
});
