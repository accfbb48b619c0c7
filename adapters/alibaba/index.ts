import { registerAdapter } from "../core/registry.js";
import type { ChannelAdapter } from "../core/types.js";
import { AlibabaAdapter, type AlibabaAdapterOptions } from "./adapter.js";
import { ALIBABA_CHANNEL } from "./capabilities.js";

/** Factory registered under "alibaba": the sync engine calls createAdapter("alibaba", opts) from the registry. */
export function createAlibabaAdapter(opts: AlibabaAdapterOptions): ChannelAdapter {
  return new AlibabaAdapter(opts);
}

registerAdapter(ALIBABA_CHANNEL, createAlibabaAdapter);

export { AlibabaAdapter, type AlibabaAdapterOptions } from "./adapter.js";
export { type AlibabaAppOptions, exchangeAlibabaAuthCode, tokenPairFrom } from "./auth.js";
export {
  ALIBABA_CAPABILITIES,
  ALIBABA_CHANNEL,
  ALIBABA_DEFAULT_BASE_URL,
  ALIBABA_IMAGE_RULES,
  ALIBABA_LIMITS,
  ALIBABA_PATHS,
} from "./capabilities.js";
export { AlibabaClient, type AlibabaClientOptions, type AlibabaOk } from "./client.js";
export {
  businessFailure,
  classifyAlibabaReply,
  mapAlibabaBusinessError,
  mapAlibabaGatewayError,
  msgCodeClass,
  parseBanSeconds,
} from "./errors.js";
export {
  type AlibabaAttributeRef,
  type AlibabaNameValue,
  type AlibabaProductInfo,
  type AlibabaSkuInfo,
  type AttributeNames,
  buildProductInfo,
  buildSkuInventory,
  buildSkuPrices,
  type ProductInfoOptions,
  tieredPrice,
  wireAttributes,
} from "./payload.js";
export { AlibabaPhotobank } from "./photobank.js";
export { mapAlibabaStatus, mapListingStatus, parseListPage, parseProductInfo } from "./remote.js";
export { validateAlibabaListing } from "./rules.js";
export { AlibabaTaxonomy } from "./taxonomy.js";
export { attributeNamesOf, parseCategoryAttributes, parseCategoryChildren } from "./taxonomyWire.js";
export { formatGmt, parseGmt } from "./time.js";
