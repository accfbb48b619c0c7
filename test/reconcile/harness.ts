import { type AlibabaSimulatorHandle, startAlibabaSimulator } from "../../adapters/alibaba/simulator/index.js";
import { type DarazSimulatorHandle, startDarazSimulator } from "../../adapters/daraz/simulator/index.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { recordRate } from "../../src/localize/fxRates.js";
import { type ReconcileOptions, reconcileAccount } from "../../src/reconcile/run.js";
import type { RunningWorkers, Runtime } from "../../src/runtime.js";
import { startWorkers } from "../../src/runtime.js";
import { createChannelAccount } from "../../src/sync/channelAccounts.js";
import { footballInput, seedBasics } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import { createTestRuntime } from "../support/testRuntime.js";

export const poll = { timeout: 20_000, interval: 50 };

/** Polls until `check` holds (usable in hooks, unlike expect.poll); fails with `what` after the timeout. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Channel API paths that change something on the channel (reads and token calls excluded). */
export const WRITE_PATHS = [
  "/product/create",
  "/product/update",
  "/product/price_quantity/update",
  "/product/deactivate",
  "/product/remove",
  "/alibaba/icbu/product/listing/v2",
  "/alibaba/icbu/product/update/v2",
  "/alibaba/icbu/product/batch/update/status",
  "/alibaba/icbu/product/delete",
  "/icbu/product/edit-price",
  "/icbu/product/edit-inventory",
];

export const writes = (counts: Record<string, number>) =>
  Object.fromEntries(WRITE_PATHS.map((p) => [p, counts[p] ?? 0]));

export interface ReconcileHarness {
  t: TestDatabase;
  rt: Runtime;
  daraz: DarazSimulatorHandle;
  alibaba: AlibabaSimulatorHandle;
  workers: RunningWorkers;
  exporterId: string;
  darazAccountId: string;
  alibabaAccountId: string;
  /** Saves products and waits until both channels show every listing live. */
  sync(skus: string[], overrides?: (sku: string) => Record<string, unknown>): Promise<Record<string, string>>;
  /** Advances review on both simulators until every listing has left review and every push has settled. */
  settle(): Promise<void>;
  reconcile(accountId: string, opts?: Partial<ReconcileOptions>): ReturnType<typeof reconcileAccount>;
  itemsOf(runId: string): Promise<
    {
      kind: string;
      field: string | null;
      sellerSku: string | null;
      expected: string | null;
      actual: string | null;
      action: string;
      itemId: string | null;
    }[]
  >;
  close(): Promise<void>;
}

/**
 * A test database, a runtime with fast retries, Daraz and Alibaba.com simulators (review only when the test says so),
 * one account on each for one exporter, a USD rate, and running workers (channel + reconcile).
 */
export async function startReconcileHarness(
  label: string,
  env: Record<string, string> = {},
): Promise<ReconcileHarness> {
  const t = await createTestDatabase();
  const rt = createTestRuntime(t.url, label, { PUSH_BACKOFF_MS: "50", PUSH_ATTEMPTS: "4", COALESCE_MS: "0", ...env });
  const daraz = await startDarazSimulator({});
  const alibaba = await startAlibabaSimulator({});
  const { exporterId } = await seedBasics(rt.db);
  await recordRate(rt.db, { currency: "USD", pkrPerUnit: "280", source: "test", asOf: new Date() });
  const darazAccountId = (
    await createChannelAccount(rt.db, rt.secretKey, {
      exporterId,
      channel: "daraz",
      baseUrl: daraz.baseUrl,
      credentials: await daraz.testCredentials(),
      settings: {
        categoryMap: { "sports-balls": "10000421" },
        defaultAttributes: { warranty_type: "No Warranty" },
        reviewCheckDelayMs: 50,
      },
    })
  ).id;
  const alibabaAccountId = (
    await createChannelAccount(rt.db, rt.secretKey, {
      exporterId,
      channel: "alibaba",
      baseUrl: alibaba.baseUrl,
      credentials: await alibaba.testCredentials(),
      settings: {
        locale: "en",
        currency: "USD",
        wholesale: true,
        categoryMap: { "sports-balls": "100005471" },
        defaultAttributes: { "10": "PU" },
        reviewCheckDelayMs: 50,
      },
    })
  ).id;
  const workers = await startWorkers(rt, ["daraz", "alibaba"]);
  const deps = { db: rt.db, accounts: rt.accounts, queues: rt.queues, log: rt.log };

  const idle = async () => {
    for (const channel of ["daraz", "alibaba"]) {
      const counts = await rt.queues.get(channel).getJobCounts("waiting", "active", "prioritized");
      if (Object.values(counts).some((n) => n > 0)) return false;
    }
    const moving = await rt.db.listing.count({ where: { state: { in: ["queued", "pushing"] } } });
    return moving === 0 && (await rt.db.outboxEvent.count({ where: { processedAt: null } })) === 0;
  };
  const settle = async () => {
    await waitFor("review and pushes to settle", async () => {
      daraz.advanceReview();
      alibaba.advanceReview();
      const pending = [...daraz.listings(), ...alibaba.listings()].filter((l) => l.status === "pending").length;
      return pending === 0 && (await idle());
    });
  };

  return {
    t,
    rt,
    daraz,
    alibaba,
    workers,
    exporterId,
    darazAccountId,
    alibabaAccountId,
    async sync(skus, overrides) {
      const ids: Record<string, string> = {};
      for (const sku of skus) {
        const p = await saveProduct(rt.db, exporterId, footballInput(sku, overrides?.(sku) ?? {}), { mode: "create" });
        ids[sku] = p.id;
      }
      await waitFor(
        "every listing to reach both channels",
        async () =>
          (await rt.db.listing.count({
            where: { productId: { in: Object.values(ids) }, remoteItemId: { not: null } },
          })) ===
          skus.length * 2,
      );
      await settle();
      return ids;
    },
    settle,
    reconcile: (accountId, opts = {}) => reconcileAccount(deps, accountId, { trigger: "cli", ...opts }),
    itemsOf: (runId) =>
      rt.db.reconcileItem.findMany({
        where: { runId },
        orderBy: { id: "asc" },
        select: { kind: true, field: true, sellerSku: true, expected: true, actual: true, action: true, itemId: true },
      }),
    async close() {
      await workers.stop(2000);
      for (const channel of ["daraz", "alibaba"]) await rt.queues.get(channel).obliterate({ force: true });
      await rt.close();
      await daraz.close();
      await alibaba.close();
      await t.drop();
    },
  };
}
