import type { Db } from "../db.js";
import { decodeEntities, escapeAttribute, escapeText, tokenize } from "./html.js";

/**
 * Glossary: terms kept as they are (translation null: Ajrak, Sialkot) or mapped to a fixed translation
 * (full-grain leather -> 全粒面皮革). Before machine translation every occurrence is replaced by a placeholder the
 * providers leave alone (an HTML span marked translate="no", which Google, DeepL and LibreTranslate's HTML mode
 * keep); afterwards each placeholder is replaced by the glossary's text, whatever the provider did inside it.
 *
 * Case rules: a term matches regardless of case unless it is case-sensitive. A kept term is written as the glossary
 * spells it when that spelling has capitals (proper nouns: "ajrak" becomes "Ajrak"), otherwise as the source wrote it
 * ("Hand-stitched" stays). A mapped term is written as the glossary's translation; in scripts with case, a source
 * occurrence that starts with a capital while the term does not (a title, a sentence start) capitalises it.
 * Case-sensitive terms are always written exactly as the glossary says.
 */
export interface GlossaryEntry {
  term: string;
  /** null: keep the term as it is. */
  translation: string | null;
  caseSensitive: boolean;
}

export interface ProtectedText {
  /** HTML with placeholders, ready for a provider in HTML mode. */
  html: string;
  /** Final text per placeholder id. */
  slots: string[];
}

/** Wildcard target locale: a term stored for "*" applies to every target (specific entries win). */
export const ANY_LOCALE = "*";

export async function loadGlossary(db: Db, sourceLocale: string, targetLocale: string): Promise<GlossaryEntry[]> {
  const rows = await db.glossaryTerm.findMany({
    where: { sourceLocale, targetLocale: { in: [targetLocale, ANY_LOCALE] } },
    orderBy: { term: "asc" },
  });
  const byTerm = new Map<string, GlossaryEntry>();
  for (const r of rows.sort(
    (a, b) => (a.targetLocale === ANY_LOCALE ? -1 : 0) - (b.targetLocale === ANY_LOCALE ? -1 : 0),
  )) {
    byTerm.set(r.caseSensitive ? r.term : r.term.toLowerCase(), {
      term: r.term,
      translation: r.translation,
      caseSensitive: r.caseSensitive,
    });
  }
  return [...byTerm.values()];
}

const WORD = /[\p{L}\p{N}]/u;
/** Scripts written without spaces: a term in them needs no word boundary. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const needsBoundary = (c: string) => WORD.test(c) && !UNSPACED.test(c);

interface Match {
  start: number;
  end: number;
  entry: GlossaryEntry;
}

/** Non-overlapping matches of the glossary in a plain text, longest first at each position. */
export function findTerms(text: string, glossary: GlossaryEntry[]): Match[] {
  const candidates: Match[] = [];
  for (const entry of glossary) {
    if (!entry.term.trim()) continue;
    const pattern = new RegExp(entry.term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), entry.caseSensitive ? "gu" : "giu");
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      // Whole words only: "Sialkot" is not found in "Sialkotian". Terms in scripts without spaces need no boundary.
      const first = entry.term[0] ?? "";
      const last = entry.term.at(-1) ?? "";
      const before = text.slice(0, start).at(-1) ?? "";
      const after = text[end] ?? "";
      if (needsBoundary(first) && WORD.test(before)) continue;
      if (needsBoundary(last) && WORD.test(after)) continue;
      candidates.push({ start, end, entry });
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const chosen: Match[] = [];
  let cursor = 0;
  for (const c of candidates) {
    if (c.start < cursor) continue;
    chosen.push(c);
    cursor = c.end;
  }
  return chosen;
}

/** What a matched occurrence becomes in the target text. */
export function finalText(occurrence: string, entry: GlossaryEntry): string {
  if (entry.caseSensitive) return entry.translation ?? entry.term;
  if (entry.translation === null) return /\p{Lu}/u.test(entry.term) ? entry.term : occurrence;
  const t = entry.translation;
  const occursCapitalised = /^\p{Lu}/u.test(occurrence) && !/^\p{Lu}/u.test(entry.term);
  const first = t[0] ?? "";
  if (occursCapitalised && first.toUpperCase() !== first.toLowerCase()) return first.toUpperCase() + t.slice(1);
  return t;
}

