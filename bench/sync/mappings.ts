/**
 * A bench account's readiness set-up, done the way an operator does it: read the channel's category tree, map the
 * bench's master categories to leaves (checked against the stored tree by writeMappings), read those leaves'
 * attributes, then map the master attributes and values the channel names its own way (BenchCategory.maps; JD's are
 * all Chinese). Every write goes through writeMappings, so a wrong leaf, attribute or value stops the bench at once.
 */

import type { Runtime } from "../../src/runtime.js";
import type { MappingSet } from "../../src/taxonomy/mappingFile.js";
import { writeMappings } from "../../src/taxonomy/mappingStore.js";
import { fetchAttributes, refreshTaxonomy } from "../../src/taxonomy/refreshTaxonomy.js";
import { BENCH_CATEGORIES } from "./generate.js";

export type BenchChannel = "daraz" | "alibaba" | "jd";

export const isBenchChannel = (channel: string): channel is BenchChannel =>
  channel === "daraz" || channel === "alibaba" || channel === "jd";

export interface TaxonomySetup {
  categories: number;
  attributeMappings: number;
  valueMappings: number;
}

/** Reads the channel's taxonomy into the account and writes the bench's mapping set; returns what was written. */
export async function prepareAccountTaxonomy(
  rt: Runtime,
  accountId: string,
  channel: BenchChannel,
): Promise<TaxonomySetup> {
  const { categories } = await refreshTaxonomy(rt, accountId);
  const categoryMappings: MappingSet["categories"] = BENCH_CATEGORIES.map((c) => ({
    master: c.code,
    channel: c.channel[channel],
  }));
  await writeMappings(
    rt.db,
    accountId,
    { categories: categoryMappings, attributes: [], values: [] },
    { mode: "replace" },
  );
  const account = await rt.accounts.get(accountId);
  for (const c of BENCH_CATEGORIES) await fetchAttributes(rt, account, c.channel[channel]);

  const set: MappingSet = { categories: categoryMappings, attributes: [], values: [] };
  for (const c of BENCH_CATEGORIES) {
    const leaf = c.channel[channel];
    for (const map of c.maps[channel] ?? []) {
      const attribute = await rt.db.channelAttribute.findFirst({
        where: { channelAccountId: accountId, categoryRemoteId: leaf, label: map.label },
        select: { key: true },
      });
      if (!attribute) throw new Error(`${channel} category ${leaf} has no attribute labelled "${map.label}"`);
      set.attributes.push({ master: map.master, channel: attribute.key, category: leaf });
      for (const [master, value] of Object.entries(map.values ?? {})) {
        set.values.push({ attribute: attribute.key, master, channel: value });
      }
    }
  }
  await writeMappings(rt.db, accountId, set, { mode: "replace" });
  return { categories, attributeMappings: set.attributes.length, valueMappings: set.values.length };
}
