import { registerAdapter } from "../core/registry.js";
import type { ChannelAdapter } from "../core/types.js";
import { FeedAdapter, type FeedAdapterOptions } from "./adapter.js";
import { FEED_CHANNEL } from "./capabilities.js";

/** Factory registered under "feed": createAdapter("feed", { baseUrl: "/var/lib/tijarat/feeds/bokataa", ... }). */
export function createFeedAdapter(opts: FeedAdapterOptions): ChannelAdapter {
  return new FeedAdapter(opts);
}

registerAdapter(FEED_CHANNEL, createFeedAdapter);

export { FeedAdapter, type FeedAdapterOptions } from "./adapter.js";
export { isTempFile, serialized, writeFileAtomic, writeFileAtomicSync } from "./atomic.js";
export { FEED_CAPABILITIES, FEED_CHANNEL, FEED_FILES, FEED_LIMITS, feedCapabilities } from "./capabilities.js";
export { feedDirFrom } from "./location.js";
export type { FeedProduct, FeedState, FeedStatusEntry, FeedStatusReport, FeedVariant } from "./model.js";
export {
  CSV_COLUMNS,
  escapeXml,
  type FeedItem,
  type FeedMeta,
  feedItems,
  htmlToText,
  renderFeedCsv,
  renderFeedXml,
  unescapeXml,
} from "./render.js";
export { type FeedRuleOptions, validateFeedListing } from "./rules.js";
export { type FeedServerOptions, type RunningFeedServer, startFeedServer } from "./server.js";
export { FeedStore, type FeedStoreOptions, feedPaths, readStatusReport } from "./store.js";
