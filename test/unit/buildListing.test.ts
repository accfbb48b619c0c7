import { describe, expect, it } from "vitest";
import { buildListing } from "../../src/listing/buildListing.js";
import { changedParts, hashParts } from "../../src/listing/hashParts.js";
import { darazProfile, footballProduct } from "../support/catalogFixtures.js";

describe("buildListing", () => {
  it("builds the channel listing with summed stock and mapped category", () => {
    const result = buildListing(footballProduct(), darazProfile);
    if (!result.ok) throw new Error(JSON.stringify(result.holds));
    expect(result.listing.categoryId).toBe("10000421");
    expect(result.listing.variants[0]?.quantity).toBe(300);
    expect(result.listing.variants[0]?.price).toBe("4500.00");
    expect(result.listing.attributes).toEqual({ warranty_type: "No Warranty", material: "PU leather" });
  });

  it("holds a product with an unmapped category as incomplete, naming the field", () => {
    const result = buildListing(footballProduct({ categoryCode: "furniture" }), darazProfile);
    expect(result).toMatchObject({ ok: false, state: "incomplete" });
    if (!result.ok) expect(result.holds[0]).toMatchObject({ field: "category" });
  });

  it("holds a product without content in the channel's language as needs_translation", () => {
    const result = buildListing(footballProduct(), { ...darazProfile, locale: "zh-Hans" });
    expect(result).toMatchObject({ ok: false, state: "needs_translation" });
  });

  it("holds a variant without package weight", () => {
    const p = footballProduct();
    p.variants[0]!.weightKg = null;
    const result = buildListing(p, darazProfile);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.holds.map((h) => h.field)).toContain("variants.SKC-FB-PRO5-WHT.weightKg");
  });
});

describe("hashParts", () => {
  const build = (p = footballProduct()) => {
    const r = buildListing(p, darazProfile);
    if (!r.ok) throw new Error("hold");
    return hashParts(r.listing);
  };

  it("is stable for the same product", () => {
    expect(build()).toEqual(build());
  });

  it("a price change touches only the price part", () => {
    const p = footballProduct();
    p.variants[0]!.pricePkr = "4600.00";
    expect(changedParts(build(p), build())).toEqual(["price"]);
  });

  it("a stock change touches only the stock part", () => {
    const p = footballProduct();
    p.variants[0]!.stock[0]!.quantity = 1;
    expect(changedParts(build(p), build())).toEqual(["stock"]);
  });

  it("a title change touches only content; an image change only media", () => {
    const p = footballProduct();
    p.content[0]!.title = "New title";
    expect(changedParts(build(p), build())).toEqual(["content"]);
    const q = footballProduct({ media: [{ url: "https://images.example.com/other.jpg", altText: "" }] });
    expect(changedParts(build(q), build())).toEqual(["media"]);
  });

  it("treats a listing never accepted as changed in every part", () => {
    expect(changedParts(build(), {})).toEqual(["content", "price", "stock", "media"]);
  });
});
