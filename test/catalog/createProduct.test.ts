import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct } from "../../src/catalog/createProduct.js";
import { ValidationError } from "../../src/catalog/errors.js";
import { footballInput, seedBasics } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";

describe("createProduct (real PostgreSQL)", () => {
  let t: TestDatabase;
  let exporterId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    ({ exporterId } = await seedBasics(t.db));
  });
  afterAll(() => t.drop());

  it("writes the product, its parts and one outbox event in the same transaction", async () => {
    const created = await createProduct(t.db, exporterId, footballInput("P-1"));
    const product = await t.db.product.findUniqueOrThrow({
      where: { id: created.id },
      include: { variants: { include: { stock: true } }, contents: true, media: true },
    });
    expect(product.basePricePkr.toString()).toBe("4500");
    expect(product.variants[0]?.stock[0]?.quantity).toBe(240);
    expect(product.contents[0]).toMatchObject({ locale: "en", source: "human", locked: true });
    const events = await t.db.outboxEvent.findMany({ where: { aggregateId: created.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventType: "product.created", processedAt: null, payload: { exporterId } });
  });

  it("rejects bad input naming the record and field, writing nothing", async () => {
    const before = await t.db.outboxEvent.count();
    const bad = footballInput("P-2", { basePricePkr: "12.345" });
    await expect(createProduct(t.db, exporterId, bad)).rejects.toThrow(
      /product P-2: basePricePkr must be a non-negative amount/,
    );
    expect(await t.db.product.count({ where: { sku: "P-2" } })).toBe(0);
    expect(await t.db.outboxEvent.count()).toBe(before);
  });

  it("rolls back everything when a later part fails (duplicate variant seller SKU)", async () => {
    await createProduct(t.db, exporterId, footballInput("P-3"));
    const before = await t.db.outboxEvent.count();
    const clash = footballInput("P-4", {
      variants: [{ ...footballInput("P-3").variants[0], sellerSku: "P-3-WHT" }],
    });
    const err = await createProduct(t.db, exporterId, clash).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toContain("variants.0.sellerSku seller SKU P-3-WHT already exists");
    expect(await t.db.product.count({ where: { sku: "P-4" } })).toBe(0);
    expect(await t.db.outboxEvent.count()).toBe(before);
  });

  it("rejects an unknown category or warehouse", async () => {
    await expect(createProduct(t.db, exporterId, footballInput("P-5", { category: "nope" }))).rejects.toThrow(
      /category unknown category code "nope"/,
    );
    const input = footballInput("P-6");
    input.variants[0]!.stock = [{ warehouse: "LHR-9", quantity: 1 }];
    await expect(createProduct(t.db, exporterId, input)).rejects.toThrow(/unknown warehouse LHR-9/);
  });
});
