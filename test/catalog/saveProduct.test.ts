import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError, VersionConflictError } from "../../src/catalog/errors.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { footballInput, seedBasics } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";

describe("saveProduct: versions, no-ops and outbox (real PostgreSQL)", () => {
  let t: TestDatabase;
  let exporterId: string;
  const events = (productId: string) =>
    t.db.outboxEvent.findMany({ where: { aggregateId: productId }, orderBy: { id: "asc" } });

  beforeAll(async () => {
    t = await createTestDatabase();
    ({ exporterId } = await seedBasics(t.db));
  });
  afterAll(() => t.drop());

  it("saving the same product again changes nothing and writes no event", async () => {
    const created = await saveProduct(t.db, exporterId, footballInput("S-1"), { mode: "create" });
    const again = await saveProduct(t.db, exporterId, footballInput("S-1"), { mode: "upsert" });
    expect(again).toMatchObject({ outcome: "unchanged", version: 1, parts: [] });
    expect(await events(created.id)).toHaveLength(1);
    // Equal values written differently (4500 vs "4500.00", 23 vs "23") are still equal.
    const reformatted = footballInput("S-1", { basePricePkr: 4500, costPkr: "2600" });
    expect((await saveProduct(t.db, exporterId, reformatted, { mode: "upsert" })).outcome).toBe("unchanged");
  });

  it("a price-only edit bumps the version, touches only the price part and writes one event", async () => {
    const created = await saveProduct(t.db, exporterId, footballInput("S-2"), { mode: "create" });
    const edited = await saveProduct(t.db, exporterId, footballInput("S-2", { basePricePkr: "4700.00" }), {
      mode: "update",
      expectedVersion: 1,
    });
    expect(edited).toMatchObject({ outcome: "updated", version: 2, parts: ["price"] });
    const evs = await events(created.id);
    expect(evs.map((e) => e.eventType)).toEqual(["product.created", "product.updated"]);
    expect(evs[1]?.payload).toMatchObject({ parts: ["price"] });
  });

  it("a stale version is a conflict and writes nothing", async () => {
    await saveProduct(t.db, exporterId, footballInput("S-3"), { mode: "create" });
    await saveProduct(t.db, exporterId, footballInput("S-3", { brand: "New Brand" }), {
      mode: "update",
      expectedVersion: 1,
    });
    const stale = saveProduct(t.db, exporterId, footballInput("S-3", { brand: "Other Brand" }), {
      mode: "update",
      expectedVersion: 1,
    });
    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    await expect(stale).rejects.toThrow("expected version 1, found 2");
    const product = await t.db.product.findFirstOrThrow({ where: { sku: "S-3" } });
    expect(product.brand).toBe("New Brand");
  });

  it("a stale version that would change nothing is not a conflict", async () => {
    await saveProduct(t.db, exporterId, footballInput("S-4"), { mode: "create" });
    await saveProduct(t.db, exporterId, footballInput("S-4", { brand: "B2" }), { mode: "update" });
    const res = await saveProduct(t.db, exporterId, footballInput("S-4", { brand: "B2" }), {
      mode: "update",
      expectedVersion: 1,
    });
    expect(res.outcome).toBe("unchanged");
  });

  it("updates child rows in place: stock change bumps only that stock row's version", async () => {
    const input = footballInput("S-5");
    const created = await saveProduct(t.db, exporterId, input, { mode: "create" });
    input.variants[0]!.stock = [{ warehouse: "SKT-1", quantity: 7 }];
    const res = await saveProduct(t.db, exporterId, input, { mode: "update" });
    expect(res.parts).toEqual(["stock"]);
    const variant = await t.db.variant.findFirstOrThrow({ where: { productId: created.id }, include: { stock: true } });
    expect(variant.version).toBe(1);
    expect(variant.stock[0]).toMatchObject({ quantity: 7, version: 2 });
  });

  it("adds, changes and removes variants, content and media", async () => {
    const input = footballInput("S-6");
    const created = await saveProduct(t.db, exporterId, input, { mode: "create" });
    const next = footballInput("S-6", {
      content: [
        {
          locale: "en",
          title: "Hand-Stitched Match Football Size 5",
          description: "<p>32 panels</p>",
          bullets: ["32 panels"],
        },
        { locale: "zh-Hans", title: "手工缝制足球", source: "human" },
      ],
      media: [],
      variants: [{ ...input.variants[0], sellerSku: "S-6-YLW", options: { color: "Yellow" } }],
    });
    const res = await saveProduct(t.db, exporterId, next, { mode: "update" });
    expect(res.parts.sort()).toEqual(["content", "media", "price", "stock"]);
    const row = await t.db.product.findUniqueOrThrow({
      where: { id: created.id },
      include: { variants: true, contents: true, media: true },
    });
    expect(row.variants.map((v) => v.sellerSku)).toEqual(["S-6-YLW"]);
    expect(row.contents.map((c) => c.locale).sort()).toEqual(["en", "zh-Hans"]);
    expect(row.media).toHaveLength(0);
  });

  it("update of an unknown SKU is a not-found naming the record", async () => {
    await expect(saveProduct(t.db, exporterId, footballInput("S-404"), { mode: "update" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(saveProduct(t.db, exporterId, footballInput("S-404"), { mode: "update" })).rejects.toThrow(
      "product S-404 not found",
    );
  });
});
