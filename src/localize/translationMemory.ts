import { createHash } from "node:crypto";
import type { Db } from "../db.js";

/**
 * Translation memory: every translation made or approved, reused on an exact match of the source text (sha256 of it,
 * per language pair). It is the translation cache: a hit costs no provider call and counts a hit. Human entries
 * (approved or written by a person) replace machine ones; a machine result never replaces a human entry.
 */
export const HUMAN_ORIGIN = "human";

export function sourceHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export interface MemoryPair {
  sourceLocale: string;
  targetLocale: string;
}

/** Exact matches for the given source texts: source text -> target text. Hits are counted. */
export async function lookupMemory(db: Db, pair: MemoryPair, texts: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(texts)];
  if (unique.length === 0) return new Map();
  const rows = await db.translationMemory.findMany({
    where: { ...pair, sourceHash: { in: unique.map(sourceHash) } },
    select: { id: true, sourceText: true, targetText: true },
  });
  const found = rows.filter((r) => unique.includes(r.sourceText));
  if (found.length > 0) {
    await db.translationMemory.updateMany({
      where: { id: { in: found.map((r) => r.id) } },
      data: { hits: { increment: 1 }, usedAt: new Date() },
    });
  }
  return new Map(found.map((r) => [r.sourceText, r.targetText]));
}

/** Stores machine translations; an existing entry (human or machine) for the same source is kept. */
export async function rememberMachine(
  db: Db,
  pair: MemoryPair,
  origin: string,
  entries: { source: string; target: string }[],
): Promise<void> {
  if (entries.length === 0) return;
  await db.translationMemory.createMany({
    data: entries.map((e) => ({
      ...pair,
      sourceHash: sourceHash(e.source),
      sourceText: e.source,
      targetText: e.target,
      origin,
    })),
    skipDuplicates: true,
  });
}

type MemoryWriter = Pick<Db, "translationMemory">;

/** Stores a person's translation (a human edit or an approved machine one); it replaces any entry for that source. */
export async function rememberHuman(
  db: MemoryWriter,
  pair: MemoryPair,
  entries: { source: string; target: string }[],
): Promise<void> {
  for (const e of entries) {
    if (!e.source.trim() || !e.target.trim()) continue;
    const hash = sourceHash(e.source);
    await db.translationMemory.upsert({
      where: { sourceLocale_targetLocale_sourceHash: { ...pair, sourceHash: hash } },
      create: { ...pair, sourceHash: hash, sourceText: e.source, targetText: e.target, origin: HUMAN_ORIGIN },
      update: { sourceText: e.source, targetText: e.target, origin: HUMAN_ORIGIN, usedAt: new Date() },
    });
  }
}

/** Forgets machine translations, e.g. after switching providers, so they are made again by the new one. */
export async function forgetMachineMemory(db: Db, filter: { origin?: string; targetLocale?: string } = {}) {
  if (filter.origin === HUMAN_ORIGIN) return 0;
  const { count } = await db.translationMemory.deleteMany({
    where: {
      origin: filter.origin ?? { not: HUMAN_ORIGIN },
      ...(filter.targetLocale ? { targetLocale: filter.targetLocale } : {}),
    },
  });
  return count;
}
