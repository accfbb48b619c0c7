/**
 * Importing this module registers every built-in channel adapter with the registry (side effect), and re-exports the
 * shared adapter surface. The sync engine then asks the registry: createAdapter("daraz", opts).
 */
import "./daraz/index.js";
import "./alibaba/index.js";
import "./jd/index.js";
import "./feed/index.js";

export * from "./core/errors.js";
export { createAdapter, registerAdapter, registeredChannels } from "./core/registry.js";
export type * from "./core/types.js";
