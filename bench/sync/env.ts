/**
 * One benchmark phase's world: its own freshly migrated database (tijarat_bench_<phase>), its own BullMQ prefix,
 * a runtime built by createRuntime, the channel simulators, the catalog basics, FX rates and one channel account per
 * channel. close() removes all of it (queues, prefix keys, database) so the next phase starts clean.
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
import { createRuntime, type RunningWorkers, type Runtime, startWorkers } from "../../src/runtime.js";
import { dropDatabase, migrateDeploy, recreateDatabase, withDatabase } from "../../src/services.js";
import { createChannelAccount } from "../../src/sync/channelAccounts.js";
import { categoryMapFor } from "./generate.js";
import { type SeedBase, seedBase } from "./seed.js";

export const progress = (msg: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const baseDatabaseUrl = (): string => loadConfig().DATABASE_URL;

/** Listing settings that make every generated product buildable on each built-in channel. */
export function benchChannelSettings(channel: string): Record<string, unknown> | undefined {
  const common = { reviewCheckDelayMs: 250 };
  switch (channel) {
    case "daraz":
      return { ...common, locale: "en", currency: "PKR", categoryMap: categoryMapFor("daraz") };
    case "alibaba":
      return { ...common, locale: "en", currency: "USD", wholesale: true, categoryMap: categoryMapFor("alibaba") };
    case "jd":
      return {
        ...common,
        locale: "zh-Hans",
        currency: "CNY",
        categoryMap: categoryMapFor("jd"),
        // JD wants a numeric brand id on every ware; one account-wide default keeps every listing buildable.
        defaultAttributes: { brandId: "100001" },
      };
    default:
      return undefined;
  }
}

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
}

export async function openPhase(name: string, opts: PhaseOptions = {}): Promise<Phase> {
  const url = withDatabase(baseDatabaseUrl(), `tijarat_bench_${name}`);
  const t0 = performance.now();
  await recreateDatabase(url);
  await migrateDeploy(url);
  progress(`${name}: database migrated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    QUEUE_PREFIX: `tijarat-bench-${name}`,
    RELAY_POLL_MS: "200",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "error",
    ...opts.env,
  });
  const rt = createRuntime(config, createLogger(config.LOG_LEVEL, process.stderr), randomBytes(32));
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // pool.end() resolves before its sockets have closed; DROP DATABASE ... WITH (FORCE) may then hit one.
  pool.on("error", () => undefined);
  const sims = await startSimulators({ reviewDelayMs: opts.reviewDelayMs ?? 20 });
  const base = await seedBase(pool);
  const asOf = new Date(Date.now() - 60_000);
  await recordRate(rt.db, { currency: "USD", pkrPerUnit: "280.45", source: "bench", asOf });
  await recordRate(rt.db, { currency: "CNY", pkrPerUnit: "38.92", source: "bench", asOf });

  const registered = new Set(registeredChannels());
  const wanted = opts.channels ?? sims.handles.map((h) => h.channel);
  const accounts: PhaseAccount[] = [];
  for (const channel of wanted) {
    const sim = sims.get(channel);
    const settings = benchChannelSettings(channel);
    if (!sim || !settings || !registered.has(channel)) {
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
    accounts.push({ channel, id, sim });
  }
  const channels = accounts.map((a) => a.channel);

  const phase: Phase = {
    name,
    url,
    config,
    rt,
    pool,
    sims,
    base,
    accounts,
    channels,
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
      await sims.close();
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
