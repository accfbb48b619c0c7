import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { escapeFormula, joinList, splitList, unescapeFormula } from "../../src/catalog/io/cells.js";
import { parseHeader } from "../../src/catalog/io/csvColumns.js";
import { csvRowsToProduct, inferType, productToCsvRows } from "../../src/catalog/io/csvProduct.js";
import { generateProducts, writeGeneratedCatalog } from "../../src/catalog/io/generateCatalog.js";
import { JsonArrayScanner, JsonStructureError } from "../../src/catalog/io/jsonArrayScanner.js";
import { unknownKeys } from "../../src/catalog/io/knownKeys.js";
import { productInput } from "../../src/catalog/productInput.js";
import { normalizeInput } from "../../src/catalog/productSnapshot.js";
import { tempDir } from "./importHelpers.js";

describe("formula-injection escape", () => {
  const dangerous = [
    '=HYPERLINK("http://evil.example","click")',
    "+92 300 1234567",
    "-20% off",
    "@SUM(A1)",
    "\tindented",
    "\rcr",
    "＝1+1",
    "－5",
  ];
  const tricky = ["'=already quoted", "''=two", "'plain apostrophe", "it's fine", "", "normal", "5-10 pcs", "a=b"];

  it("prefixes one apostrophe to cells a spreadsheet would evaluate, and nothing else", () => {
    for (const v of dangerous) expect(escapeFormula(v)).toBe(`'${v}`);
    for (const v of ["", "normal", "5-10 pcs", "a=b", "'plain apostrophe", "it's fine"])
      expect(escapeFormula(v)).toBe(v);
    expect(escapeFormula("'=already quoted")).toBe("''=already quoted");
  });

  it("the importer strips exactly that escape: every value round-trips", () => {
    for (const v of [...dangerous, ...tricky]) expect(unescapeFormula(escapeFormula(v))).toBe(v);
  });

  it("hand-written cells are not corrupted: a plain '-20% off' or an apostrophe-led word stays as typed", () => {
    expect(unescapeFormula("-20% off")).toBe("-20% off");
    expect(unescapeFormula("'hello")).toBe("'hello");
    expect(unescapeFormula("'-20% off")).toBe("-20% off");
  });
});

describe("list cells", () => {
  it("split on | with \\| and \\\\ escapes, and join back exactly", () => {
    const items = ["a|b", "c\\d", "plain", "ends with \\", "", "x"];
    expect(splitList(joinList(items))).toEqual(items);
    expect(splitList("")).toEqual([]);
    expect(splitList("one")).toEqual(["one"]);
    expect(splitList("C:\\path|two")).toEqual(["C:\\path", "two"]);
  });

  it("infers attribute types for attr:<key> columns without one", () => {
    expect([inferType("true"), inferType("12.5"), inferType("-3"), inferType("Butyl")]).toEqual([
      "boolean",
      "number",
      "number",
      "text",
    ]);
  });
});

describe("CSV product mapping", () => {
  it("every sample product maps to rows and back to the same snapshot", async () => {
    const seed = JSON.parse(await readFile("samples/catalog.json", "utf8")) as { products: unknown[] };
    const products = seed.products.map((p) => normalizeInput(productInput.parse(p)));
    const { layoutOf } = await import("../../src/catalog/io/csvProduct.js");
    const { layoutHeader } = await import("../../src/catalog/io/csvColumns.js");
    const header = parseHeader("x.csv", layoutHeader(layoutOf(products)));
    for (const p of products) {
      const rows = productToCsvRows(p, header).map((cells, i) => ({ line: i + 2, cells }));
      const back = csvRowsToProduct("x.csv", header, rows);
      expect(back.issues).toEqual([]);
      expect(normalizeInput(productInput.parse(back.raw))).toEqual(p);
    }
  });

  it("maps zod paths back to columns and rows", () => {
    const header = parseHeader("x.csv", [
      "sku",
      "brand",
      "base_price_pkr",
      "variant_sku",
      "option:size",
      "stock:SKT-1",
      "title:en",
      "bullets:en",
    ]);
    const product = csvRowsToProduct("x.csv", header, [
      { line: 7, cells: ["P", "B", "1", "P-1", "5", "3", "T", "a|b"] },
      { line: 8, cells: ["P", "", "", "P-2", "6", "4", "", ""] },
    ]);
    expect(product.locate(["variants", 1, "options", "size"])).toEqual({
      line: 8,
      column: "option:size",
      columnNumber: 5,
    });
    expect(product.locate(["variants", 1, "stock", 0, "quantity"])).toEqual({
      line: 8,
      column: "stock:SKT-1",
      columnNumber: 6,
    });
    expect(product.locate(["content", 0, "bullets", 1])).toEqual({ line: 7, column: "bullets:en", columnNumber: 8 });
    expect(product.locate(["basePricePkr"])).toEqual({ line: 7, column: "base_price_pkr", columnNumber: 3 });
    expect(product.issues).toEqual([]);
  });
});

