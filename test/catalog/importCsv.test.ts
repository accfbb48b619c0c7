import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalog } from "../../src/catalog/io/importCatalog.js";
import { formatIssue } from "../../src/catalog/io/issues.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { footballInput } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import {
  catalogSnapshots,
  counts,
  seedImportBasics,
  smallHeader,
  smallRows,
  tempDir,
  writeCsv,
} from "./importHelpers.js";

describe("CSV import (real PostgreSQL)", () => {
  let t: TestDatabase;
  let tmp: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    tmp = await tempDir();
  });
  afterAll(async () => {
    await tmp.cleanup();
    await t.drop();
  });

  it("imports one row per variant, product columns repeated, into full products", async () => {
    const exporterId = await seedImportBasics(t.db, "csv-happy");
    const file = await writeCsv(tmp.path("happy.csv"), smallRows());
    const res = await importCatalog(t.db, { exporterId, file });
    expect(res).toMatchObject({
      status: "imported",
      rows: 3,
      products: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    expect(res.elapsedMs).toBeGreaterThanOrEqual(0);
    const [fb, gl] = await catalogSnapshots(t.db, exporterId);
    expect(fb).toMatchObject({
      sku: "T-FB-1",
      category: "sports-footballs",
      basePricePkr: "4500.00",
      content: [{ locale: "en", title: "Match Football", bullets: ["32 panels", "Butyl bladder"], description: "" }],
      media: [{ url: "https://img.example.com/fb1.jpg", altText: "" }],
      attributes: [{ key: "panels", type: "number", value: "32" }],
      quantityBreaks: [
        { minQuantity: 50, pricePkr: "4100.00" },
        { minQuantity: 200, pricePkr: "3750.00" },
      ],
      variants: [
        {
          sellerSku: "T-FB-1-5",
          options: { size: "5" },
          weightKg: 0.45,
          stock: [{ warehouse: "SKT-1", quantity: 240 }],
        },
        { sellerSku: "T-FB-1-4", options: { size: "4" }, pricePkr: "4200.00", weightKg: 0.38 },
      ],
    });
    expect(fb?.variants[0]).not.toHaveProperty("pricePkr");
    expect(gl).toMatchObject({
      sku: "T-GL-1",
      media: [],
      attributes: [],
      quantityBreaks: [],
      variants: [{ sellerSku: "T-GL-1-9" }],
    });
    expect(await counts(t.db, exporterId)).toMatchObject({ products: 2, outbox: 2 });
  });

  it("reports every bad cell with file, line, column and reason; all or nothing writes nothing", async () => {
    const exporterId = await seedImportBasics(t.db, "csv-errors");
    const rows = [
      [...smallHeader, "stock:NOPE"],
      // line 2-3: product A, its second row has a bad price and a conflicting brand
      ["E-A", "sports-footballs", "Panjnad", "4500.00", "E-A-1", "5", "", "0.45", "10", "Ball A", "", "", "", "", ""],
      ["E-A", "", "Other Brand", "", "E-A-2", "4", "12.345", "0.45", "x1", "", "", "", "", "", ""],
      // line 4: unknown category, bad breaks, unknown warehouse with a value
      ["E-B", "no-such-category", "Panjnad", "100", "E-B-1", "", "", "", "", "Ball B", "", "", "", "50:3900", "5"],
      // line 5: no title, negative weight
      ["E-C", "", "Panjnad", "100", "E-C-1", "", "", "-1", "", "", "", "", "", "", ""],
      // line 6: seller SKU E-A-1 again in another product
      ["E-D", "", "Panjnad", "100", "E-A-1", "", "", "", "", "Ball D", "", "", "", "", ""],
      // line 7: a valid product (all or nothing: still not written)
      ["E-OK", "", "Panjnad", "100", "E-OK-1", "", "", "", "", "Fine", "", "", "", "", ""],
    ];
    const file = await writeCsv(tmp.path("errors.csv"), rows);
    const before = await counts(t.db, exporterId);
    const res = await importCatalog(t.db, { exporterId, file });
    expect(res.status).toBe("rejected");
    expect(res).toMatchObject({ created: 0, updated: 0, unchanged: 0, rows: 6, products: 5, rejected: 4 });
    const find = (line: number, column?: string) =>
      res.issues.filter((i) => i.line === line && (column === undefined || i.column === column));
    expect(find(3, "variant_price_pkr")[0]).toMatchObject({ columnNumber: 7, sku: "E-A", file });
    expect(find(3, "variant_price_pkr")[0]?.message).toMatch(/at most 2 decimals/);
    expect(find(3, "brand")[0]?.message).toMatch(/differs from line 2/);
    expect(find(3, "stock:SKT-1")[0]?.message).toMatch(/whole number/);
    expect(find(4, "category")[0]?.message).toBe('unknown category code "no-such-category"');
    expect(find(4, "breaks")[0]?.message).toMatch(/must look like 50=3900.00/);
    expect(find(4, "stock:NOPE")[0]?.message).toBe("unknown warehouse NOPE");
    expect(find(5, "title:en")[0]?.message).toMatch(/at least one locale/);
    expect(find(5, "weight_kg")[0]?.message).toMatch(/too small|>0|positive/i);
    // The duplicate seller SKU rejects both products and names the other line.
    expect(find(6, "variant_sku")[0]?.message).toMatch(/E-A-1 is also used by product E-A \(line 2\)/);
    expect(find(2, "variant_sku")[0]?.message).toMatch(/also used by product E-D \(line 6\)/);
    expect(formatIssue(find(3, "variant_price_pkr")[0]!)).toMatch(
      /^errors\.csv:3 column 7 \(variant_price_pkr\): .*\[product E-A\]$/,
    );
    // Nothing at all was written, not even the valid product.
    expect(await counts(t.db, exporterId)).toEqual(before);
  });

  it("rejects rows of one product that are not consecutive, naming both places", async () => {
    const exporterId = await seedImportBasics(t.db, "csv-consecutive");
    const [header, a1, a2, b] = smallRows();
    const file = await writeCsv(tmp.path("split.csv"), [header!, a1!, b!, a2!]);
    const res = await importCatalog(t.db, { exporterId, file });
    expect(res.status).toBe("rejected");
    expect(res.issues.map(formatIssue)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /split\.csv:4 column 1 \(sku\): rows of product T-FB-1 are not consecutive: it already started at line 2/,
        ),
        expect.stringMatching(/split\.csv:2: rows of product T-FB-1 continue at line 4/),
      ]),
    );
    expect((await counts(t.db, exporterId)).products).toBe(0);
  });

  it("a header it cannot read is reported on line 1 and nothing is read", async () => {
    const exporterId = await seedImportBasics(t.db, "csv-header");
    const file = await writeCsv(tmp.path("header.csv"), [
      ["sku", "brand", "variant_sku", "titel:en", "title:xx_YY", "sku"],
      ["H-1", "B", "H-1-1", "x", "y", "H-1"],
    ]);
    const res = await importCatalog(t.db, { exporterId, file, applyValid: true });
    expect(res.status).toBe("rejected");
    expect(res.products).toBe(0);
    const messages = res.issues.map((i) => `${i.line}:${i.columnNumber ?? "-"}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^1:4: column "titel:en" is not a known column/),
        expect.stringMatching(/^1:5: column "title:xx_YY" has locale "xx_YY"/),
        expect.stringMatching(/^1:6: column "sku" repeats column 1/),
        '1:-: missing required column "base_price_pkr"',
      ]),
    );
  });

  it("a seller SKU owned by another product in the catalog is rejected before anything is written", async () => {
    const exporterId = await seedImportBasics(t.db, "csv-owner");
    await saveProduct(t.db, exporterId, footballInput("OWNER-1", { category: "sports-footballs" }), { mode: "create" });
    const rows = smallRows();
    rows[3]![4] = "OWNER-1-WHT"; // T-GL-1's variant takes OWNER-1's seller SKU
    const file = await writeCsv(tmp.path("owner.csv"), rows);
    const res = await importCatalog(t.db, { exporterId, file });
    expect(res.status).toBe("rejected");
    expect(res.issues[0]).toMatchObject({ line: 4, column: "variant_sku", sku: "T-GL-1" });
    expect(res.issues[0]?.message).toMatch(/already belongs to product OWNER-1/);
    expect((await counts(t.db, exporterId)).products).toBe(1);
  });

  it("apply-valid applies the good products and writes the bad ones, with reasons, to a reject file that re-imports once fixed", async () => {
    const exporterId = await seedImportBasics(t.db, "csv-apply-valid");
    const rows = smallRows();
    rows[2]![6] = "42.999"; // T-FB-1's second variant: bad price, so all of T-FB-1 is rejected
    const file = await writeCsv(tmp.path("partial.csv"), rows);
    const rejectsFile = tmp.path("partial.rejects.csv");
    const res = await importCatalog(t.db, { exporterId, file, applyValid: true, rejectsFile });
    expect(res).toMatchObject({
      status: "imported-with-rejects",
      created: 1,
      rejected: 1,
      rejectedRows: 2,
      rejectsFile,
    });
    expect((await catalogSnapshots(t.db, exporterId)).map((p) => p.sku)).toEqual(["T-GL-1"]);

    const rejects = parse(await readFile(rejectsFile, "utf8")) as string[][];
    expect(rejects[0]).toEqual([...smallHeader, "error"]);
    expect(rejects).toHaveLength(3);
    expect(rejects[1]!.slice(0, -1)).toEqual(rows[1]);
    expect(rejects[1]!.at(-1)).toBe("product T-FB-1 rejected as a whole because of errors on line 3");
    expect(rejects[2]!.slice(0, -1)).toEqual(rows[2]);
    expect(rejects[2]!.at(-1)).toMatch(/^variant_price_pkr: must be a non-negative amount with at most 2 decimals$/);

    // Fix the cell in the reject file and import it as it is: the error column is ignored.
    rejects[2]![6] = "4200.00";
    const fixed = await writeCsv(tmp.path("fixed.csv"), rejects);
    const again = await importCatalog(t.db, { exporterId, file: fixed });
    expect(again).toMatchObject({ status: "imported", created: 1, rejected: 0 });
  });

  it("reads CRLF files, a byte order mark, quoted multi-line cells and blank lines, and keeps line numbers right", async () => {
    const exporterId = await seedImportBasics(t.db, "csv-format");
    const text =
      "\uFEFFsku,brand,base_price_pkr,variant_sku,title:en,description:en\r\n" +
      'F-1,Brand,100,F-1-1,"Title, with comma","<p>line one</p>\r\n<p>line ""two""</p>"\r\n' +
      "\r\n" +
      "F-2,Brand,100,F-2-1,Second,\r\n" +
      "F-3,Brand,1.234,F-3-1,Third,\r\n";
    const file = tmp.path("format.csv");
    await import("node:fs/promises").then((fs) => fs.writeFile(file, text));
    const res = await importCatalog(t.db, {
      exporterId,
      file,
      applyValid: true,
      rejectsFile: tmp.path("format.rejects.csv"),
    });
    expect(res).toMatchObject({ products: 3, created: 2, rejected: 1 });
    expect(res.issues[0]).toMatchObject({ line: 6, column: "base_price_pkr", columnNumber: 3 });
    const [f1] = await catalogSnapshots(t.db, exporterId);
    expect(f1?.content[0]).toMatchObject({
      title: "Title, with comma",
      description: '<p>line one</p>\r\n<p>line "two"</p>',
    });
  });
});
