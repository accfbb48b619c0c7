import { describe, expect, it } from "vitest";
import type { RemoteAttribute } from "../../adapters/core/types.js";
import { buildListing } from "../../src/listing/buildListing.js";
import { mapAttributes } from "../../src/listing/mapAttributes.js";
import { type ChannelReadiness, noReadiness } from "../../src/listing/readiness.js";
import { darazProfile, footballProduct } from "../support/catalogFixtures.js";

const attr = (over: Partial<RemoteAttribute> & { key: string }): RemoteAttribute => ({
  label: over.key,
  required: false,
  type: "text",
  options: [],
  variant: false,
  fromListing: false,
  ...over,
});

const colour = attr({
  key: "color_family",
  label: "Color Family",
  required: true,
  type: "single_select",
  variant: true,
  options: ["Red", "Blue", "White", "Black"].map((v) => ({ value: v, label: v })),
});
const warranty = attr({
  key: "warranty_type",
  label: "Warranty Type",
  required: true,
  type: "single_select",
  options: ["No Warranty", "Local Seller Warranty"].map((v) => ({ value: v, label: v })),
});
const material = attr({
  key: "material",
  label: "Material",
  type: "multi_select",
  options: [
    { value: "101", label: "PU Leather" },
    { value: "102", label: "Cotton" },
  ],
});
const weight = attr({ key: "net_weight", label: "Net Weight", type: "number" });

function readiness(over: Partial<ChannelReadiness> = {}): ChannelReadiness {
  return {
    ...noReadiness,
    attributes: new Map([
      ["cat-1", [colour, warranty, material, weight, attr({ key: "name", fromListing: true, required: true })]],
    ]),
    ...over,
  };
}

const input = (over: Partial<Parameters<typeof mapAttributes>[0]> = {}) => ({
  channel: "daraz",
  categoryId: "cat-1",
  categoryPath: "Sports > Football",
  attributes: [{ key: "material", value: "PU Leather, cotton" }],
  defaults: { warranty_type: "No Warranty" },
  variants: [
    { sellerSku: "A-1", options: { color: "Maroon", size: "5" } },
    { sellerSku: "A-2", options: { color: "white", size: "4" } },
  ],
  ...over,
});

describe("mapAttributes against a category's attributes", () => {
  it("lists an unmapped value and a sale property nobody fills as gaps, naming the field", () => {
    const r = mapAttributes(input(), readiness());
    expect(r.gaps.map((g) => g.field)).toEqual(["variants.A-1.options.color"]);
    expect(r.gaps[0]?.message).toContain('"Maroon" is not one of its values');
    // "white" meets "White" by name; the multi-select takes both labels as value ids
    expect(r.variantOptions[1]).toEqual({ color_family: "White" });
    expect(r.attributes).toEqual({ warranty_type: "No Warranty", material: "101,102" });
  });

  it("a value map turns Maroon into Red and the gap closes", () => {
    const r = mapAttributes(
      input(),
      readiness({ valueMap: new Map([["color_family", new Map([["maroon", "Red"]])]]) }),
    );
    expect(r.gaps).toEqual([]);
    expect(r.variantOptions.map((o) => o.color_family)).toEqual(["Red", "White"]);
  });

  it("a required attribute with no source is a gap; an account default fills it", () => {
    const missing = mapAttributes(input({ defaults: {} }), readiness());
    expect(
      missing.gaps.some((g) => g.field === "attributes.warranty_type" && g.message.includes("Warranty Type")),
    ).toBe(true);
  });

  it("a required sale property with no variant option mapped to it names every variant", () => {
    const r = mapAttributes(input({ variants: [{ sellerSku: "B-1", options: { size: "5" } }] }), readiness());
    expect(r.gaps).toEqual([expect.objectContaining({ field: "variants.B-1.options.color_family" })]);
  });

  it("an explicit key map wins over the name match, per category before account-wide", () => {
    const r = mapAttributes(
      input({ attributes: [{ key: "weight_g", value: "430 g" }] }),
      readiness({
        attributeMap: new Map([
          ["", new Map([["weight_g", "material"]])],
          [
            "cat-1",
            new Map([
              ["weight_g", "net_weight"],
              ["color", "color_family"],
            ]),
          ],
        ]),
        valueMap: new Map([["color_family", new Map([["maroon", "Red"]])]]),
      }),
    );
    expect(r.attributes.net_weight).toBe("430");
    expect(r.attributes.material).toBeUndefined();
  });

  it("a number attribute refuses text that is not a number", () => {
    const r = mapAttributes(
      input({ attributes: [{ key: "net_weight", value: "heavy" }] }),
      readiness({
        valueMap: new Map([["color_family", new Map([["maroon", "Red"]])]]),
      }),
    );
    expect(r.gaps).toEqual([
      expect.objectContaining({ field: "attributes.net_weight", message: expect.stringContaining("not a number") }),
    ]);
  });

  it("without stored attributes only the user's maps apply and nothing is a gap", () => {
    const r = mapAttributes(input(), {
      ...noReadiness,
      attributeMap: new Map([["", new Map([["color", "color_family"]])]]),
      valueMap: new Map([["color_family", new Map([["maroon", "Red"]])]]),
    });
    expect(r.gaps).toEqual([]);
    expect(r.variantOptions[0]).toEqual({ color_family: "Red", size: "5" });
  });
});

