import { describe, expect, it } from "vitest";
import { finalText, findTerms, type GlossaryEntry, protectTerms, restoreTerms } from "../../src/localize/glossary.js";
import { escapeText } from "../../src/localize/html.js";

const glossary: GlossaryEntry[] = [
  { term: "Ajrak", translation: null, caseSensitive: false },
  { term: "Sialkot", translation: null, caseSensitive: false },
  { term: "hand-stitched", translation: null, caseSensitive: false },
  { term: "full-grain leather", translation: "全粒面皮革", caseSensitive: false },
  { term: "leather", translation: "皮革", caseSensitive: false },
  { term: "PRO", translation: null, caseSensitive: true },
];

/** A stand-in for a provider in HTML mode: upper-cases text, leaves translate="no" spans alone. */
function fakeTranslate(html: string): string {
  return html.replace(/(<span[^>]*translate="no"[^>]*>[\s\S]*?<\/span>)|([^<>]+)(?=<|$)/g, (m, span: string) =>
    span ? span : m.toUpperCase(),
  );
}

describe("glossary", () => {
  it("keeps a term inside a sentence, matched regardless of case, in the glossary's spelling", () => {
    const p = protectTerms(escapeText("Block-printed ajrak shawl from Sialkot"), glossary);
    expect(p.html).toContain('translate="no"');
    expect(p.slots).toEqual(["Ajrak", "Sialkot"]);
    const { html, lost } = restoreTerms(fakeTranslate(p.html), p.slots);
    expect(lost).toEqual([]);
    expect(html).toBe("BLOCK-PRINTED Ajrak SHAWL FROM Sialkot");
  });

  it("keeps a lower-case term as the source wrote it (case preserved)", () => {
    const p = protectTerms("Hand-Stitched football", glossary);
    expect(restoreTerms(fakeTranslate(p.html), p.slots).html).toBe("Hand-Stitched FOOTBALL");
  });

  it("maps a term to its translation, longest match first, case-insensitive", () => {
    const p = protectTerms("Wallet in Full-Grain Leather with leather strap", glossary);
    expect(p.slots).toEqual(["全粒面皮革", "皮革"]);
    expect(restoreTerms(fakeTranslate(p.html), p.slots).html).toBe("WALLET IN 全粒面皮革 WITH 皮革 STRAP");
  });

  it("capitalises a mapped term in a cased script when the source capitalised it", () => {
    const entry = { term: "hand-stitched", translation: "cousu main", caseSensitive: false };
    expect(finalText("Hand-stitched", entry)).toBe("Cousu main");
    expect(finalText("hand-stitched", entry)).toBe("cousu main");
    expect(finalText("Full-grain leather", glossary[3]!)).toBe("全粒面皮革");
  });

  it("matches whole words only, and case-sensitive terms only in their case", () => {
    expect(findTerms("Sialkotian goods", glossary)).toEqual([]);
    expect(findTerms("the pro model", glossary)).toEqual([]);
    expect(findTerms("the PRO model", glossary).map((m) => m.entry.term)).toEqual(["PRO"]);
  });

  it("never touches tags or attributes, only text nodes of HTML", () => {
    const p = protectTerms('<p class="Sialkot"><img alt="ajrak" src="x.jpg">Ajrak &amp; more</p>', glossary);
    expect(p.html).toContain('class="Sialkot"');
    expect(p.html).toContain('alt="ajrak"');
    expect(p.slots).toEqual(["Ajrak"]);
    expect(restoreTerms(p.html, p.slots).html).toBe(
      '<p class="Sialkot"><img alt="ajrak" src="x.jpg">Ajrak &amp; more</p>',
    );
  });

  it("restores placeholders the provider rewrote around, and reports lost ones", () => {
    const p = protectTerms("Ajrak and Sialkot", glossary);
    const mangled = `阿杰拉克 <span data-g='0' class="notranslate" translate="no">X</span> 和`;
    const r = restoreTerms(mangled, p.slots);
    expect(r.html).toBe("阿杰拉克 Ajrak 和");
    expect(r.lost).toEqual([1]);
  });
});
