/**
 * The pure cost of completeness: buildListing over the same products with the account's stored taxonomy and
 * mappings (attribute and value mapping, required-attribute and leaf checks, the channel's image list), against the
 * builder as it ran before readiness (settings.categoryMap only). No database, no channel: in-process CPU only.
 */
import { type BuildResult, buildListing } from "../../src/listing/buildListing.js";
import { latestRates } from "../../src/localize/fxRates.js";
import { buildOptions } from "../../src/sync/resync.js";
import { loadReadiness } from "../../src/taxonomy/loadReadiness.js";
import type { Phase } from "../sync/env.js";
import { asCatalogProduct, categoryMapFor, generateProduct } from "../sync/generate.js";
import { isBenchChannel } from "../sync/mappings.js";
import { round } from "../sync/throughput.js";

export interface CompletenessCost {
  products: number;
  variants: number;
  /** Timed passes over all products per builder (after one untimed warm-up pass); the median is reported. */
  passes: number;
  byChannel: Record<
    string,
    {
      withReadinessUsPerProduct: number;
      withoutReadinessUsPerProduct: number;
      overheadUsPerProduct: number;
      /** Products the builder found complete with readiness (all of them, or a mapping is wrong). */
      completeWithReadiness: number;
      completeWithout: number;
    }
  >;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function completenessCost(phase: Phase, count: number, variants: number): Promise<CompletenessCost> {
  const { db } = phase.rt;
  const products = Array.from({ length: count }, (_, i) =>
    asCatalogProduct(`rb${i}`, phase.base.exporterId, generateProduct(i, variants, "RB", phase.images)),
  );
  const pricing = { fx: await latestRates(db), now: new Date() };
  const passes = 3;
  const byChannel: CompletenessCost["byChannel"] = {};
  for (const acc of phase.accounts) {
    if (!isBenchChannel(acc.channel)) continue;
    const account = await phase.rt.accounts.get(acc.id);
    const readiness = await loadReadiness(db, acc.id);
    // Before readiness: the settings' category map was all the builder knew (the adapter's capabilities still apply).
    const bare = { ...account.profile, categoryMap: categoryMapFor(acc.channel) };
    const withReadiness = (i: number): BuildResult => {
      const product = products[i]!;
      return buildListing(
        product,
        account.profile,
        pricing,
        buildOptions(account, { readiness, images: product.media.map((m) => m.url) }),
      );
    };
    const capabilities = { capabilities: account.adapter.capabilities };
    const without = (i: number): BuildResult => buildListing(products[i]!, bare, pricing, capabilities);
    const run = (build: (i: number) => BuildResult) => {
      let ok = 0;
      const t0 = performance.now();
      for (let i = 0; i < products.length; i += 1) if (build(i).ok) ok += 1;
      return { ms: performance.now() - t0, ok };
    };
    const times = { with: [] as number[], without: [] as number[] };
    let okWith = 0;
    let okWithout = 0;
    for (let pass = 0; pass <= passes; pass += 1) {
      // Alternate the order so neither builder always runs on a warmer heap.
      const a = pass % 2 === 0 ? run(withReadiness) : run(without);
      const b = pass % 2 === 0 ? run(without) : run(withReadiness);
      const [w, wo] = pass % 2 === 0 ? [a, b] : [b, a];
      okWith = w.ok;
      okWithout = wo.ok;
      if (pass === 0) continue;
      times.with.push(w.ms);
      times.without.push(wo.ms);
    }
    const us = (ms: number) => round((ms * 1000) / products.length, 2);
    const withUs = us(median(times.with));
    const withoutUs = us(median(times.without));
    byChannel[acc.channel] = {
      withReadinessUsPerProduct: withUs,
      withoutReadinessUsPerProduct: withoutUs,
      overheadUsPerProduct: round(withUs - withoutUs, 2),
      completeWithReadiness: okWith,
      completeWithout: okWithout,
    };
  }
  return { products: count, variants, passes, byChannel };
}
