import type { ChannelCapabilities } from "../core/types.js";

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
} as const;

export const ALIBABA_CAPABILITIES: ChannelCapabilities = Object.freeze({
  maxPriceStockBatch: 1,
  combinedPriceStock: false,
  reviewsNewListings: true,
  maxImages: ALIBABA_LIMITS.maxImages,
  maxTitleLength: ALIBABA_LIMITS.maxTitleLength,
  currency: "USD",
  locale: "en",
  maxPageSize: ALIBABA_LIMITS.maxPageSize,
});
