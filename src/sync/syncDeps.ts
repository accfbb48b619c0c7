import type { Db } from "../db.js";
import type { FxCache } from "../localize/fxRates.js";
import type { Logger } from "../logger.js";
import type { MediaSettings } from "../media/channelImages.js";
import type { ReadinessCache } from "../taxonomy/loadReadiness.js";
import type { ChannelAccounts } from "./channelAccounts.js";
import type { PriceStockBatcher } from "./priceStockBatcher.js";

/** What the sync functions need, built once per worker process by src/runtime.ts. */
export interface SyncDeps {
  db: Db;
  accounts: ChannelAccounts;
  batcher: PriceStockBatcher;
  fx: FxCache;
  log: Logger;
  /** Taxonomy and mappings per account; a fresh cache is made when unset. */
  readiness?: ReadinessCache;
  /** Image fetch limits; unset means the defaults with no private host allowed. */
  media?: MediaSettings;
  /** Set when a translation provider is configured: a listing held as needs_translation asks for its locale. */
  translations?: { request(productId: string, locale: string): Promise<void> };
}
