import { describe, expect, it } from "vitest";
import { bufferedQuantity, fitTitle, shapeContent } from "../../src/localize/shaping.js";
import { canonicalPackage, fromCm, fromKg, toCm, toKg } from "../../src/localize/units.js";

describe("fitTitle", () => {
  it("leaves a title within the limit alone (whitespace tidied)", () => {
    expect(fitTitle("  Football  Size 5 ", 20)).toEqual({ title: "Football Size 5", originalLength: 15, cut: false });
  });

  it("cuts at the last word boundary before the limit and drops dangling separators", () => {
    const r = fitTitle("Hand-Stitched Match Football Size 5 - Sialkot", 30);
    expect(r).toMatchObject({ title: "Hand-Stitched Match Football", cut: true, originalLength: 45 });
    expect(fitTitle("Football, Size 5, White", 16).title).toBe("Football, Size 5");
  });

  it("cuts exactly at a boundary that falls on the limit", () => {
    expect(fitTitle("Match Football Size", 14).title).toBe("Match Football");
  });

  it("cuts a CJK title without spaces right at the limit", () => {
    const title = "巴基斯坦锡亚尔科特手工缝制比赛用足球5号标准尺寸";
    const r = fitTitle(title, 10);
    expect(r.title).toBe("巴基斯坦锡亚尔科特手");
    expect(Array.from(r.title)).toHaveLength(10);
  });

  it("does not cut inside a Latin word within a CJK title", () => {
    expect(fitTitle("手工缝制Sialkot足球", 8).title).toBe("手工缝制");
  });

  it("cuts a single over-long word at the limit", () => {
    expect(fitTitle("Supercalifragilisticexpialidocious ball", 10).title).toBe("Supercalif");
  });

  it("counts characters, not UTF-16 units", () => {
    expect(fitTitle("⚽⚽⚽⚽⚽", 5).cut).toBe(false);
  });
});

describe("shapeContent", () => {
  it("fits the title, reduces the HTML and reports both as warnings", () => {
    const shaped = shapeContent(
      {
        title: "Hand-Stitched Match Football Size 5 with Butyl Bladder",
        description: '<p>Ball</p><script>x</script><a href="https://x.example.com">shop</a>',
        bullets: ["<b>32</b> panels"],
        keywords: ["football"],
      },
      { channel: "jd", maxTitleLength: 30 },
    );
    expect(shaped.title).toBe("Hand-Stitched Match Football");
    expect(shaped.description).toBe("<p>Ball</p>shop");
    expect(shaped.bullets).toEqual(["32 panels"]);
    expect(shaped.warnings.map((w) => w.field)).toEqual(["title", "description"]);
    expect(shaped.warnings[0]?.message).toContain("limit of 30");
    expect(shaped.warnings[1]?.message).toMatch(/<script>.*1 link/);
  });

  it("leaves a plain title with a lone < alone, and resolves markup typed into text fields", () => {
    const shaped = shapeContent(
      { title: "Gloves  size <5 & up", description: "", bullets: ["Fits &lt;5"], keywords: ["<i>gloves</i>"] },
      { channel: "daraz" },
    );
    expect(shaped).toMatchObject({ title: "Gloves size <5 & up", bullets: ["Fits <5"], keywords: ["gloves"] });
  });

  it("says nothing when nothing changed", () => {
    const shaped = shapeContent(
      { title: "Football", description: "<p>ok</p>", bullets: [], keywords: [] },
      { channel: "daraz", maxTitleLength: 255 },
    );
    expect(shaped.warnings).toEqual([]);
  });
});

describe("stock buffer", () => {
  it("keeps N units back, never below 0", () => {
    expect(bufferedQuantity(100, { units: 5 })).toBe(95);
    expect(bufferedQuantity(3, { units: 5 })).toBe(0);
    expect(bufferedQuantity(0, { units: 5 })).toBe(0);
  });

  it("keeps a percentage back, rounding the reserve up", () => {
    expect(bufferedQuantity(240, { percent: 10 })).toBe(216);
    expect(bufferedQuantity(7, { percent: 10 })).toBe(6);
    expect(bufferedQuantity(10, { percent: 10 })).toBe(9);
    expect(bufferedQuantity(1, { percent: 100 })).toBe(0);
  });

  it("uses the larger reserve when both are set, and nothing when none is", () => {
    expect(bufferedQuantity(100, { units: 5, percent: 10 })).toBe(90);
    expect(bufferedQuantity(20, { units: 5, percent: 10 })).toBe(15);
    expect(bufferedQuantity(20)).toBe(20);
  });
});

describe("units", () => {
  it("converts to and from the canonical cm and kg", () => {
    expect(toCm(230, "mm")).toBe(23);
    expect(toCm(9, "in")).toBe(22.86);
    expect(toKg(450, "g")).toBe(0.45);
    expect(toKg(1, "lb")).toBe(0.454);
    expect(fromCm(23, "mm")).toBe(230);
    expect(fromKg(0.45, "g")).toBe(450);
  });

  it("builds the canonical package from catalog decimals, or null when a measure is missing", () => {
    expect(canonicalPackage({ lengthCm: "23.00", widthCm: "23", heightCm: "23", weightKg: "0.450" })).toEqual({
      lengthCm: 23,
      widthCm: 23,
      heightCm: 23,
      weightKg: 0.45,
    });
    expect(canonicalPackage({ lengthCm: null, widthCm: "1", heightCm: "1", weightKg: "1" })).toBeNull();
  });
});
