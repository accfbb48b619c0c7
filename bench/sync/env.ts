/**
 * One benchmark phase's world: its own freshly migrated database (tijarat_bench_<phase>), its own BullMQ prefix,
 * a runtime built by createRuntime, the channel simulators with the whole channel contract enforced (leaf categories,
 * required attributes, allowed values, images only from the channel's own store), the sample image host serving the
 * product images (the one private host MEDIA_ALLOWED_HOSTS lets the image fetcher reach), the catalog basics, FX rates
 * and one channel account per channel with its taxonomy read and its mappings written. close() removes all of it
 * (queues, prefix keys, database) so the next phase starts clean.
 */
import "../../adapters/index.js";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { registeredChannels } from "../../adapters/core/registry.js";
import { type RunningSimulators, type SimulatorHandle, startSimulators } from "../../adapters/simulators.js";
import { type Config, loadConfig } from "../../src/config.js";
import { recordRate } from "../../src/localize/fxRates.js";
import { createLogger } from "../../src/logger.js";
import { type SampleImageHost, startSampleImageHost } from "../../src/media/sampleImageHost.js";
import { createRuntime, type RunningWorkers, type Runtime, startWorkers } from "../../src/runtime.js";
import { dropDatabase, migrateDeploy, recreateDatabase, withDatabase } from "../../src/services.js";
import { createChannelAccount } from "../../src/sync/channelAccounts.js";
import { type FetchCounter, startFetchCounter } from "./fetchCounter.js";
import type { BenchImages } from "./generate.js";
import { isBenchChannel, prepareAccountTaxonomy, type TaxonomySetup } from "./mappings.js";
import { type SeedBase, seedBase } from "./seed.js";

export const progress = (msg: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const baseDatabaseUrl = (): string => loadConfig().DATABASE_URL;

/**
 * Account settings of each built-in channel. Categories, attributes and values come from the mapping table
 * (mappings.ts), as an exporter's mapping file would put them there.
 */
export function benchChannelSettings(channel: string): Record<string, unknown> | undefined {
  const common = { reviewCheckDelayMs: 250 };
  switch (channel) {
    case "daraz":
      // Daraz requires a warranty type on almost every leaf: one account-wide answer.
      return { ...common, locale: "en", currency: "PKR", defaultAttributes: { warranty_type: "No Warranty" } };
    case "alibaba":
      return { ...common, locale: "en", currency: "USD", wholesale: true };
    case "jd":
      return {
        ...common,
        locale: "zh-Hans",
        currency: "CNY",
        // JD wants a numeric brand id on every ware; one account-wide default keeps every listing buildable.
        defaultAttributes: { brandId: "100001" },
      };
    default:
      return undefined;
  }
}

/** BENCH_IMAGE_POOL: products i and i + pool share their two pictures (0: every product has its own). */
export const benchImagePool = (): number => {
  const raw = process.env.BENCH_IMAGE_POOL;
  const value = raw === undefined || raw === "" ? 100 : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`BENCH_IMAGE_POOL must be a whole number, got "${raw}"`);
  return value;
};

export interface PhaseAccount {
  channel: string;
  id: string;
  sim: SimulatorHandle;
}

export interface Phase {
  name: string;
  url: string;
  config: Config;
  rt: Runtime;
  pool: pg.Pool;
  sims: RunningSimulators;
  base: SeedBase;
  accounts: PhaseAccount[];
  channels: string[];
  /** The sample image host the product images are served from. */
  imageHost: SampleImageHost;
  /** What generateProduct needs to point product media at imageHost. */
  images: BenchImages;
  /** With countFetches: image GETs by the engine and by the channels. */
  fetches?: FetchCounter;
  /** Per channel: categories read from the channel and mappings written. */
  taxonomy: Record<string, TaxonomySetup>;
  workers?: RunningWorkers;
  startWorkers(): Promise<RunningWorkers>;
  stopWorkers(): Promise<void>;
  /** No job waiting, delayed, active or prioritized on any channel queue, and no unrelayed outbox row. */
  idle(): Promise<boolean>;
  waitIdle(timeoutMs: number, what: string): Promise<void>;
  close(): Promise<void>;
}

export interface PhaseOptions {
  /** Environment overrides for loadConfig (PUSH_CONCURRENCY, COALESCE_MS, ...). */
  env?: Record<string, string>;
  /** Channels to open accounts for; default every channel startSimulators() provides. */
  channels?: string[];
  /** Simulators approve new listings after this delay. */
  reviewDelayMs?: number;
  /** Replaces an account's base URL (e.g. a counting proxy in front of a simulator). */
  baseUrlFor?: (channel: string, sim: SimulatorHandle) => string | Promise<string>;
  /** Distinct pictures: products i and i + imagePool share theirs; default BENCH_IMAGE_POOL (100). */
  imagePool?: number;
  /** Serve the images through a proxy that tells the engine's fetches from the channels' (Phase.fetches). */
  countFetches?: boolean;
}

