import { registerAdapter } from "../core/registry.js";
import type { ChannelAdapter } from "../core/types.js";
import { DarazAdapter, type DarazAdapterOptions } from "./adapter.js";
import { DARAZ_CHANNEL } from "./capabilities.js";

/** Factory registered under "daraz": the sync engine calls createAdapter("daraz", opts) from the registry. */
export function createDarazAdapter(opts: DarazAdapterOptions): ChannelAdapter {
  return new DarazAdapter(opts);
}

registerAdapter(DARAZ_CHANNEL, createDarazAdapter);

export { DarazAdapter, type DarazAdapterOptions } from "./adapter.js";
export { type DarazAppOptions, exchangeDarazAuthCode } from "./auth.js";
export {
  DARAZ_CAPABILITIES,
  DARAZ_CHANNEL,
  DARAZ_DEFAULT_BASE_URL,
  DARAZ_IMAGE_RULES,
  DARAZ_LIMITS,
} from "./capabilities.js";
export { DarazClient, type DarazClientOptions } from "./client.js";
export { classifyDarazReply, mapDarazError, parseBanSeconds } from "./errors.js";
export { type DarazMediaOptions, DarazMediaStore } from "./media.js";
export { buildPriceQuantityPayload, buildProductPayload } from "./payload.js";
export { mapDarazStatus, parseDarazProduct } from "./remote.js";
export { validateDarazListing } from "./rules.js";
export { DarazTaxonomy, flattenCategoryTree, remoteAttribute } from "./taxonomy.js";
