import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct } from "../../src/catalog/createProduct.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { createLogger } from "../../src/logger.js";
import { createProducerConnection } from "../../src/redis.js";
import { createChannelAccount } from "../../src/sync/channelAccounts.js";
import { ChannelQueues, jobOptions, type PushJobData } from "../../src/sync/queues.js";
import { DEFAULT_PRIORITY, drainOutbox, type QueuedPush, relayBatch, STOCK_PRIORITY } from "../../src/sync/relay.js";
import { startRelayLoop } from "../../src/sync/relayLoop.js";
import { footballInput, seedBasics } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase, testQueuePrefix } from "../support/testDatabase.js";

const key = randomBytes(32);
const credentials = { appKey: "k", appSecret: "s" };

describe("outbox relay (real PostgreSQL and Redis)", () => {
  let t: TestDatabase;
  let exporterId: string;
  let accountIds: string[];
  const redis = createProducerConnection(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

  beforeAll(async () => {
    t = await createTestDatabase();
    ({ exporterId } = await seedBasics(t.db));
    accountIds = [];
    for (const channel of ["daraz", "feed"]) {
      accountIds.push(
        (await createChannelAccount(t.db, key, { exporterId, channel, baseUrl: "http://127.0.0.1:1", credentials })).id,
      );
    }
  });
  afterAll(async () => {
    redis.disconnect();
    await t.drop();
  });

  it("fans each event out to every channel account and marks it processed", async () => {
    const queues = new ChannelQueues(redis, testQueuePrefix("relay"), jobOptions(), 0);
    const a = await createProduct(t.db, exporterId, footballInput("R-1"));
    const b = await createProduct(t.db, exporterId, footballInput("R-2"));
    const moved = await drainOutbox(t.db, (channel, jobs) => queues.enqueuePushes(channel, jobs));
    expect(moved).toBe(2);
    for (const channel of ["daraz", "feed"]) {
      const jobs = await queues.get(channel).getJobs(["waiting", "prioritized"]);
      expect(jobs.map((j) => (j.data as PushJobData).productId).sort()).toEqual([a.id, b.id].sort());
    }
    expect(await t.db.outboxEvent.count({ where: { processedAt: null } })).toBe(0);
    await queues.close();
  });

  it("leaves the rows for a later try when enqueueing fails", async () => {
    await createProduct(t.db, exporterId, footballInput("R-3"));
    await expect(
      relayBatch(t.db, async () => {
        throw new Error("redis down");
      }),
    ).rejects.toThrow("redis down");
    expect(await t.db.outboxEvent.count({ where: { processedAt: null } })).toBe(1);
    await drainOutbox(t.db, async () => undefined);
  });

  it("gives concurrent relays disjoint rows (SKIP LOCKED)", async () => {
    for (let i = 0; i < 40; i++) await createProduct(t.db, exporterId, footballInput(`R-C${i}`));
    const seen: string[] = [];
    const enqueue = async (_channel: string, jobs: QueuedPush[]) => {
      await new Promise((r) => setTimeout(r, 20));
      if (_channel === "daraz") seen.push(...jobs.map((j) => j.data.productId));
    };
    const counts = await Promise.all([0, 1, 2, 3].map(() => drainOutbox(t.db, enqueue, 5)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    expect(new Set(seen).size).toBe(40);
    expect(seen).toHaveLength(40);
  });

  it("wakes on NOTIFY without waiting for the poll", async () => {
    const got: string[] = [];
    const stop = await startRelayLoop({
      db: t.db,
      databaseUrl: t.url,
      enqueue: async (channel, jobs) => {
        if (channel === "daraz") got.push(...jobs.map((j) => j.data.productId));
      },
      log: createLogger("silent"),
      pollMs: 600_000,
    });
    const created = await createProduct(t.db, exporterId, footballInput("R-N"));
    await expect.poll(() => got, { timeout: 10_000 }).toContain(created.id);
    await stop();
  });

  it("puts stock-only changes ahead of content changes", async () => {
    await drainOutbox(t.db, async () => undefined);
    const stockOnly = footballInput("R-S1");
    const content = footballInput("R-S2");
    await saveProduct(t.db, exporterId, stockOnly, { mode: "create" });
    await saveProduct(t.db, exporterId, content, { mode: "create" });
    await drainOutbox(t.db, async () => undefined);
    stockOnly.variants[0]!.stock = [{ warehouse: "SKT-1", quantity: 3 }];
    await saveProduct(t.db, exporterId, { ...content, brand: "Renamed" }, { mode: "update" });
    await saveProduct(t.db, exporterId, stockOnly, { mode: "update" });
    const pushed: QueuedPush[] = [];
    await drainOutbox(t.db, async (channel, jobs) => {
      if (channel === "daraz") pushed.push(...jobs);
    });
    expect(pushed.map((p) => p.priority)).toEqual([DEFAULT_PRIORITY, STOCK_PRIORITY]);
    const queues = new ChannelQueues(redis, testQueuePrefix("prio"), jobOptions(), 0);
    await queues.enqueuePushes("daraz", pushed);
    const waiting = await queues.get("daraz").getJobs(["prioritized", "waiting"], 0, 10, true);
    const order = waiting.map((j) => (j.data as PushJobData).productId);
    const ids = await t.db.product.findMany({
      where: { sku: { in: ["R-S1", "R-S2"] } },
      select: { id: true, sku: true },
    });
    const sku = new Map(ids.map((i) => [i.id, i.sku]));
    expect(order.map((id) => sku.get(id))).toEqual(["R-S1", "R-S2"]);
    await queues.close();
  });
});
