/**
 * Quota use: the Daraz simulator enforces a per-app token bucket and the Daraz channel account carries the same
 * quota_per_sec, which the worker limiter follows (as `tijarat worker` does). M price changes are pushed and the
 * calls that reach the channel are counted by a proxy in front of the simulator.
 */
import { type CountingProxy, startCountingProxy } from "./countingProxy.js";
import { openPhase, progress } from "./env.js";
import { seedProducts } from "./seed.js";
import { converge, round } from "./throughput.js";

export interface QuotaOptions {
  quotaPerSec: number;
  /** Price changes to push: quotaPerSec x seconds jobs, i.e. about `seconds` of work for the job limiter. */
  seconds: number;
  variants: number;
  pushConcurrency: number;
  coalesceMs: number;
}

export interface QuotaResult {
  quotaPerSec: number;
  burst: number;
  products: number;
  seconds: number;
  jobsPerSec: number;
  calls: number;
  okCalls: number;
  throttledCalls: number;
  /** Accepted Daraz calls per second over the phase, divided by the quota. */
  quotaUse: number;
  /** Share of Daraz calls the simulator answered with ApiCallLimit. */
  throttledShare: number;
  /** channel_call rows (one per listing and attempt, so a throttled batch counts once per waiting listing). */
  channelCallRows: { total: number; throttled: number };
}

export async function quota(opts: QuotaOptions): Promise<QuotaResult> {
  let proxy: CountingProxy | undefined;
  const phase = await openPhase("quota", {
    channels: ["daraz"],
    env: { PUSH_CONCURRENCY: String(opts.pushConcurrency), COALESCE_MS: String(opts.coalesceMs) },
    baseUrlFor: async (_channel, sim) => {
      proxy = await startCountingProxy(sim.baseUrl);
      return proxy.urlFor(sim.baseUrl);
    },
  });
  try {
    const account = phase.accounts[0];
    if (!account || !proxy) throw new Error("quota: no Daraz simulator/adapter");
    // Creates cost two calls each (look the seller SKU up, then create): enough work for `seconds` at the quota.
    const products = Math.ceil((opts.quotaPerSec * opts.seconds) / 2);
    const burst = opts.quotaPerSec;
    account.sim.setQuota({ ratePerSec: opts.quotaPerSec, burst });
    await phase.rt.db.channelAccount.update({ where: { id: account.id }, data: { quotaPerSec: opts.quotaPerSec } });
    phase.rt.accounts.forget(account.id);
    const productIds = await seedProducts(phase.pool, phase.base, {
      count: products,
      variants: opts.variants,
      images: phase.images,
      idPrefix: "qp",
      skuPrefix: "QT",
      outbox: true,
    });
    progress(`quota: ${productIds.length} creates against ${opts.quotaPerSec} calls/s (burst ${burst})`);
    const { rows: maxCall } = await phase.pool.query<{ id: string | null }>(
      "SELECT max(id)::text AS id FROM channel_call",
    );
    const mark = proxy.calls.length;
    const start = performance.now();
    await phase.startWorkers();
    await converge(
      phase,
      async () => {
        const { rows } = await phase.pool.query<{ n: string }>(
          "SELECT count(*)::text AS n FROM listing WHERE remote_item_id IS NOT NULL",
        );
        return Number(rows[0]?.n) >= products && (await phase.idle());
      },
      "quota phase creates",
      10 * 60_000,
    );
    const seconds = (performance.now() - start) / 1000;
    const calls = proxy.calls.slice(mark);
    const throttled = calls.filter((c) => c.throttled).length;
    const ok = calls.length - throttled;
    const { rows: callRows } = await phase.pool.query<{ total: string; throttled: string }>(
      `SELECT count(*)::text AS total, count(*) FILTER (WHERE error_class = 'throttled')::text AS throttled
       FROM channel_call WHERE id > $1`,
      [maxCall[0]?.id ?? "0"],
    );
    const result: QuotaResult = {
      quotaPerSec: opts.quotaPerSec,
      burst,
      products,
      seconds: round(seconds, 2),
      jobsPerSec: round(products / seconds, 1),
      calls: calls.length,
      okCalls: ok,
      throttledCalls: throttled,
      quotaUse: round(ok / seconds / opts.quotaPerSec, 3),
      throttledShare: calls.length > 0 ? round(throttled / calls.length, 3) : 0,
      channelCallRows: { total: Number(callRows[0]?.total ?? 0), throttled: Number(callRows[0]?.throttled ?? 0) },
    };
    progress(
      `quota: ${ok} accepted + ${throttled} throttled calls in ${seconds.toFixed(1)} s: use ${result.quotaUse}, throttled ${result.throttledShare}`,
    );
    return result;
  } finally {
    await phase.close();
    await proxy?.close();
  }
}
