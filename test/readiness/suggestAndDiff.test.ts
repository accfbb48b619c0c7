import { describe, expect, it } from "vitest";
import type { RemoteAttribute } from "../../adapters/core/types.js";
import { foreignDescriptionImages } from "../../src/media/descriptionImages.js";
import { withGlossary } from "../../src/taxonomy/glossaryNames.js";
import { suggestCategories } from "../../src/taxonomy/suggestCategories.js";
import { attributeChanges, categoryPaths, treeChanges } from "../../src/taxonomy/taxonomyChanges.js";
import { validateMappings } from "../../src/taxonomy/validateMappings.js";

const leaves = [
  { id: "1", name: "Footballs", path: "Sports & Outdoors > Team Sports > Football > Footballs" },
  { id: "2", name: "Football Boots", path: "Sports & Outdoors > Team Sports > Football > Football Boots" },
  { id: "3", name: "Table Lamps", path: "Home > Lighting > Table Lamps" },
  { id: "4", name: "Salt Lamps", path: "Home > Lighting > Salt Lamps" },
  { id: "5", name: "Wallets", path: "Fashion > Men > Accessories > Wallets" },
  { id: "6", name: "Goalkeeper Gloves", path: "Sports & Outdoors > Team Sports > Football > Goalkeeper Gloves" },
  { id: "7", name: "Boxing Gloves", path: "Sports & Outdoors > Martial Arts > Boxing Gloves" },
];

describe("category suggestions", () => {
  it("ranks the leaf whose name reads closest first", () => {
    expect(suggestCategories({ code: "sports-footballs", name: "Footballs" }, leaves)[0]?.id).toBe("1");
    expect(suggestCategories({ code: "salt-lamps", name: "Salt lamps" }, leaves)[0]?.id).toBe("4");
    expect(suggestCategories({ code: "leather-wallets", name: "Wallets and small leather goods" }, leaves)[0]?.id).toBe(
      "5",
    );
  });

  it("tells boxing gloves from goalkeeper gloves, scores fall and unrelated leaves are left out", () => {
    const s = suggestCategories(
      { code: "sports-boxing-gloves", name: "Boxing gloves", parentName: "Sports goods" },
      leaves,
    );
    expect(s[0]?.id).toBe("7");
    expect(s[1]?.id).toBe("6");
    for (let i = 1; i < s.length; i++) expect(s[i - 1]!.score).toBeGreaterThanOrEqual(s[i]!.score);
    expect(s.some((x) => x.id === "3")).toBe(false);
  });
});

describe("taxonomy changes", () => {
  const tree = [
    { id: "a", parentId: null, name: "Sports", leaf: false },
    { id: "b", parentId: "a", name: "Balls", leaf: true },
  ];

  it("builds paths from the root", () => {
    expect(categoryPaths(tree).get("b")).toBe("Sports > Balls");
  });

  it("a first fetch reports nothing; later a removed, a no-longer-leaf and a new category are reported", () => {
    expect(treeChanges(new Map(), tree)).toEqual([]);
    const stored = new Map([
      ["a", { name: "Sports", path: "Sports", leaf: false, removed: false }],
      ["b", { name: "Balls", path: "Sports > Balls", leaf: true, removed: false }],
      ["c", { name: "Bats", path: "Sports > Bats", leaf: true, removed: false }],
    ]);
    const next = [
      ...tree.slice(0, 1),
      { id: "b", parentId: "a", name: "Balls", leaf: false },
      { id: "d", parentId: "b", name: "Footballs", leaf: true },
    ];
    const kinds = treeChanges(stored, next)
      .map((c) => `${c.kind}:${c.categoryId}`)
      .sort();
    expect(kinds).toEqual(["category_added:d", "category_not_leaf:b", "category_removed:c"]);
  });

  it("notices an attribute that became required and options that vanished", () => {
    const base: RemoteAttribute = {
      key: "color_family",
      label: "Color",
      required: false,
      type: "single_select",
      variant: true,
      fromListing: false,
      options: [
        { value: "Red", label: "Red" },
        { value: "Maroon", label: "Maroon" },
      ],
    };
    const changes = attributeChanges(
      "b",
      [base],
      [{ ...base, required: true, options: [{ value: "Red", label: "Red" }] }],
    );
    expect(changes.map((c) => c.kind)).toEqual(["attribute_now_required", "options_removed"]);
    expect(changes[1]?.detail).toContain("Maroon");
  });
});