describe("buildListing with readiness", () => {
  const tree = (leaf: boolean, removed = false) =>
    new Map([["10000421", { id: "10000421", path: "Sports > Football > Balls", leaf, removed }]]);

  it("holds a listing mapped to a category that is not a leaf, or that left the tree", () => {
    const notLeaf = buildListing(footballProduct(), darazProfile, undefined, {
      readiness: { ...noReadiness, treeFetched: true, categories: tree(false) },
    });
    expect(notLeaf.ok).toBe(false);
    if (!notLeaf.ok) expect(notLeaf.holds[0]?.message).toContain("is not a leaf");
    const gone = buildListing(footballProduct(), darazProfile, undefined, {
      readiness: { ...noReadiness, treeFetched: true, categories: new Map() },
    });
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.holds[0]?.message).toContain("no longer in the channel's tree");
  });

  it("the mapping table wins over settings.categoryMap", () => {
    const r = buildListing(footballProduct(), darazProfile, undefined, {
      readiness: { ...noReadiness, categoryMap: new Map([["sports-balls", "999"]]) },
    });
    expect(r.ok && r.listing.categoryId).toBe("999");
  });

  it("reports every gap at once: attribute, package and the channel's need for an image", () => {
    const p = footballProduct({ media: [] });
    const v = p.variants[0];
    if (v) v.weightKg = null;
    const r = buildListing(p, darazProfile, undefined, {
      capabilities: {
        maxTitleLength: 255,
        imageRules: { maxImages: 8, maxBytes: 3e6, minPixels: 330, maxPixels: 5000, formats: ["jpeg"] },
      },
      readiness: {
        ...noReadiness,
        attributes: new Map([["10000421", [warranty, attr({ key: "lining", required: true })]]]),
      },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.state).toBe("incomplete");
      expect(r.holds.map((h) => h.kind).sort()).toEqual(["attribute", "media", "package"]);
    }
  });
});

describe("value gaps name the closest option when one reads close", () => {
  const sizes = attr({
    key: "1000146705",
    label: "号数",
    type: "single_select",
    variant: true,
    options: ["3号", "4号", "5号"].map((l, i) => ({ value: `10${i}`, label: l })),
  });
  const colours = attr({
    key: "color_family",
    label: "Color Family",
    type: "single_select",
    variant: true,
    options: ["Navy Blue", "Red", "Beige"].map((v) => ({ value: v, label: v })),
  });
  const run = (options: Record<string, string>) =>
    mapAttributes(
      input({ defaults: {}, attributes: [], variants: [{ sellerSku: "S-1", options }] }),
      readiness({
        attributes: new Map([["cat-1", [sizes, colours]]]),
        attributeMap: new Map([["", new Map([["size", "1000146705"]])]]),
      }),
    ).gaps.map((g) => g.message);

  it("suggests by containment either way, and stays quiet when nothing is close", () => {
    expect(run({ size: "5", color: "Navy" })).toEqual([
      expect.stringContaining('closest: "5号"'),
      expect.stringContaining('closest: "Navy Blue"'),
    ]);
    expect(run({ color: "Light Beige" })[0]).toContain('closest: "Beige"');
    expect(run({ color: "Navy Bleu" })[0]).toContain('closest: "Navy Blue"');
    expect(run({ color: "Maroon" })[0]).not.toContain("closest");
  });
});
