import { type ProductRow, productInclude } from "../catalog/catalogProduct.js";
import { ValidationError } from "../catalog/errors.js";
import type { SaveResult } from "../catalog/saveProduct.js";
import { type ContentField, type FieldState, type LocaleValues, valueHash, valuesOf } from "./contentState.js";
import { localeState, writeLocaleContent } from "./contentStore.js";
import { TranslationPermanentError } from "./providers/errors.js";
import { fitTitle } from "./shaping.js";
import { type PipelineDeps, type TranslateItem, translateTexts } from "./translate.js";

export interface TranslationJob {
  productId: string;
  /** The locale to fill, e.g. zh-Hans. */
  locale: string;
}

export interface TranslateProductOutcome {
  productId: string;
  locale: string;
  sourceLocale: string | null;
  outcome: SaveResult["outcome"] | "nothing_to_do" | "no_source" | "not_found";
  written: ContentField[];
  skipped: { field: ContentField; reason: string }[];
  memoryHits: number;
  providerTexts: number;
  /** Product version after the write. */
  version?: number;
}

type ContentRow = ProductRow["contents"][number];

/**
 * The locale a translation starts from: human-written content first, English first among equals, then by tag.
 * Never the target itself.
 */
export function pickSource(row: Pick<ProductRow, "contents">, target: string): ContentRow | null {
  const rank = (c: ContentRow) => (c.source === "human" ? 0 : 2) + (c.locale === "en" ? 0 : 1);
  return (
    row.contents
      .filter((c) => c.locale !== target && c.title.trim() !== "")
      .sort((a, b) => rank(a) - rank(b) || a.locale.localeCompare(b.locale))[0] ?? null
  );
}

/**
 * Whether machine translation may (re)write a field: never a locked one (human text is locked until a person unlocks
 * it); otherwise when it was made from another source text or locale than the current one, or never made.
 */
export function needsTranslation(state: FieldState | undefined, source: string | string[], from: string): boolean {
  if (!state) return true;
  if (state.locked) return false;
  return state.sourceHash !== valueHash(source) || state.from !== from;
}

const EMPTY: LocaleValues = { title: "", description: "", bullets: [], keywords: [] };

/**
 * Fills (or refreshes) one locale of one product by machine translation: only fields that are not locked and are
 * missing or out of date. Provider calls happen outside any transaction; the write re-checks locks and the source
 * text inside it (a human edit made meanwhile wins), and goes through the catalog's save path, whose outbox event
 * makes the relay push the listing that was held as needs_translation.
 */
export async function translateProduct(
  deps: PipelineDeps,
  job: TranslationJob,
  ctx: { signal?: AbortSignal } = {},
): Promise<TranslateProductOutcome> {
  const base = {
    productId: job.productId,
    locale: job.locale,
    written: [],
    skipped: [],
    memoryHits: 0,
    providerTexts: 0,
  };
  const row = await deps.db.product.findUnique({ where: { id: job.productId }, include: productInclude });
  if (!row) return { ...base, sourceLocale: null, outcome: "not_found" };
  const source = pickSource(row, job.locale);
  if (!source) return { ...base, sourceLocale: null, outcome: "no_source" };
  const from = source.locale;
  const srcValues = valuesOf(source);
  const current = localeState(row, job.locale);
  const fields = (["title", "description", "bullets", "keywords"] as const).filter((f) =>
    needsTranslation(current?.states[f], srcValues[f], from),
  );
  if (fields.length === 0) return { ...base, sourceLocale: from, outcome: "nothing_to_do" };

  const items: (TranslateItem & { field: ContentField })[] = [];
  for (const f of fields) {
    if (f === "title") items.push({ field: f, text: srcValues.title, format: "text" });
    if (f === "description") items.push({ field: f, text: srcValues.description, format: "html" });
    if (f === "bullets" || f === "keywords") {
      for (const text of srcValues[f]) items.push({ field: f, text, format: "text" });
    }
  }
  const result = await translateTexts(deps, items, { source: from, target: job.locale }, ctx);
  const translated: LocaleValues = { ...EMPTY, bullets: [], keywords: [] };
  items.forEach((item, i) => {
    const text = result.texts[i] ?? "";
    if (item.field === "title") translated.title = fitTitle(text, 500).title;
    if (item.field === "description") translated.description = text.slice(0, 50_000);
    if (item.field === "bullets" && text.trim()) translated.bullets.push(fitTitle(text, 500).title);
    if (item.field === "keywords" && text.trim()) translated.keywords.push(fitTitle(text, 100).title);
  });
  translated.bullets = translated.bullets.slice(0, 10);
  translated.keywords = [...new Set(translated.keywords)].slice(0, 20);
  const sourceHashes = Object.fromEntries(fields.map((f) => [f, valueHash(srcValues[f])]));

  const written: ContentField[] = [];
  const skipped: { field: ContentField; reason: string }[] = [];
  let write: Awaited<ReturnType<typeof writeLocaleContent>>;
  try {
    write = await writeLocaleContent(deps.db, job.productId, job.locale, (now, fresh) => {
      written.length = 0;
      skipped.length = 0;
      const freshSource = pickSource(fresh, job.locale);
      if (!freshSource || freshSource.locale !== from) return null;
      const freshValues = valuesOf(freshSource);
      const values: LocaleValues = { ...(now?.values ?? EMPTY) };
      const states = { ...(now?.states ?? {}) } as Record<ContentField, FieldState>;
      for (const f of fields) {
        if (now?.states[f].locked) {
          skipped.push({ field: f, reason: "locked (a person edited it meanwhile)" });
          continue;
        }
        if (valueHash(freshValues[f]) !== sourceHashes[f]) {
          skipped.push({ field: f, reason: "the source text changed meanwhile" });
          continue;
        }
        (values as Record<ContentField, string | string[]>)[f] = translated[f];
        states[f] = { source: "machine", reviewState: "machine", locked: false, sourceHash: sourceHashes[f], from };
        written.push(f);
      }
      // A new locale needs every field at once; if the source moved under us, the next request starts over.
      if (written.length === 0 || (!now && skipped.length > 0)) return null;
      if (!values.title.trim()) {
        throw new TranslationPermanentError(`empty ${job.locale} title from translation`, "EMPTY_TITLE", "pipeline");
      }
      return { values, states };
    });
  } catch (err) {
    if (err instanceof ValidationError) {
      throw new TranslationPermanentError(`translated content is invalid: ${err.message}`, "INVALID", "pipeline");
    }
    throw err;
  }
  return {
    productId: job.productId,
    locale: job.locale,
    sourceLocale: from,
    outcome: write.changed ? write.save.outcome : "nothing_to_do",
    written: write.changed ? [...written] : [],
    skipped,
    memoryHits: result.memoryHits,
    providerTexts: result.providerTexts,
    version: write.save.version,
  };
}
