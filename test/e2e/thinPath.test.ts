import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../../adapters/core/simulator/types.js";
import { startDarazSimulator } from "../../adapters/daraz/simulator/index.js";
import { createProduct } from "../../src/catalog/createProduct.js";
import { writeOutbox } from "../../src/catalog/outbox.js";
import type { RunningWorkers, Runtime } from "../../src/runtime.js";
import { startWorkers } from "../../src/runtime.js";
import { createChannelAccount } from "../../src/sync/channelAccounts.js";
import { footballInput, seedBasics } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import { createTestRuntime } from "../support/testRuntime.js";

/**
 * The thin path through real PostgreSQL, Redis and the Daraz simulator: catalog write -> outbox -> relay -> queue ->
 * push worker -> signed Daraz calls -> listing state and item id stored.
 */
describe("thin path: catalog to Daraz", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let sim: SimulatorHandle;
  let workers: RunningWorkers;
  let exporterId: string;
  let accountId: string;

  const listingOf = (productId: string) =>
    rt.db.listing.findUniqueOrThrow({
      where: { productId_channelAccountId: { productId, channelAccountId: accountId } },
    });
  const callsOf = async (listingId: string) =>
    (await rt.db.channelCall.findMany({ where: { listingId }, orderBy: { id: "asc" } })).map(
      (c) => `${c.call}:${c.outcome}`,
    );
  const idle = async () => {
    const counts = await rt.queues.get("daraz").getJobCounts("waiting", "active", "delayed", "prioritized");
    return (
      Object.values(counts).reduce((a, b) => a + b, 0) === 0 &&
      (await rt.db.outboxEvent.count({ where: { processedAt: null } })) === 0
    );
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    rt = createTestRuntime(t.url, "thin");
    sim = await startDarazSimulator({ reviewDelayMs: 50 });
    ({ exporterId } = await seedBasics(rt.db));
    accountId = (
      await createChannelAccount(rt.db, rt.secretKey, {
        exporterId,
        channel: "daraz",
        baseUrl: sim.baseUrl,
        credentials: await sim.testCredentials(),
        settings: {
          categoryMap: { "sports-balls": "10000421" },
          defaultAttributes: { warranty_type: "No Warranty" },
          reviewCheckDelayMs: 100,
        },
      })
    ).id;
    workers = await startWorkers(rt, ["daraz"]);
  });

  afterAll(async () => {
    await workers.stop(2000);
    await rt.queues.get("daraz").obliterate({ force: true });
    await rt.close();
    await sim.close();
    await t.drop();
  });

  it("creates the product on Daraz, stores the item id, and follows QC to live", async () => {
    const product = await createProduct(rt.db, exporterId, footballInput("E2E-1"));
    await expect.poll(async () => (await listingOf(product.id)).state, { timeout: 15_000, interval: 100 }).toBe("live");

    const listing = await listingOf(product.id);
    const onChannel = sim.listings().find((l) => l.skus.some((s) => s.sellerSku === "E2E-1-WHT"));
    expect(onChannel).toBeDefined();
    expect(listing.remoteItemId).toBe(onChannel?.itemId);
    expect(onChannel?.title).toBe("Hand-Stitched Match Football Size 5");
    expect(onChannel?.skus[0]).toMatchObject({ sellerSku: "E2E-1-WHT", quantity: 240 });
    expect(Number(onChannel?.skus[0]?.price)).toBe(4500);
    expect(listing.remoteSkus).toMatchObject({ "E2E-1-WHT": expect.any(String) });
    // First push of the category reads its attributes; the image goes to Daraz's store before the create.
    expect(await callsOf(listing.id)).toEqual([
      "categoryAttributes:ok",
      "uploadImages:ok",
      "findBySellerSku:ok",
      "create:ok",
      "findBySellerSku:ok",
    ]);
    expect(sim.counts()["/product/create"]).toBe(1);
  });

  it("makes no channel call when an unchanged product is pushed again", async () => {
    const product = await createProduct(rt.db, exporterId, footballInput("E2E-2"));
    await expect.poll(async () => (await listingOf(product.id)).state, { timeout: 15_000, interval: 100 }).toBe("live");
    const before = (await callsOf((await listingOf(product.id)).id)).length;
    await rt.db.$transaction((tx) =>
      writeOutbox(tx, {
        aggregateType: "product",
        aggregateId: product.id,
        eventType: "product.updated",
        payload: { exporterId },
      }),
    );
    await expect.poll(idle, { timeout: 10_000, interval: 100 }).toBe(true);
    expect((await callsOf((await listingOf(product.id)).id)).length).toBe(before);
  });

  it("sends a price-only change through the price/stock endpoint alone", async () => {
    const product = await createProduct(rt.db, exporterId, footballInput("E2E-3"));
    await expect.poll(async () => (await listingOf(product.id)).state, { timeout: 15_000, interval: 100 }).toBe("live");
    const updatesBefore = sim.counts()["/product/update"] ?? 0;
    await rt.db.$transaction(async (tx) => {
      await tx.variant.updateMany({ where: { productId: product.id }, data: { pricePkr: "4999.00" } });
      await writeOutbox(tx, {
        aggregateType: "product",
        aggregateId: product.id,
        eventType: "product.updated",
        payload: { exporterId },
      });
    });
    await expect
      .poll(() => sim.listings().find((l) => l.skus.some((s) => s.sellerSku === "E2E-3-WHT"))?.skus[0]?.price, {
        timeout: 10_000,
        interval: 100,
      })
      .toSatisfy((p) => Number(p) === 4999);
    const calls = await callsOf((await listingOf(product.id)).id);
    expect(calls.at(-1)).toBe("updatePriceStock:ok");
    expect(sim.counts()["/product/update"] ?? 0).toBe(updatesBefore);
  });

  it("adopts a create whose answer was lost instead of creating a duplicate", async () => {
    // The create lands on the channel but its answer comes back broken; the retry must find it and adopt it.
    sim.setFaults({ malformedNext: 1, onlyPaths: ["/product/create"] });
    const product = await createProduct(rt.db, exporterId, footballInput("E2E-4"));
    await expect.poll(async () => (await listingOf(product.id)).state, { timeout: 15_000, interval: 100 }).toBe("live");
    sim.setFaults({ onlyPaths: undefined });
    expect(sim.listings().filter((l) => l.skus.some((s) => s.sellerSku === "E2E-4-WHT"))).toHaveLength(1);
    const calls = await callsOf((await listingOf(product.id)).id);
    expect(calls.slice(0, 3)).toEqual(["findBySellerSku:ok", "create:error", "findBySellerSku:ok"]);
    expect(calls.filter((c) => c.startsWith("create"))).toHaveLength(1);
  });

  it("holds a product with an unmapped category and never calls the channel", async () => {
    const callsBefore = Object.values(sim.counts()).reduce((a, b) => a + b, 0);
    await rt.db.category.create({ data: { code: "furniture", name: "Furniture", path: "furniture" } });
    const product = await createProduct(rt.db, exporterId, footballInput("E2E-5", { category: "furniture" }));
    await expect
      .poll(async () => (await listingOf(product.id)).state, { timeout: 15_000, interval: 100 })
      .toBe("incomplete");
    expect((await listingOf(product.id)).holds).toEqual([expect.objectContaining({ field: "category" })]);
    expect(Object.values(sim.counts()).reduce((a, b) => a + b, 0)).toBe(callsBefore);
  });
});
