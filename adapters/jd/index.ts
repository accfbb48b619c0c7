import { registerAdapter } from "../core/registry.js";
import type { ChannelAdapter } from "../core/types.js";
import { JdAdapter, type JdAdapterOptions } from "./adapter.js";
import { JD_CHANNEL, JD_FEED_CHANNEL } from "./capabilities.js";
import { JdFeedAdapter, type JdFeedAdapterOptions } from "./feed/adapter.js";

/** Factory registered under "jd": the sync engine calls createAdapter("jd", opts) from the registry. */
export function createJdAdapter(opts: JdAdapterOptions): ChannelAdapter {
  return new JdAdapter(opts);
}

/** Factory registered under "jd-feed": the same listings as a CSV file for the Pakistan Pavilion operator. */
export function createJdFeedAdapter(opts: JdFeedAdapterOptions): ChannelAdapter {
  return new JdFeedAdapter(opts);
}

registerAdapter(JD_CHANNEL, createJdAdapter);
registerAdapter(JD_FEED_CHANNEL, createJdFeedAdapter);

export { JdAdapter, type JdAdapterOptions } from "./adapter.js";
export { exchangeJdAuthCode, type JdAppOptions, tokenPairFromJd } from "./auth.js";
export {
  JD_CAPABILITIES,
  JD_CHANNEL,
  JD_DEFAULT_BASE_URL,
  JD_DEFAULT_OAUTH_URL,
  JD_FEED_CHANNEL,
  JD_IMAGE_RULES,
  JD_LIMITS,
  JD_WARE_STATUS,
  jdApiCapabilities,
} from "./capabilities.js";
export { JD_ATTRIBUTE_TYPE, JD_CATEGORY_METHODS, JD_INPUT_TYPE } from "./categoryWire.js";
export {
  JdClient,
  type JdClientOptions,
  type JdResult,
  type JdUploadFile,
  responseKey,
  unwrapJdResponse,
} from "./client.js";
export { isJdErrorResponse, type JdErrorBody, jdReplyClassifier, mapJdError } from "./errors.js";
export {
  JD_FEED_COLUMNS,
  JdFeedAdapter,
  type JdFeedAdapterOptions,
  type JdFeedConfirmation,
} from "./feed/adapter.js";
export { JD_UPLOAD_METHOD, JdImageZone, type JdImageZoneOptions } from "./imageZone.js";
export { imageZonePath, imageZoneUrl, JD_IMAGE_ZONE_BASE_URL } from "./imageZoneUrls.js";
export {
  buildImages,
  buildJdWareAdd,
  buildJdWareUpdate,
  cmToMm,
  type JdMappingOptions,
  type JdWareRequest,
  resolveBrandId,
} from "./payload.js";
export { mapJdWareStatus, parseJdSku, parseJdWare } from "./remote.js";
export { type JdImageInfo, type JdRuleOptions, validateJdListing } from "./rules.js";
export { josSign, josStringToSign } from "./sign.js";
export { JD_LISTING_ATTRIBUTE_NAMES, JdTaxonomy, type JdTaxonomyOptions } from "./taxonomy.js";
export { formatBeijingTime, parseBeijingTime } from "./time.js";
