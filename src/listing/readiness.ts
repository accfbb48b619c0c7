import type { RemoteAttribute } from "../../adapters/core/types.js";

/** One stored node of the account's channel category tree. */
export interface KnownCategory {
  id: string;
  path: string;
  leaf: boolean;
  removed: boolean;
}

/**
 * What one channel account knows beyond its settings: the channel's taxonomy as last fetched, and the user's
 * mappings from master categories, attributes and values to the channel's. Loaded by src/taxonomy, used purely here.
 */
export interface ChannelReadiness {
  /** Master category code -> channel category id (the mapping table; settings.categoryMap fills the gaps). */
  categoryMap: ReadonlyMap<string, string>;
  /** The whole tree was fetched at least once: mapped ids must then exist in it and be leaves. */
  treeFetched: boolean;
  /** The stored tree (plus categories whose attributes were fetched before the tree). */
  categories: ReadonlyMap<string, KnownCategory>;
  /** Attributes per channel leaf category, for categories whose attributes were fetched. */
  attributes: ReadonlyMap<string, readonly RemoteAttribute[]>;
  /** Master key -> channel key; "" holds account-wide entries, a category id holds that category's overrides. */
  attributeMap: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Channel attribute key -> (normalised master value -> channel value). */
  valueMap: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export const noReadiness: ChannelReadiness = {
  categoryMap: new Map(),
  treeFetched: false,
  categories: new Map(),
  attributes: new Map(),
  attributeMap: new Map(),
  valueMap: new Map(),
};

/** Lower case, punctuation and separators folded to single spaces: "Colour_Family" ~ "colour family". */
export function normaliseName(value: string): string {
  return value
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-/&,.()]+/g, " ")
    .replace(/\bcolour/g, "color")
    .trim();
}

/** The channel key a master key maps to in one category: the category's own entry, else the account-wide one. */
export function mappedKey(readiness: ChannelReadiness, categoryId: string, masterKey: string): string | undefined {
  return readiness.attributeMap.get(categoryId)?.get(masterKey) ?? readiness.attributeMap.get("")?.get(masterKey);
}
