import { readFile, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalog } from "../../src/catalog/io/importCatalog.js";
import { formatIssue } from "../../src/catalog/io/issues.js";
import { productInput } from "../../src/catalog/productInput.js";
import { normalizeInput } from "../../src/catalog/productSnapshot.js";
import { footballInput } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import { catalogSnapshots, counts, seedImportBasics, tempDir } from "./importHelpers.js";

describe("JSON and NDJSON import (real PostgreSQL)", () => {
  let t: TestDatabase;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  const ball = (sku: string, overrides: Record<string, unknown> = {}) =>
    footballInput(sku, { category: "sports-footballs", ...overrides });

  beforeAll(async () => {
    t = await createTestDatabase();
    tmp = await tempDir();
  });
  afterAll(async () => {
    await tmp.cleanup();
    await t.drop();
  });

  it("imports the sample catalog (seed-file layout) to exactly its products", async () => {
    const exporterId = await seedImportBasics(t.db, "json-sample");
    const res = await importCatalog(t.db, { exporterId, file: "samples/catalog.json" });
    expect(res).toMatchObject({ status: "imported", format: "json", rows: 48, products: 48, created: 48, rejected: 0 });
    const seed = JSON.parse(await readFile("samples/catalog.json", "utf8")) as { products: unknown[] };
    const expected = seed.products.map((p) => normalizeInput(productInput.parse(p)));
    expected.sort((a, b) => (a.sku < b.sku ? -1 : 1));
    expect(await catalogSnapshots(t.db, exporterId)).toEqual(expected);
    expect((await counts(t.db, exporterId)).outbox).toBe(48);
  });

  it("imports a plain array and NDJSON", async () => {
    const exporterId = await seedImportBasics(t.db, "json-plain");
    const array = tmp.path("plain.json");
    await writeFile(array, JSON.stringify([ball("J-1"), ball("J-2")], null, 2));
    expect(await importCatalog(t.db, { exporterId, file: array })).toMatchObject({ status: "imported", created: 2 });
    const nd = tmp.path("lines.ndjson");
    await writeFile(nd, `${JSON.stringify(ball("J-3"))}\n\n${JSON.stringify(ball("J-1"))}\n`);
    expect(await importCatalog(t.db, { exporterId, file: nd })).toMatchObject({
      status: "imported",
      format: "ndjson",
      created: 1,
      unchanged: 1,
    });
  });

  it("reports the element index, its line and the field path of every problem; nothing is written", async () => {
    const exporterId = await seedImportBasics(t.db, "json-errors");
    const elements = [
      ball("JE-1"),
      ball("JE-2", { basePricePkr: "12.345", titel: "typo" }),
      ball("JE-3", {
        variants: [{ sellerSku: "JE-3-A", stock: [{ warehouse: "NOPE", quantity: 1 }] }],
        category: "no-such-category",
      }),
      ball("JE-1"),
    ];
    const file = tmp.path("errors.json");
    // One element per line (after the "[" line), plus an element that is not valid JSON.
    await writeFile(
      file,
      `[\n${elements.map((e) => JSON.stringify(e)).join(",\n")},\n{"sku": "JE-5" "brand": "x"}\n]\n`,
    );
    const res = await importCatalog(t.db, { exporterId, file });
    expect(res).toMatchObject({ status: "rejected", products: 5, created: 0, rejected: 5 });
    const lines = res.issues.map(formatIssue);
    expect(lines).toEqual(
      expect.arrayContaining([
        "errors.json:3 element 1 basePricePkr: must be a non-negative amount with at most 2 decimals [product JE-2]",
        'errors.json:3 element 1 titel: unknown field "titel" (fields starting with "_" are ignored) [product JE-2]',
        'errors.json:4 element 2 category: unknown category code "no-such-category" [product JE-3]',
        "errors.json:4 element 2 variants.0.stock.0.warehouse: unknown warehouse NOPE [product JE-3]",
        "errors.json:5 element 3 sku: product JE-1 appears twice (also element 0 (line 2)) [product JE-1]",
        "errors.json:2 element 0: product JE-1 appears twice (also element 3 (line 5)) [product JE-1]",
      ]),
    );
    expect(lines.find((l) => l.startsWith("errors.json:6 element 4: invalid JSON"))).toBeDefined();
    expect((await counts(t.db, exporterId)).products).toBe(0);
  });

  it("a seller SKU used by two elements of a minified file (one line) names both elements and paths", async () => {
    const exporterId = await seedImportBasics(t.db, "json-minified");
    const a = ball("JM-1");
    const b = ball("JM-2");
    const c = ball("JM-3", {
      variants: [
        { sellerSku: "JM-3-A", stock: [] },
        { sellerSku: a.variants[0]!.sellerSku, stock: [] },
      ],
    });
    const file = tmp.path("minified.json");
    await writeFile(file, JSON.stringify([a, b, c]));
    const res = await importCatalog(t.db, { exporterId, file, applyValid: true });
    expect(res).toMatchObject({ created: 1, rejected: 2 });
    expect(res.issues.map(formatIssue).sort()).toEqual([
      "minified.json:1 element 0 variants.0.sellerSku: seller SKU JM-1-WHT is also used by product JM-3 (element 2 (line 1)) [product JM-1]",
      "minified.json:1 element 2 variants.1.sellerSku: seller SKU JM-1-WHT is also used by product JM-1 (element 0 (line 1)) [product JM-3]",
    ]);
  });

  it("a file whose structure is broken is rejected with the line, before anything is written", async () => {
    const exporterId = await seedImportBasics(t.db, "json-broken");
    const file = tmp.path("broken.json");
    await writeFile(file, `[\n${JSON.stringify(ball("JB-1"))},\n${JSON.stringify(ball("JB-2"))}\n`);
    const res = await importCatalog(t.db, { exporterId, file, applyValid: true });
    expect(res.status).toBe("rejected");
    expect(res.issues[0]?.message).toMatch(/unexpected end of file .* at line 4/);
    expect((await counts(t.db, exporterId)).products).toBe(0);
  });

  it("apply-valid writes rejected elements with their errors; the reject file imports again once fixed", async () => {
    const exporterId = await seedImportBasics(t.db, "json-apply-valid");
    const file = tmp.path("partial.json");
    await writeFile(file, JSON.stringify({ products: [ball("JA-1"), ball("JA-2", { brand: "" }), ball("JA-3")] }));
    const rejectsFile = tmp.path("partial.rejects.json");
    const res = await importCatalog(t.db, { exporterId, file, applyValid: true, rejectsFile });
    expect(res).toMatchObject({ status: "imported-with-rejects", created: 2, rejected: 1, rejectedRows: 1 });
    const rejects = JSON.parse(await readFile(rejectsFile, "utf8")) as Record<string, unknown>[];
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({
      _errors: ["brand: Too small: expected string to have >=1 characters"],
      _element: 1,
      sku: "JA-2",
    });
    rejects[0]!.brand = "Fixed Brand";
    await writeFile(rejectsFile, JSON.stringify(rejects));
    expect(await importCatalog(t.db, { exporterId, file: rejectsFile })).toMatchObject({
      status: "imported",
      created: 1,
    });
    expect((await catalogSnapshots(t.db, exporterId)).map((p) => p.brand)).toEqual([
      "Sialkot Crafts",
      "Fixed Brand",
      "Sialkot Crafts",
    ]);
  });
});
