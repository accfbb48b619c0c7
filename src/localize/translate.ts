import type { Db } from "../db.js";
import type { Logger } from "../logger.js";
import { loadGlossary, protectTerms, restoreTerms } from "./glossary.js";
import { escapeText, htmlToText } from "./html.js";
import { TranslationPermanentError } from "./providers/errors.js";
import type { TranslationProvider } from "./providers/types.js";
import { lookupMemory, rememberMachine } from "./translationMemory.js";

export interface TranslateItem {
  text: string;
  /** html: tags kept, only text translated (descriptions); text: a plain string (title, bullets, keywords). */
  format: "html" | "text";
}

export interface PipelineDeps {
  db: Db;
  /** null: memory only; a text the memory does not hold is then an error. */
  provider: TranslationProvider | null;
  log?: Logger;
}

export interface PipelineResult {
  texts: string[];
  memoryHits: number;
  /** Texts sent to the provider (0 when the memory held everything). */
  providerTexts: number;
}

/**
 * Translates texts from one locale to another: exact matches come from the translation memory; the rest go to the
 * provider in one batch, with glossary terms protected by placeholders and restored afterwards, and are remembered.
 * Everything is sent in HTML mode (plain strings escaped), so one request carries titles and descriptions alike.
 */
export async function translateTexts(
  deps: PipelineDeps,
  items: TranslateItem[],
  pair: { source: string; target: string },
  ctx: { signal?: AbortSignal } = {},
): Promise<PipelineResult> {
  const memoryPair = { sourceLocale: pair.source, targetLocale: pair.target };
  const wanted = items.filter((i) => i.text.trim() !== "").map((i) => i.text);
  const memory = await lookupMemory(deps.db, memoryPair, wanted);
  const misses = new Map<string, TranslateItem["format"]>();
  for (const item of items) {
    if (item.text.trim() !== "" && !memory.has(item.text)) misses.set(item.text, item.format);
  }
  const fresh = new Map<string, string>();
  if (misses.size > 0) {
    if (!deps.provider) {
      throw new TranslationPermanentError(
        `${misses.size} text(s) are not in the translation memory and no provider is configured`,
        "NO_PROVIDER",
        "memory",
      );
    }
    const glossary = await loadGlossary(deps.db, pair.source, pair.target);
    const sources = [...misses.keys()];
    const prepared = sources.map((text) =>
      protectTerms(misses.get(text) === "html" ? text : escapeText(text), glossary),
    );
    const translated = await deps.provider.translate(
      prepared.map((p) => p.html),
      { source: pair.source, target: pair.target, format: "html" },
      ctx,
    );
    sources.forEach((text, i) => {
      const restored = restoreTerms(translated[i] ?? "", prepared[i]?.slots ?? []);
      if (restored.lost.length > 0) {
        deps.log?.warn(
          { source: pair.source, target: pair.target, lost: restored.lost.length },
          "provider dropped glossary placeholders; those terms are as the provider wrote them",
        );
      }
      fresh.set(text, misses.get(text) === "html" ? restored.html.trim() : htmlToText(restored.html));
    });
    await rememberMachine(
      deps.db,
      memoryPair,
      deps.provider.name,
      [...fresh].filter(([, target]) => target !== "").map(([source, target]) => ({ source, target })),
    );
  }
  return {
    texts: items.map((i) => (i.text.trim() === "" ? "" : (memory.get(i.text) ?? fresh.get(i.text) ?? ""))),
    memoryHits: items.filter((i) => memory.has(i.text)).length,
    providerTexts: misses.size,
  };
}
