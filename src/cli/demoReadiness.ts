import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { SeedFile } from "../catalog/seedCatalog.js";
import type { Runtime } from "../runtime.js";
import { mappingFile } from "../taxonomy/mappingFile.js";
import { writeMappings } from "../taxonomy/mappingStore.js";
import { prefetchMappedAttributes } from "../taxonomy/prefetchAttributes.js";
import { recheckAccount } from "../taxonomy/recheck.js";
import { refreshTaxonomy } from "../taxonomy/refreshTaxonomy.js";
import { unmappedCategories } from "../taxonomy/unmapped.js";

export interface DemoAccount {
  id: string;
  channel: string;
}

/** The seed's images, served by the local sample image host instead of the exporter's real server. */
export function rehostMedia(seed: SeedFile, base: string): SeedFile {
  const json = JSON.stringify(seed).replaceAll("https://images.example.com", base);
  return JSON.parse(json) as SeedFile;
}

/** Reads every channel's category tree, as the weekly refresh does; one line per channel. */
export async function demoTaxonomies(rt: Runtime, accounts: DemoAccount[]): Promise<string[]> {
  const lines: string[] = [];
  for (const account of accounts) {
    if (!(await rt.accounts.get(account.id)).adapter.taxonomy) continue;
    const result = await refreshTaxonomy(rt, account.id);
    const leaves = await rt.db.channelCategory.count({ where: { channelAccountId: account.id, leaf: true } });
    lines.push(`${account.channel}: ${result.categories} categories (${leaves} leaves) read from the channel`);
  }
  return lines;
}

/** The closest channel leaf for each unmapped master category (Latin-script trees only make sense here). */
export async function demoSuggestions(rt: Runtime, account: DemoAccount): Promise<string[]> {
  const unmapped = await unmappedCategories(rt.db, account.id, 1);
  return unmapped.map((u) => {
    const best = u.suggestions[0];
    return best
      ? `${u.code} -> ${best.path} (${best.id}, score ${best.score.toFixed(2)})`
      : `${u.code} -> no close name`;
  });
}

/** Imports samples/mappings/<channel>.json when the project ships one: the file an exporter keeps per channel. */
export async function importDemoMappings(rt: Runtime, root: string, account: DemoAccount): Promise<string | null> {
  const path = join(root, "samples", "mappings", `${account.channel}.json`);
  try {
    await access(path);
  } catch {
    return null;
  }
  const file = mappingFile.parse(JSON.parse(await readFile(path, "utf8")));
  await prefetchMappedAttributes(rt, account.id, file);
  const { version } = await writeMappings(rt.db, account.id, file, { mode: "replace" });
  return `${account.channel}: imported ${file.categories.length} category, ${file.attributes.length} attribute and ${file.values.length} value mappings (version ${version})`;
}

/** The operator's fix for a held listing: one value mapping, then the account's listings are checked again. */
export async function demoValueMapping(
  rt: Runtime,
  account: DemoAccount,
  value: { attribute: string; master: string; channel: string },
): Promise<void> {
  await writeMappings(rt.db, account.id, { categories: [], attributes: [], values: [value] }, { mode: "merge" });
  await recheckAccount(rt.db, rt.accounts, rt.queues, account.id);
}

/** How many images were fetched from their source and how many went to each channel's own store. */
export async function demoMediaSummary(rt: Runtime, accounts: DemoAccount[]): Promise<string> {
  const fetched = await rt.db.mediaAsset.count();
  const parts: string[] = [];
  for (const account of accounts) {
    const uploads = await rt.db.mediaUpload.count({ where: { channelAccountId: account.id } });
    if (uploads > 0) parts.push(`${account.channel} ${uploads}`);
  }
  return `${fetched} distinct images fetched from their source and checked; uploaded once each to ${parts.join(", ") || "no channel"}`;
}
