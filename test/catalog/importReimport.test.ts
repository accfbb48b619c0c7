import { readFile, writeFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productInclude } from "../../src/catalog/catalogProduct.js";
import { applyBatch, loadReferenceIds } from "../../src/catalog/io/applyBatch.js";
import { generateProducts, writeGeneratedCatalog } from "../../src/catalog/io/generateCatalog.js";
import { importCatalog } from "../../src/catalog/io/importCatalog.js";
import { loadSnapshots } from "../../src/catalog/io/loadSnapshots.js";
import { snapshotOf } from "../../src/catalog/productSnapshot.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import { catalogSnapshots, counts, seedImportBasics, tempDir } from "./importHelpers.js";

describe("re-import, single changes and the batched write path (real PostgreSQL)", () => {
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

  it("re-importing an unchanged CSV changes nothing: no outbox event, no version bump", async () => {
    const exporterId = await seedImportBasics(t.db, "reimport-csv");
    const file = tmp.path("gen.csv");
    const gen = await writeGeneratedCatalog(file, { products: 120, seed: 11 });
    const first = await importCatalog(t.db, { exporterId, file, batchSize: 50 });
    expect(first).toMatchObject({ status: "imported", created: 120, rows: gen.rows });
    const before = await counts(t.db, exporterId);
    expect(before.outbox).toBe(120);

    const again = await importCatalog(t.db, { exporterId, file, batchSize: 50 });
    expect(again).toMatchObject({
      status: "imported",
      created: 0,
      updated: 0,
      unchanged: 120,
      rejected: 0,
      rows: gen.rows,
    });
    expect(await counts(t.db, exporterId)).toEqual(before);
  });

  it("one changed cell in the file updates exactly that product: one updated, one outbox event, one version bump", async () => {
    const exporterId = await seedImportBasics(t.db, "reimport-change");
    const file = tmp.path("change.csv");
    await writeGeneratedCatalog(file, { products: 40, seed: 12 });
    await importCatalog(t.db, { exporterId, file });
    const before = await counts(t.db, exporterId);

    const rows = parse(await readFile(file, "utf8")) as string[][];
    const priceColumn = rows[0]!.indexOf("base_price_pkr");
    const target = rows[1]![0]!;
    // Change the base price on every row of the first product (product-level cells repeat on each row).
    for (const row of rows.slice(1)) if (row[0] === target) row[priceColumn] = "123456.00";
    const editedFile = tmp.path("change-edited.csv");
    await writeFile(editedFile, stringify(rows));

    const res = await importCatalog(t.db, { exporterId, file: editedFile });
    expect(res).toMatchObject({ status: "imported", created: 0, updated: 1, unchanged: 39 });
    const after = await counts(t.db, exporterId);
    expect(after.outbox).toBe(before.outbox + 1);
    expect(after.versions).toBe(before.versions + 1);
    expect(after.variantVersions).toBe(before.variantVersions);
    const product = await t.db.product.findFirstOrThrow({ where: { exporterId, sku: target } });
    expect(product).toMatchObject({ version: 2 });
    expect(product.basePricePkr.toString()).toBe("123456");
    const event = await t.db.outboxEvent.findFirstOrThrow({
      where: { aggregateId: product.id },
      orderBy: { id: "desc" },
    });
    expect(event).toMatchObject({ eventType: "product.updated", payload: { exporterId, parts: ["price"] } });
  });

  it("the batched create writes the same rows saveProduct writes", async () => {
    const exporterId = await seedImportBasics(t.db, "batch-equivalence");
    const refs = await loadReferenceIds(t.db);
    const [sample] = [...generateProducts({ products: 5, seed: 5 })].filter((p) => p.content.length > 1);
    const viaBatch = {
      ...sample!,
      sku: "EQ-BATCH",
      variants: sample!.variants.map((v) => ({ ...v, sellerSku: `B-${v.sellerSku}` })),
    };
    const viaSave = {
      ...sample!,
      sku: "EQ-SAVE",
      variants: sample!.variants.map((v) => ({ ...v, sellerSku: `S-${v.sellerSku}` })),
    };
    expect(await applyBatch(t.db, exporterId, [viaBatch], refs)).toMatchObject({ created: 1 });
    await saveProduct(t.db, exporterId, viaSave, { mode: "create" });

    const load = (sku: string) =>
      t.db.product.findFirstOrThrow({ where: { exporterId, sku }, include: productInclude });
    const strip = (row: Awaited<ReturnType<typeof load>>) => {
      const noise = new Set(["id", "productId", "variantId", "sku", "sellerSku", "createdAt", "updatedAt", "url"]);
      return JSON.parse(JSON.stringify(row, (key, value) => (noise.has(key) ? undefined : value))) as unknown;
    };
    const [a, b] = [await load("EQ-BATCH"), await load("EQ-SAVE")];
    expect(strip(a)).toEqual(strip(b));
    expect(a.id).toMatch(/^c[a-z0-9]{24}$/);
    expect(Math.abs(a.updatedAt.getTime() - b.updatedAt.getTime())).toBeLessThan(60_000);
    const events = await t.db.outboxEvent.findMany({
      where: { aggregateId: { in: [a.id, b.id] } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.eventType, e.payload])).toEqual([
      ["product.created", { exporterId, parts: ["content", "price", "stock", "media"] }],
      ["product.created", { exporterId, parts: ["content", "price", "stock", "media"] }],
    ]);
  });

  it("loadSnapshots (one SQL statement) agrees with snapshotOf(findMany(productInclude))", async () => {
    const exporterId = await seedImportBasics(t.db, "snapshot-equivalence");
    await importCatalog(t.db, { exporterId, file: "samples/catalog.json" });
    const expected = await catalogSnapshots(t.db, exporterId);
    const loaded = await loadSnapshots(
      t.db,
      exporterId,
      expected.map((p) => p.sku),
    );
    expect(expected.map((p) => loaded.get(p.sku))).toEqual(expected);
    // And a product whose children are edited in place, with null optionals.
    const rows = await t.db.product.findMany({ where: { exporterId }, include: productInclude, take: 1 });
    expect(snapshotOf(rows[0]!)).toEqual(loaded.get(rows[0]!.sku));
  });

  it("a product the database refuses after validation is reported, the rest of its batch is still applied", async () => {
    const exporterId = await seedImportBasics(t.db, "batch-conflict");
    const refs = await loadReferenceIds(t.db);
    const [p1, p2] = [...generateProducts({ products: 2, seed: 9, skuPrefix: "CF" })];
    await applyBatch(t.db, exporterId, [p1!], refs);
    // p2 takes p1's first seller SKU: the batch INSERT fails, then each product is retried on its own.
    const clash = { ...p2!, variants: [{ ...p2!.variants[0]!, sellerSku: p1!.variants[0]!.sellerSku }] };
    const outcome = await applyBatch(t.db, exporterId, [p1!, clash], refs);
    expect(outcome).toMatchObject({ created: 0, unchanged: 1 });
    expect(outcome.failed).toEqual([
      { sku: clash.sku, message: expect.stringMatching(/already exists for this exporter/) },
    ]);
    expect((await catalogSnapshots(t.db, exporterId)).map((p) => p.sku)).toEqual([p1!.sku]);
  });
});
