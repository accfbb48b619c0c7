import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import type { Runtime } from "../../src/runtime.js";
import { footballInput, seedBasics } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import { createTestRuntime } from "../support/testRuntime.js";

describe("REST API: products, variants, stock, prices", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let app: FastifyInstance;
  let exporterId: string;

  const outboxCount = (id: string) => rt.db.outboxEvent.count({ where: { aggregateId: id } });
  const create = async (sku: string) => {
    const res = await app.inject({
      method: "POST",
      url: `/api/exporters/${exporterId}/products`,
      payload: footballInput(sku),
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; version: number }>();
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    rt = createTestRuntime(t.url, "api");
    ({ exporterId } = await seedBasics(rt.db));
    app = await buildServer(rt, ["daraz"]);
  });
  afterAll(async () => {
    await app.close();
    await rt.close();
    await t.drop();
  });

  it("creates a product (201, ETag) and reads it back", async () => {
    const res = await app.inject({
      method: "POST",
      url: `/api/exporters/${exporterId}/products`,
      payload: footballInput("A-1"),
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const { id } = res.json<{ id: string }>();
    const got = await app.inject({ url: `/api/products/${id}` });
    expect(got.json()).toMatchObject({
      id,
      version: 1,
      active: true,
      product: { sku: "A-1", basePricePkr: "4500.00" },
    });
  });

  it("rejects bad input with 400 naming the record and field", async () => {
    const res = await app.inject({
      method: "POST",
      url: `/api/exporters/${exporterId}/products`,
      payload: footballInput("A-2", { basePricePkr: "-5", brand: "" }),
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ record: string; fields: { path: string }[] }>();
    expect(body.record).toBe("product A-2");
    expect(body.fields.map((f) => f.path).sort()).toEqual(["basePricePkr", "brand"]);
  });

  it("PATCH with the current version edits and bumps it; a stale version is 409; a no-op writes nothing", async () => {
    const { id } = await create("A-3");
    const ok = await app.inject({
      method: "PATCH",
      url: `/api/products/${id}`,
      payload: { brand: "Sialkot Pro", version: 1 },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, outcome: "updated", parts: ["content"] });
    const stale = await app.inject({
      method: "PATCH",
      url: `/api/products/${id}`,
      headers: { "if-match": '"1"' },
      payload: { brand: "Other" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: "version_conflict", expected: 1, actual: 2 });
    const events = await outboxCount(id);
    const noop = await app.inject({
      method: "PATCH",
      url: `/api/products/${id}`,
      payload: { brand: "Sialkot Pro", version: 2 },
    });
    expect(noop.json()).toMatchObject({ outcome: "unchanged", version: 2 });
    expect(await outboxCount(id)).toBe(events);
  });

  it("edits one variant's price, its stock per warehouse, and the prices in bulk", async () => {
    const { id } = await create("A-4");
    const price = await app.inject({
      method: "PATCH",
      url: `/api/products/${id}/variants/A-4-WHT`,
      payload: { pricePkr: "4800.00" },
    });
    expect(price.json()).toMatchObject({ outcome: "updated", parts: ["price"] });
    const stock = await app.inject({
      method: "PUT",
      url: `/api/products/${id}/variants/A-4-WHT/stock`,
      payload: { stock: [{ warehouse: "KHI-PORT", quantity: 12 }] },
    });
    expect(stock.json()).toMatchObject({ outcome: "updated", parts: ["stock"] });
    const variants = await app.inject({ url: `/api/products/${id}/variants` });
    expect(variants.json().items[0]).toMatchObject({
      pricePkr: "4800.00",
      stock: expect.arrayContaining([expect.objectContaining({ warehouse: "KHI-PORT", quantity: 12 })]),
    });
    const bulk = await app.inject({
      method: "PUT",
      url: `/api/products/${id}/prices`,
      payload: {
        basePricePkr: "5000.00",
        quantityBreaks: [{ minQuantity: 100, pricePkr: "4400.00" }],
        variants: [{ sellerSku: "A-4-WHT", pricePkr: null }],
      },
    });
    expect(bulk.json()).toMatchObject({ outcome: "updated", parts: ["price"] });
    const got = await app.inject({ url: `/api/products/${id}` });
    expect(got.json().product).toMatchObject({
      basePricePkr: "5000.00",
      quantityBreaks: [{ minQuantity: 100, pricePkr: "4400.00" }],
    });
    expect(got.json().product.variants[0].pricePkr).toBeUndefined();
  });

  it("404s an unknown variant and 400s an unknown warehouse", async () => {
    const { id } = await create("A-5");
    const missing = await app.inject({
      method: "PATCH",
      url: `/api/products/${id}/variants/NOPE`,
      payload: { pricePkr: "1.00" },
    });
    expect(missing.statusCode).toBe(404);
    const badWarehouse = await app.inject({
      method: "PUT",
      url: `/api/products/${id}/variants/A-5-WHT/stock`,
      payload: { stock: [{ warehouse: "ISB-9", quantity: 1 }] },
    });
    expect(badWarehouse.statusCode).toBe(400);
    expect(badWarehouse.json().fields[0].message).toContain("unknown warehouse ISB-9");
  });

  it("DELETE deactivates and announces it for delisting", async () => {
    const { id } = await create("A-6");
    const res = await app.inject({ method: "DELETE", url: `/api/products/${id}` });
    expect(res.json()).toMatchObject({ outcome: "updated", version: 2 });
    const last = await rt.db.outboxEvent.findFirstOrThrow({ where: { aggregateId: id }, orderBy: { id: "desc" } });
    expect(last.eventType).toBe("product.deleted");
    expect((await app.inject({ url: `/api/products/${id}` })).json().active).toBe(false);
  });

  it("pages through products with a cursor", async () => {
    for (const sku of ["P-1", "P-2", "P-3"]) await create(sku);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json(): unknown } = await app.inject({
        url: `/api/products?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      });
      const body = page.json() as { items: { sku: string }[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((i) => i.sku));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(["P-1", "P-2", "P-3"]));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await rt.db.product.count());
  });
});
