import type { Db } from "../db.js";
import type { FxCache } from "../localize/fxRates.js";
import type { Logger } from "../logger.js";
import type { ChannelAccounts } from "./channelAccounts.js";
import type { PriceStockBatcher } from "./priceStockBatcher.js";

/** What the sync functions need, built once per worker process by src/runtime.ts. */
export interface SyncDeps {
  db: Db;
  accounts: ChannelAccounts;
  batcher: PriceStockBatcher;
  fx: FxCache;
  log: Logger;
  /** Set when a translation provider is configured: a listing held as needs_translation asks for its locale. */
  translations?: { request(productId: string, locale: string): Promise<void> };
}
