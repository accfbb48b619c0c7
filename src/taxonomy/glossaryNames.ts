import type { GlossaryEntry } from "../localize/glossary.js";

/** The name with every glossary term that has a translation replaced by it (whole words, any case, plural "s"). */
export function withGlossary(name: string, glossary: readonly GlossaryEntry[]): string {
  let out = name;
  for (const entry of [...glossary].sort((a, b) => b.term.length - a.term.length)) {
    if (!entry.translation) continue;
    const escaped = entry.term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`\\b${escaped}s?\\b`, entry.caseSensitive ? "g" : "gi"), entry.translation);
  }
  return out;
}
