/**
 * Category suggestion quality: for each of the 26 master leaf categories of samples/catalog.json, the channel leaves
 * suggestCategories ranks closest in the account's stored tree (read from the simulator), scored against the leaf the
 * sample catalog really belongs in. Baseline in the same run: a naive matcher (the leaves whose name contains the
 * master name's first word, in path order).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { SAMPLE_CATEGORY_LEAVES } from "../../adapters/alibaba/simulator/taxonomyData.js";
import { JD_SAMPLE_LEAVES } from "../../adapters/jd/simulator/taxonomyData.js";
import { type CategoryCandidate, suggestCategories } from "../../src/taxonomy/suggestCategories.js";
import type { Phase } from "../sync/env.js";

interface SampleCategory {
  code: string;
  name: string;
  parent?: string;
}

interface Miss {
  master: string;
  expected: string;
  top1: string | null;
}

export interface Quality {
  masters: number;
  leaves: number;
  top1HitRate: number;
  top3HitRate: number;
  /** Masters with no suggestion at all (every leaf under the score floor). */
  noSuggestion: number;
  baseline: { method: string; top1HitRate: number; top3HitRate: number; noSuggestion: number };
  misses: Miss[];
}

export interface NotApplicable {
  applicable: false;
  reason: string;
  /** Measured anyway, to show the reason holds. */
  measured: { masters: number; leaves: number; mastersWithAnySuggestion: number; top1Hits: number };
}

const root = join(import.meta.dirname, "..", "..");
const rate = (hits: number, of: number) => Math.round((hits / Math.max(1, of)) * 1000) / 1000;

async function sampleCatalog(): Promise<{
  masters: (SampleCategory & { parentName?: string })[];
  daraz: Record<string, string>;
}> {
  const file = JSON.parse(await readFile(join(root, "samples", "catalog.json"), "utf8")) as {
    categories: SampleCategory[];
    darazCategoryMap: Record<string, string>;
  };
  const names = new Map(file.categories.map((c) => [c.code, c.name]));
  const masters = file.categories
    .filter((c) => c.parent !== undefined)
    .map((c) => {
      const parentName = c.parent ? names.get(c.parent) : undefined;
      return { ...c, ...(parentName ? { parentName } : {}) };
    });
  return { masters, daraz: file.darazCategoryMap };
}

async function storedLeaves(phase: Phase, channel: string): Promise<CategoryCandidate[]> {
  const account = phase.accounts.find((a) => a.channel === channel);
  if (!account) throw new Error(`suggestions: no ${channel} account`);
  const rows = await phase.rt.db.channelCategory.findMany({
    where: { channelAccountId: account.id, leaf: true, removedAt: null },
    select: { remoteId: true, name: true, path: true },
    orderBy: { path: "asc" },
  });
  return rows.map((r) => ({ id: r.remoteId, name: r.name, path: r.path }));
}

/** The naive matcher: leaves whose name contains the master name's first word, in path order. */
function naive(masterName: string, leaves: readonly CategoryCandidate[]): CategoryCandidate[] {
  const first = masterName.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  return first === "" ? [] : leaves.filter((l) => l.name.toLowerCase().includes(first));
}

function score(
  masters: (SampleCategory & { parentName?: string })[],
  expected: Readonly<Record<string, string | number>>,
  leaves: CategoryCandidate[],
): Quality {
  let top1 = 0;
  let top3 = 0;
  let none = 0;
  let naive1 = 0;
  let naive3 = 0;
  let naiveNone = 0;
  const misses: Miss[] = [];
  const judged = masters.filter((m) => expected[m.code] !== undefined);
  for (const m of judged) {
    const want = String(expected[m.code]);
    const ranked = suggestCategories(
      { name: m.name, code: m.code, ...(m.parentName ? { parentName: m.parentName } : {}) },
      leaves,
      3,
    );
    if (ranked.length === 0) none += 1;
    if (ranked[0]?.id === want) top1 += 1;
    else misses.push({ master: m.code, expected: want, top1: ranked[0] ? `${ranked[0].id} ${ranked[0].name}` : null });
    if (ranked.some((s) => s.id === want)) top3 += 1;
    const simple = naive(m.name, leaves).slice(0, 3);
    if (simple.length === 0) naiveNone += 1;
    if (simple[0]?.id === want) naive1 += 1;
    if (simple.some((s) => s.id === want)) naive3 += 1;
  }
  return {
    masters: judged.length,
    leaves: leaves.length,
    top1HitRate: rate(top1, judged.length),
    top3HitRate: rate(top3, judged.length),
    noSuggestion: none,
    baseline: {
      method: "leaves whose name contains the master name's first word, in path order",
      top1HitRate: rate(naive1, judged.length),
      top3HitRate: rate(naive3, judged.length),
      noSuggestion: naiveNone,
    },
    misses,
  };
}

export async function suggestionQuality(phase: Phase): Promise<Record<string, Quality | NotApplicable>> {
  const { masters, daraz } = await sampleCatalog();
  const out: Record<string, Quality | NotApplicable> = {};
  out.daraz = score(masters, daraz, await storedLeaves(phase, "daraz"));
  out.alibaba = score(masters, SAMPLE_CATEGORY_LEAVES, await storedLeaves(phase, "alibaba"));
  const jdLeaves = await storedLeaves(phase, "jd");
  const jd = score(masters, JD_SAMPLE_LEAVES, jdLeaves);
  out.jd = {
    applicable: false,
    reason:
      "JD's tree is named in Simplified Chinese; suggestions compare names as written, so English master names share no words or letter trigrams with it",
    measured: {
      masters: jd.masters,
      leaves: jd.leaves,
      mastersWithAnySuggestion: jd.masters - jd.noSuggestion,
      top1Hits: Math.round(jd.top1HitRate * jd.masters),
    },
  };
  return out;
}