describe("mapping validation", () => {
  const ctx = {
    channel: "jd",
    masterCodes: new Set(["sports-footballs"]),
    tree: new Map([
      ["9", { id: "9", path: "运动 > 足球", leaf: false, removed: false }],
      ["10", { id: "10", path: "运动 > 足球 > 足球", leaf: true, removed: false }],
    ]),
    attributes: new Map<string, RemoteAttribute[]>([
      [
        "10",
        [
          {
            key: "1001",
            label: "颜色",
            required: true,
            type: "single_select",
            variant: true,
            fromListing: false,
            options: [{ value: "501", label: "红色" }],
          },
        ],
      ],
    ]),
  };

  it("names every bad entry by its place and turns a value label into the wire value", () => {
    const { set, issues } = validateMappings(
      {
        categories: [
          { master: "sports-footballs", channel: "9" },
          { master: "nope", channel: "10" },
        ],
        attributes: [{ master: "color", channel: "9999" }],
        values: [
          { attribute: "1001", master: "Maroon", channel: "红色" },
          { attribute: "1001", master: "Navy", channel: "蓝色" },
        ],
      },
      ctx,
    );
    expect(issues.map((i) => i.field)).toEqual([
      "categories[0].channel",
      "categories[1].master",
      "attributes[0].channel",
      "values[1].channel",
    ]);
    expect(set.values[0]?.channel).toBe("501");
  });
});

describe("suggestions on a Chinese tree, through the glossary", () => {
  const jdLeaves = [
    { id: "13773", name: "守门员手套", path: "运动户外 > 体育用品 > 守门员手套" },
    { id: "12100", name: "拳击手套", path: "运动户外 > 搏击 > 拳击手套" },
    { id: "1467", name: "足球", path: "运动户外 > 体育用品 > 足球" },
    { id: "1469", name: "足球训练装备", path: "运动户外 > 体育用品 > 足球训练装备" },
  ];
  const glossary = [
    { term: "goalkeeper", translation: "守门员", caseSensitive: false },
    { term: "glove", translation: "手套", caseSensitive: false },
    { term: "football", translation: "足球", caseSensitive: false },
    { term: "Sialkot", translation: null, caseSensitive: true },
  ];

  it("replaces whole glossary terms, plurals included, and leaves kept terms alone", () => {
    expect(withGlossary("Goalkeeper gloves", glossary)).toBe("守门员 手套");
    expect(withGlossary("Sialkot footballs", glossary)).toBe("Sialkot 足球");
  });

  it("ranks the Chinese leaf that shares the most character pairs first", () => {
    const gloves = suggestCategories(
      { code: "sports-goalkeeper-gloves", name: withGlossary("Goalkeeper gloves", glossary) },
      jdLeaves,
    );
    expect(gloves[0]?.id).toBe("13773");
    expect(gloves[1]?.id).toBe("12100");
    const balls = suggestCategories({ code: "sports-footballs", name: withGlossary("Footballs", glossary) }, jdLeaves);
    expect(balls[0]?.id).toBe("1467");
    // Without the glossary an English name finds nothing in a Chinese tree.
    expect(suggestCategories({ code: "x", name: "Goalkeeper gloves" }, jdLeaves)).toEqual([]);
  });
});

describe("description images the channel would drop", () => {
  it("lists foreign http(s) sources once, skips the channel's own hosts, and none for channels without images", () => {
    const html =
      '<p><img src="https://cdn.exporter.pk/a.jpg"><img src="https://cdn.exporter.pk/a.jpg">' +
      '<img src="https://static-01.daraz.pk/p/x.jpg"><img src="data:image/png;base64,AAA"><img src="http://x.pk/b.png"></p>';
    expect(foreignDescriptionImages(html, "daraz")).toEqual(["https://cdn.exporter.pk/a.jpg", "http://x.pk/b.png"]);
    expect(foreignDescriptionImages(html, "alibaba")).toEqual([]);
  });
});
