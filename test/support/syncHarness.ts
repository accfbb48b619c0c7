import type { SimulatorHandle } from "../../adapters/core/simulator/types.js";
import type { DarazSimulatorOptions } from "../../adapters/daraz/simulator/index.js";
import { startDarazSimulator } from "../../adapters/daraz/simulator/index.js";
import type { RunningWorkers, Runtime } from "../../src/runtime.js";
import { startWorkers } from "../../src/runtime.js";
import { createChannelAccount } from "../../src/sync/channelAccounts.js";
import { seedBasics } from "./seedBasics.js";
import { createTestDatabase, type TestDatabase } from "./testDatabase.js";
import { createTestRuntime } from "./testRuntime.js";

export interface SyncHarness {
  t: TestDatabase;
  rt: Runtime;
  sim: SimulatorHandle;
  workers: RunningWorkers;
  exporterId: string;
  accountId: string;
  listingOf(productId: string): ReturnType<Runtime["db"]["listing"]["findUniqueOrThrow"]>;
  callsOf(listingId: string): Promise<string[]>;
  idle(): Promise<boolean>;
  close(): Promise<void>;
}

/** A test database, a runtime with fast retries, a Daraz simulator with an account on it, and running workers. */
export async function startSyncHarness(
  label: string,
  simOptions: DarazSimulatorOptions = {},
  env: Record<string, string> = {},
  settings: Record<string, unknown> = {},
): Promise<SyncHarness> {
  const t = await createTestDatabase();
  const rt = createTestRuntime(t.url, label, { PUSH_BACKOFF_MS: "50", PUSH_ATTEMPTS: "4", ...env });
  const sim = await startDarazSimulator({ reviewDelayMs: 30, ...simOptions });
  const { exporterId } = await seedBasics(rt.db);
  const accountId = (
    await createChannelAccount(rt.db, rt.secretKey, {
      exporterId,
      channel: "daraz",
      baseUrl: sim.baseUrl,
      credentials: await sim.testCredentials(),
      settings: {
        categoryMap: { "sports-balls": "10000421" },
        // Daraz requires a warranty type on most categories; exporters set it once per account.
        defaultAttributes: { warranty_type: "No Warranty" },
        reviewCheckDelayMs: 60,
        ...settings,
      },
    })
  ).id;
  const workers = await startWorkers(rt, ["daraz"]);
  const listingOf = (productId: string) =>
    rt.db.listing.findUniqueOrThrow({
      where: { productId_channelAccountId: { productId, channelAccountId: accountId } },
    });
  return {
    t,
    rt,
    sim,
    workers,
    exporterId,
    accountId,
    listingOf,
    async callsOf(listingId) {
      const rows = await rt.db.channelCall.findMany({ where: { listingId }, orderBy: { id: "asc" } });
      return rows.map((c) => `${c.call}:${c.outcome}${c.errorClass ? `:${c.errorClass}` : ""}`);
    },
    async idle() {
      const counts = await rt.queues
        .get("daraz")
        .getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children");
      const jobs = Object.values(counts).reduce((a, b) => a + b, 0);
      return jobs === 0 && (await rt.db.outboxEvent.count({ where: { processedAt: null } })) === 0;
    },
    async close() {
      await workers.stop(2000);
      await rt.queues.get("daraz").obliterate({ force: true });
      await rt.close();
      await sim.close();
      await t.drop();
    },
  };
}