export async function openPhase(name: string, opts: PhaseOptions = {}): Promise<Phase> {
  const url = withDatabase(baseDatabaseUrl(), `tijarat_bench_${name}`);
  const t0 = performance.now();
  await recreateDatabase(url);
  await migrateDeploy(url);
  progress(`${name}: database migrated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const imageHost = await startSampleImageHost();
  const fetches = opts.countFetches ? await startFetchCounter(imageHost.url) : undefined;
  const imageBase = fetches?.url ?? imageHost.url;
  const images: BenchImages = { base: imageBase, pool: opts.imagePool ?? benchImagePool() };
  const allowed = [process.env.MEDIA_ALLOWED_HOSTS, new URL(imageBase).host].filter(Boolean).join(",");
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    QUEUE_PREFIX: `tijarat-bench-${name}`,
    RELAY_POLL_MS: "200",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "error",
    // The image host listens on loopback: the fetcher reaches it only because it is listed here.
    MEDIA_ALLOWED_HOSTS: allowed,
    ...opts.env,
  });
  const rt = createRuntime(config, createLogger(config.LOG_LEVEL, process.stderr), randomBytes(32));
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // pool.end() resolves before its sockets have closed; DROP DATABASE ... WITH (FORCE) may then hit one.
  pool.on("error", () => undefined);
  let sims: RunningSimulators | undefined;
  const cleanUp = async () => {
    await rt.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await sims?.close().catch(() => undefined);
    await fetches?.close().catch(() => undefined);
    await imageHost.close().catch(() => undefined);
    await sleep(250);
    await dropDatabase(url).catch(() => undefined);
  };
  let base: SeedBase;
  const accounts: PhaseAccount[] = [];
  const taxonomy: Record<string, TaxonomySetup> = {};
  try {
    sims = await startSimulators({ reviewDelayMs: opts.reviewDelayMs ?? 20, enforceReadiness: true });
    base = await seedBase(pool);
    const asOf = new Date(Date.now() - 60_000);
    await recordRate(rt.db, { currency: "USD", pkrPerUnit: "280.45", source: "bench", asOf });
    await recordRate(rt.db, { currency: "CNY", pkrPerUnit: "38.92", source: "bench", asOf });

    const registered = new Set(registeredChannels());
    const wanted = opts.channels ?? sims.handles.map((h) => h.channel);
    for (const channel of wanted) {
      const sim = sims.get(channel);
      const settings = benchChannelSettings(channel);
      if (!sim || !settings || !registered.has(channel) || !isBenchChannel(channel)) {
        progress(`${name}: skipping channel ${channel} (simulator, bench settings or adapter missing)`);
        continue;
      }
      const { id } = await createChannelAccount(rt.db, rt.secretKey, {
        exporterId: base.exporterId,
        channel,
        baseUrl: (await opts.baseUrlFor?.(channel, sim)) ?? sim.baseUrl,
        credentials: await sim.testCredentials(),
        settings: settings as never,
      });
      taxonomy[channel] = await prepareAccountTaxonomy(rt, id, channel);
      accounts.push({ channel, id, sim });
    }
  } catch (err) {
    await cleanUp();
    throw err;
  }
  const channels = accounts.map((a) => a.channel);
  progress(
    `${name}: ${accounts
      .map((a) => {
        const t = taxonomy[a.channel];
        return `${a.channel} ${t?.categories} categories read, ${t?.attributeMappings} attribute / ${t?.valueMappings} value mappings`;
      })
      .join("; ")}`,
  );
  const running = sims;

  const phase: Phase = {
    name,
    url,
    config,
    rt,
    pool,
    sims: running,
    base,
    accounts,
    channels,
    imageHost,
    images,
    ...(fetches ? { fetches } : {}),
    taxonomy,
    async startWorkers() {
      phase.workers = await startWorkers(rt, channels);
      return phase.workers;
    },
    async stopWorkers() {
      await phase.workers?.stop(5000);
      phase.workers = undefined;
    },
    async idle() {
      for (const channel of channels) {
        const counts = await rt.queues
          .get(channel)
          .getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children");
        if (Object.values(counts).some((n) => n > 0)) return false;
      }
      const { rows } = await pool.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM outbox_event WHERE processed_at IS NULL",
      );
      return rows[0]?.n === "0";
    },
    async waitIdle(timeoutMs, what) {
      const until = Date.now() + timeoutMs;
      while (!(await phase.idle())) {
        if (Date.now() > until) throw new Error(`${name}: queues not idle after ${timeoutMs} ms (${what})`);
        await sleep(100);
      }
    },
    async close() {
      await phase.stopWorkers().catch((err: unknown) => progress(`${name}: stopping workers: ${String(err)}`));
      for (const channel of channels)
        await rt.queues
          .get(channel)
          .obliterate({ force: true })
          .catch(() => undefined);
      await deletePrefix(config.REDIS_URL, config.QUEUE_PREFIX);
      await rt.close();
      await pool.end();
      await running.close();
      await fetches?.close();
      await imageHost.close();
      await sleep(250);
      await dropDatabase(url);
    },
  };
  return phase;
}

/** Deletes every Redis key under a BullMQ prefix. */
export async function deletePrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Polls `check` every `everyMs` until it returns true; throws after `timeoutMs`, naming `what`. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  everyMs = 100,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