describe("streaming JSON array scanner", () => {
  const scanAll = (text: string, chunk = 1) => {
    const s = new JsonArrayScanner("products");
    const out = [];
    for (let i = 0; i < text.length; i += chunk) out.push(...s.push(text.slice(i, i + chunk)));
    s.end();
    return out;
  };

  it("yields each element of a top-level array, whatever the chunk boundaries", () => {
    const text = '[\n {"sku":"A","t":"a ] } [ \\" ,"},\n {"sku":"B","n":[1,{"x":"]"}]}, 3, "s", null\n]';
    for (const chunk of [1, 2, 3, 7, 1000]) {
      const els = scanAll(text, chunk);
      expect(els.map((e) => JSON.parse(e.text))).toEqual([
        { sku: "A", t: 'a ] } [ " ,' },
        { sku: "B", n: [1, { x: "]" }] },
        3,
        "s",
        null,
      ]);
      expect(els.map((e) => [e.index, e.line])).toEqual([
        [0, 2],
        [1, 3],
        [2, 3],
        [3, 3],
        [4, 3],
      ]);
    }
  });

  it("finds the products array of a seed-file layout and skips the other members", () => {
    const text =
      '{"exporter":{"slug":"x","products":[9]},"warehouses":[{"code":"A"}],"pro\\u0064ucts":[{"sku":"A"},{"sku":"B"}],"z":1}';
    expect(scanAll(text, 5).map((e) => JSON.parse(e.text))).toEqual([{ sku: "A" }, { sku: "B" }]);
  });

  it("reports broken structure with line and column; a malformed element is left to JSON.parse", () => {
    expect(() => scanAll('[{"a":1},\n{"b":2}')).toThrow(JsonStructureError);
    expect(() => scanAll('[{"a":1},\n{"b":2}')).toThrow(/unexpected end of file/);
    expect(() => scanAll('[{"a":1},]')).toThrow(/trailing comma before \] at line 1, column 10/);
    expect(() => scanAll('[{"a":1}}]')).toThrow(/unexpected "}"/);
    expect(() => scanAll('{"exporter":{}}')).toThrow(/no "products" array found/);
    expect(() => scanAll('"just a string"')).toThrow(/expected a JSON array/);
    expect(() => scanAll("[1] [2]")).toThrow(/unexpected text after the end/);
    const els = scanAll('[{"a":1 "b":2}, {"ok":true}]');
    expect(els).toHaveLength(2);
    expect(() => JSON.parse(els[0]!.text)).toThrow();
  });

  it("knows the schema's fields: unknown ones are found, _annotations are allowed", () => {
    expect(
      unknownKeys({
        sku: "A",
        titel: "x",
        _errors: [],
        content: [{ locale: "en", title: "t", summary: "s" }],
        variants: [{ sellerSku: "A-1", options: { anything: "ok" }, stock: [{ warehouse: "W", qty: 1 }] }],
      }),
    ).toEqual([["titel"], ["content", 0, "summary"], ["variants", 0, "stock", 0, "qty"]]);
  });
});

describe("synthetic catalog generator", () => {
  it("is deterministic: the same seed gives the same bytes, another seed gives other products", async () => {
    const tmp = await tempDir();
    try {
      const hash = async (name: string, seed: number, format: "csv" | "json") => {
        const path = tmp.path(name);
        await writeGeneratedCatalog(path, { products: 150, seed, format });
        return createHash("sha256")
          .update(await readFile(path))
          .digest("hex");
      };
      expect(await hash("a.csv", 7, "csv")).toBe(await hash("b.csv", 7, "csv"));
      expect(await hash("c.csv", 8, "csv")).not.toBe(await hash("a.csv", 7, "csv"));
      expect(await hash("a.json", 7, "json")).toBe(await hash("b.json", 7, "json"));
    } finally {
      await tmp.cleanup();
    }
  });

  it("yields valid products, already canonical, with 1-4 variants, and can stop at an exact row count", () => {
    const products = [...generateProducts({ products: 300, seed: 3 })];
    for (const p of products) {
      expect(normalizeInput(productInput.parse(p))).toEqual(p);
      expect(p.variants.length).toBeGreaterThanOrEqual(1);
      expect(p.variants.length).toBeLessThanOrEqual(4);
    }
    expect(new Set(products.map((p) => p.category)).size).toBeGreaterThan(10);
    const byRows = [...generateProducts({ rows: 1234, seed: 3 })];
    expect(byRows.reduce((n, p) => n + p.variants.length, 0)).toBe(1234);
  });
});
