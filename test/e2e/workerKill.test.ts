import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "../../adapters/core/simulator/types.js";
import { startDarazSimulator } from "../../adapters/daraz/simulator/index.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import type { Runtime } from "../../src/runtime.js";
import { createChannelAccount } from "../../src/sync/channelAccounts.js";
import { footballInput, seedBasics } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import { createTestRuntime } from "../support/testRuntime.js";

const root = join(import.meta.dirname, "..", "..");

/**
 * No duplicates across a crash: a real worker process is killed (SIGKILL) after Daraz accepted its create but before
 * the answer reached it; a second worker takes the stalled job back, finds the seller SKU on the channel and adopts it.
 */
describe("a worker killed mid-create", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let sim: SimulatorHandle;
  let exporterId: string;
  let accountId: string;
  const children: ChildProcess[] = [];

  const startWorker = () => {
    const child = spawn(process.execPath, [join(root, "bin", "tijarat.js"), "worker", "--channels", "daraz"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        QUEUE_PREFIX: rt.config.QUEUE_PREFIX,
        TIJARAT_SECRET_KEY: rt.secretKey.toString("hex"),
        JOB_LOCK_MS: "1500",
        STALLED_CHECK_MS: "500",
        COALESCE_MS: "0",
        RELAY_POLL_MS: "200",
        SHUTDOWN_GRACE_MS: "3000",
        LOG_LEVEL: "silent",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    children.push(child);
    return child;
  };
  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)),
    );

  beforeAll(async () => {
    t = await createTestDatabase();
    rt = createTestRuntime(t.url, "kill");
    sim = await startDarazSimulator({ reviewDelayMs: 30 });
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
          reviewCheckDelayMs: 60,
        },
      })
    ).id;
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    await rt.queues.get("daraz").obliterate({ force: true });
    await rt.close();
    await sim.close();
    await t.drop();
  });

  it("creates exactly one listing on the channel and records it after recovery", async () => {
    sim.setFaults({ answerDelayMs: 10_000, onlyPaths: ["/product/create"] });
    const first = startWorker();
    const product = await saveProduct(rt.db, exporterId, footballInput("K-1"), { mode: "create" });
    const onChannel = () => sim.listings().filter((l) => l.skus.some((s) => s.sellerSku === "K-1-WHT"));

    await expect.poll(() => onChannel().length, { timeout: 30_000, interval: 20 }).toBe(1);
    first.kill("SIGKILL");
    await exited(first);
    sim.setFaults({ answerDelayMs: 0, onlyPaths: undefined });
    const listing = await rt.db.listing.findUniqueOrThrow({
      where: { productId_channelAccountId: { productId: product.id, channelAccountId: accountId } },
    });
    expect(listing.remoteItemId).toBeNull();

    const second = startWorker();
    await expect
      .poll(
        async () =>
          (
            await rt.db.listing.findUniqueOrThrow({
              where: { productId_channelAccountId: { productId: product.id, channelAccountId: accountId } },
            })
          ).state,
        { timeout: 30_000, interval: 100 },
      )
      .toBe("live");
    expect(onChannel()).toHaveLength(1);
    expect(sim.counts()["/product/create"]).toBe(1);
    const recorded = await rt.db.listing.findUniqueOrThrow({ where: { id: listing.id } });
    expect(recorded.remoteItemId).toBe(onChannel()[0]?.itemId);

    // SIGTERM: the worker drains within its grace period, exits 0 and marks its heartbeat stopped.
    second.kill("SIGTERM");
    expect(await exited(second)).toBe(0);
    const beats = await rt.db.workerHeartbeat.findMany();
    expect(beats).toHaveLength(2);
    expect(beats.filter((b) => b.stoppedAt !== null)).toHaveLength(1);
  });
});
