/**
 * `npm run bench`: sync-engine throughput and latency against the local channel simulators. Prints ONE JSON object on
 * stdout; progress goes to stderr. See bench/README.md for what each figure means.
 *
 * Environment: BENCH_PRODUCTS (2500), BENCH_VARIANTS (4), BENCH_PUSH_CONCURRENCY (50), BENCH_COALESCE_MS (150),
 * BENCH_QUOTA_PER_SEC (20), BENCH_QUOTA_SECONDS (10), BENCH_RESYNC_PRODUCTS (100000), BENCH_RESYNC_VARIANTS (4),
 * BENCH_LATENCY_EDITS (40), BENCH_RAW_JOBS (20000), BENCH_PHASES (raw,sync,quota,resync,latency), BENCH_IMAGE_POOL (100).
 *
 * Channels enforce readiness (leaf categories, required attributes, images from their own store): every phase reads
 * the channels' taxonomies, writes the bench mappings and serves product images from the local sample image host.
 */
import os from "node:os";
import { loadConfig } from "../src/config.js";
import { benchImagePool, progress } from "./sync/env.js";
import { latency } from "./sync/latency.js";
import { quota } from "./sync/quota.js";
import { rawBullmq } from "./sync/raw.js";
import { noopResync } from "./sync/resync.js";
import { round, throughput } from "./sync/throughput.js";

const int = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
};

async function main(): Promise<void> {
  const wallStart = performance.now();
  const params = {
    products: int("BENCH_PRODUCTS", 2500),
    variants: int("BENCH_VARIANTS", 4),
    pushConcurrency: int("BENCH_PUSH_CONCURRENCY", 50),
    coalesceMs: int("BENCH_COALESCE_MS", loadConfig().COALESCE_MS),
    quotaPerSec: int("BENCH_QUOTA_PER_SEC", 20),
    quotaSeconds: int("BENCH_QUOTA_SECONDS", 10),
    resyncProducts: int("BENCH_RESYNC_PRODUCTS", 100_000),
    resyncVariants: int("BENCH_RESYNC_VARIANTS", 4),
    latencyEdits: int("BENCH_LATENCY_EDITS", 40),
    rawJobs: int("BENCH_RAW_JOBS", 20_000),
    imagePool: benchImagePool(),
  };
  const phases = new Set((process.env.BENCH_PHASES ?? "raw,sync,quota,resync,latency").split(",").map((p) => p.trim()));
  const out: Record<string, unknown> = {};
  const loadStart = os.loadavg()[0] ?? 0;
  const phaseSeconds: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      phaseSeconds[name] = round((performance.now() - t0) / 1000, 1);
    }
  };

  const raw = phases.has("raw") ? await timed("raw", () => rawBullmq(params.rawJobs, 50)) : undefined;
  if (raw) out.rawBullmqJobsPerSec = raw.jobsPerSec;
  const ratio = (v: number) => (raw ? round(v / raw.jobsPerSec, 4) : null);

  if (phases.has("sync")) {
    const t = await timed("sync", () => throughput(params));
    Object.assign(out, {
      channels: t.channels,
      createsPerSec: t.creates.perSec,
      createsToRawRatio: ratio(t.creates.perSec),
      deltaPushesPerSec: t.deltas.perSec,
      deltaToRawRatio: ratio(t.deltas.perSec),
      darazPriceChange: t.darazPriceChange ?? null,
      held: t.held,
      media: t.media,
      syncDetail: {
        products: t.products,
        skus: t.skus,
        listings: t.creates.listings,
        seedSeconds: t.seedSeconds,
        createSeconds: t.creates.seconds,
        createPerChannelSeconds: t.creates.perChannelSeconds,
        deltaSeconds: t.deltas.seconds,
        deltaCallsByChannel: t.deltas.callsByChannel,
        listingStates: t.listingStates,
      },
    });
  }
  if (phases.has("quota")) {
    const q = await timed("quota", () =>
      quota({
        quotaPerSec: params.quotaPerSec,
        seconds: params.quotaSeconds,
        variants: params.variants,
        pushConcurrency: params.pushConcurrency,
        coalesceMs: params.coalesceMs,
      }),
    );
    Object.assign(out, { quotaUse: q.quotaUse, throttledShare: q.throttledShare, quotaDetail: q });
  }
  if (phases.has("resync")) {
    out.noopResync = await timed("resync", () =>
      noopResync({ products: params.resyncProducts, variants: params.resyncVariants }),
    );
  }
  if (phases.has("latency")) {
    out.latencyMs = await timed("latency", () =>
      latency({ edits: params.latencyEdits, coalesceMs: params.coalesceMs }),
    );
  }
  const cpus = os.cpus();
  out.machine = {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    totalMemoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    params,
    // Other work on the machine skews every figure: the 1-minute load average when the run started and ended.
    loadAvg1m: { start: round(loadStart, 2), end: round(os.loadavg()[0] ?? 0, 2) },
    phaseSeconds,
    wallSeconds: round((performance.now() - wallStart) / 1000, 1),
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

main().then(
  () => progress("done"),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
