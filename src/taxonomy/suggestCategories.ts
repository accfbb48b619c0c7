import { normaliseName } from "../listing/readiness.js";

export interface CategoryCandidate {
  id: string;
  name: string;
  path: string;
}

export interface Suggestion extends CategoryCandidate {
  /** 0..1, higher is closer. */
  score: number;
}

/** Below this a "suggestion" shares a stray trigram or two: showing it would only mislead. */
const MIN_SCORE = 0.1;

const STOP = new Set(["and", "the", "of", "for", "with", "other", "others", "goods", "products", "accessories", "amp"]);

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * Words with a crude plural fold, so "Footballs" meets "Football" and "Knives" meets "Knife". Chinese has no spaces:
 * each pair of neighbouring characters counts as a word ("守门员手套" gives 守门, 门员, 员手, 手套).
 */
function words(text: string): string[] {
  const normal = normaliseName(text);
  const latin = normal
    .replace(HAN_RUN, " ")
    .split(" ")
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) =>
      w
        .replace(/ies$/, "y")
        .replace(/ves$/, "f")
        .replace(/(s|es)$/, ""),
    );
  const han = (normal.match(HAN_RUN) ?? []).flatMap((run) =>
    run.length === 1 ? [run] : [...run].slice(0, -1).map((c, k) => c + [...run][k + 1]),
  );
  return [...latin, ...han];
}

/** Letter trigrams; character pairs for Chinese. */
function trigrams(text: string): Set<string> {
  const normal = normaliseName(text);
  const size = HAN.test(normal) ? 2 : 3;
  const s = ` ${normal} `;
  const grams = new Set<string>();
  for (let k = 0; k + size <= s.length; k++) grams.add(s.slice(k, k + size));
  return grams;
}

function dice<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/**
 * Pure: channel leaf categories ranked by how close their names read to a master category. The leaf's own name
 * weighs most (words and letter trigrams), its ancestors' names less, and the master's parent name helps tell
 * "Leather > Bags" from "Sports > Bags".
 */
export function suggestCategories(
  master: { name: string; code: string; parentName?: string },
  leaves: readonly CategoryCandidate[],
  limit = 5,
): Suggestion[] {
  const masterWords = new Set([...words(master.name), ...words(master.code.split("-").slice(1).join(" "))]);
  const masterGrams = trigrams(master.name);
  const contextWords = new Set(words(master.parentName ?? master.code.split("-")[0] ?? ""));
  const scored = leaves.map((leaf) => {
    const leafWords = new Set(words(leaf.name));
    const ancestorWords = new Set(words(leaf.path));
    const score =
      0.5 * dice(masterWords, leafWords) +
      0.25 * dice(masterGrams, trigrams(leaf.name)) +
      0.15 * dice(masterWords, ancestorWords) +
      0.1 * dice(contextWords, ancestorWords);
    return { ...leaf, score: Math.round(score * 1000) / 1000 };
  });
  return scored
    .filter((s) => s.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path))
    .slice(0, limit);
}

/** 0..1: how alike two short names read (words and letter trigrams; Chinese by character pairs). */
export function nameSimilarity(a: string, b: string): number {
  const score = 0.6 * dice(new Set(words(a)), new Set(words(b))) + 0.4 * dice(trigrams(a), trigrams(b));
  return Math.round(score * 1000) / 1000;
}