/**
 * Replaces glossary terms in the text nodes of an HTML fragment with placeholders. Tags and attributes are never
 * touched. The span carries the final text too, so a provider that ignores translate="no" still sees the right word.
 */
export function protectTerms(html: string, glossary: GlossaryEntry[]): ProtectedText {
  const slots: string[] = [];
  if (glossary.length === 0) return { html, slots };
  const out: string[] = [];
  for (const token of tokenize(html)) {
    if (token.type !== "text") {
      out.push(rebuild(token));
      continue;
    }
    const text = decodeEntities(token.text);
    let cursor = 0;
    for (const m of findTerms(text, glossary)) {
      out.push(escapeText(text.slice(cursor, m.start)));
      const value = finalText(text.slice(m.start, m.end), m.entry);
      out.push(`<span translate="no" class="notranslate" data-g="${slots.length}">${escapeText(value)}</span>`);
      slots.push(value);
      cursor = m.end;
    }
    out.push(escapeText(text.slice(cursor)));
  }
  return { html: out.join(""), slots };
}

/**
 * Puts the glossary's text back in place of every placeholder; returns the ids the provider lost (their terms are then
 * whatever the provider wrote, reported so the caller can log it).
 */
export function restoreTerms(translated: string, slots: string[]): { html: string; lost: number[] } {
  if (slots.length === 0) return { html: translated, lost: [] };
  const seen = new Set<number>();
  const html = translated.replace(
    /<span\b[^>]*?\bdata-g\s*=\s*["']?(\d+)["']?[^>]*>([\s\S]*?)<\/span\s*>/gi,
    (match, id: string) => {
      const n = Number(id);
      const value = slots[n];
      if (value === undefined) return match;
      seen.add(n);
      return escapeText(value);
    },
  );
  return { html, lost: slots.map((_, i) => i).filter((i) => !seen.has(i)) };
}

function rebuild(token: ReturnType<typeof tokenize>[number]): string {
  switch (token.type) {
    case "start":
      return `<${token.name}${token.attrs
        .map(([k, v]) => (v === null ? ` ${k}` : ` ${k}="${escapeAttribute(v)}"`))
        .join("")}${token.selfClosing ? " /" : ""}>`;
    case "end":
      return `</${token.name}>`;
    case "raw":
      return token.text;
    case "text":
      return token.text;
    case "comment":
      return "";
  }
}

export interface GlossaryTermInput {
  sourceLocale: string;
  targetLocale: string;
  term: string;
  translation: string | null;
  caseSensitive?: boolean;
}

/**
 * Adds or changes a term. Machine translations in the memory whose source holds the term are forgotten, so the next
 * translation uses the new rule; human translations (memory origin "human") and the content fields themselves are
 * never rewritten by a glossary change: a machine field changes only when it is translated again.
 */
export async function saveGlossaryTerm(db: Db, input: GlossaryTermInput): Promise<{ invalidated: number }> {
  const caseSensitive = input.caseSensitive ?? false;
  return db.$transaction(async (tx) => {
    await tx.glossaryTerm.upsert({
      where: {
        sourceLocale_targetLocale_term: {
          sourceLocale: input.sourceLocale,
          targetLocale: input.targetLocale,
          term: input.term,
        },
      },
      create: { ...input, caseSensitive },
      update: { translation: input.translation, caseSensitive },
    });
    const { count } = await tx.translationMemory.deleteMany({
      where: {
        sourceLocale: input.sourceLocale,
        ...(input.targetLocale === ANY_LOCALE ? {} : { targetLocale: input.targetLocale }),
        origin: { not: "human" },
        sourceText: { contains: input.term, mode: "insensitive" },
      },
    });
    return { invalidated: count };
  });
}

export async function deleteGlossaryTerm(
  db: Db,
  key: { sourceLocale: string; targetLocale: string; term: string },
): Promise<{ deleted: boolean; invalidated: number }> {
  return db.$transaction(async (tx) => {
    const { count: deleted } = await tx.glossaryTerm.deleteMany({ where: key });
    const { count } = await tx.translationMemory.deleteMany({
      where: {
        sourceLocale: key.sourceLocale,
        ...(key.targetLocale === ANY_LOCALE ? {} : { targetLocale: key.targetLocale }),
        origin: { not: "human" },
        sourceText: { contains: key.term, mode: "insensitive" },
      },
    });
    return { deleted: deleted > 0, invalidated: deleted > 0 ? count : 0 };
  });
}
