import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct } from "../../src/catalog/createProduct.js";
import { createLogger } from "../../src/logger.js";
import { createProducerConnection } from "../../src/redis.js";
import { createChannelAccount } from "../../src/sync/channelAccounts.js";
import { ChannelQueues, type PushJobData } from "../../src/sync/queues.js";
import { drainOutbox, relayBatch } from "../../src/sync/relay.js";
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
    const queues = new ChannelQueues(redis, testQueuePrefix("relay"));
    const a = await createProduct(t.db, exporterId, footballInput("R-1"));
    const b = await createProduct(t.db, exporterId, footballInput("R-2"));
    const moved = await drainOutbox(t.db, (channel, jobs) => queues.enqueuePushes(channel, jobs));
    expect(moved).toBe(2);
    for (const channel of ["daraz", "feed"]) {
      const jobs = await queues.get(channel).getJobs(["waiting"]);
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
    const enqueue = async (_channel: string, jobs: PushJobData[]) => {
      await new Promise((r) => setTimeout(r, 20));
      if (_channel === "daraz") seen.push(...jobs.map((j) => j.productId));
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
        if (channel === "daraz") got.push(...jobs.map((j) => j.productId));
      },
      log: createLogger("silent"),
      pollMs: 600_000,
    });
    const created = await createProduct(t.db, exporterId, footballInput("R-N"));
    await expect.poll(() => got, { timeout: 10_000 }).toContain(created.id);
    await stop();
  });
});
