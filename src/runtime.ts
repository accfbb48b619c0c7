import { randomUUID } from "node:crypto";
import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { startChannelWorker } from "../workers/channelWorker.js";
import { startReconcileWorker } from "../workers/reconcileWorker.js";
import { startTaxonomyWorker } from "../workers/taxonomyWorker.js";
import { startTranslationWorker } from "../workers/translationWorker.js";
import type { Config } from "./config.js";
import { createDb, type Db } from "./db.js";
import { FxCache } from "./localize/fxRates.js";
import { createProvider } from "./localize/providers/index.js";
import { TranslationQueue } from "./localize/translationQueue.js";
import type { Logger } from "./logger.js";
import { type MediaSettings, mediaSettings } from "./media/channelImages.js";
import { ReconcileQueue } from "./reconcile/queue.js";
import { createProducerConnection, createWorkerConnection } from "./redis.js";
import { ChannelAccounts } from "./sync/channelAccounts.js";
import { startHeartbeat } from "./sync/heartbeat.js";
import { PriceStockBatcher } from "./sync/priceStockBatcher.js";
import { ChannelQueues, jobOptions } from "./sync/queues.js";
import { startRelayLoop } from "./sync/relayLoop.js";
import { ReadinessCache } from "./taxonomy/loadReadiness.js";
import { TaxonomyQueue } from "./taxonomy/queue.js";

export interface Runtime {
  config: Config;
  log: Logger;
  db: Db;
  producer: Redis;
  queues: ChannelQueues;
  accounts: ChannelAccounts;
  /** Each account's taxonomy and mappings, reloaded when their versions move. */
  readiness: ReadinessCache;
  media: MediaSettings;
  /** Encrypts channel credentials at rest. */
  secretKey: Buffer;
  close(): Promise<void>;
}

export function createRuntime(config: Config, log: Logger, secretKey: Buffer): Runtime {
  const db = createDb(config.DATABASE_URL);
  const producer = createProducerConnection(config.REDIS_URL);
  const queues = new ChannelQueues(
    producer,
    config.QUEUE_PREFIX,
    jobOptions(config.PUSH_ATTEMPTS, config.PUSH_BACKOFF_MS),
    config.COALESCE_MS,
  );
  const accounts = new ChannelAccounts(db, secretKey);
  return {
    config,
    log,
    db,
    producer,
    queues,
    accounts,
    readiness: new ReadinessCache(db),
    media: mediaSettings(config),
    secretKey,
    async close() {
      await queues.close();
      producer.disconnect();
      await db.$disconnect();
    },
  };
}

export interface RunningWorkers {
  workers: Worker[];
  /** The reconcile queue (nightly scheduler + runs) this process serves. */
  reconcileQueue: ReconcileQueue;
  taxonomyQueue: TaxonomyQueue;
  /** Stops taking jobs, waits up to the grace period for active ones, then closes everything. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts the outbox relay, one worker per channel and the reconcile worker in this process, with a heartbeat, and
 * registers the nightly reconciliation (RECONCILE_CRON in RECONCILE_TZ).
 */
export async function startWorkers(rt: Runtime, channels: string[]): Promise<RunningWorkers> {
  const connection = createWorkerConnection(rt.config.REDIS_URL);
  // Machine translation runs only with a provider; without one, listings missing a language stay held.
  const provider = createProvider(rt.config);
  const translations = provider ? new TranslationQueue(rt.producer, rt.config.QUEUE_PREFIX) : undefined;
  const deps = {
    db: rt.db,
    accounts: rt.accounts,
    log: rt.log,
    batcher: new PriceStockBatcher(rt.config.PRICE_BATCH_WINDOW_MS),
    fx: new FxCache(rt.db),
    readiness: rt.readiness,
    media: rt.media,
    ...(translations ? { translations } : {}),
  };
  const workers = channels.map((channel) =>
    startChannelWorker({
      channel,
      connection,
      prefix: rt.config.QUEUE_PREFIX,
      concurrency: rt.config.PUSH_CONCURRENCY,
      deps,
      queues: rt.queues,
      lockMs: rt.config.JOB_LOCK_MS,
      stalledCheckMs: rt.config.STALLED_CHECK_MS,
    }),
  );
  if (provider) {
    workers.push(
      startTranslationWorker({
        connection,
        prefix: rt.config.QUEUE_PREFIX,
        deps: { db: rt.db, provider, log: rt.log },
        ratePerSec: rt.config.TRANSLATION_RATE_PER_SEC,
        stalledCheckMs: rt.config.STALLED_CHECK_MS,
      }),
    );
  }
  const stopRelay = await startRelayLoop({
    db: rt.db,
    databaseUrl: rt.config.DATABASE_URL,
    enqueue: (channel, jobs) => rt.queues.enqueuePushes(channel, jobs),
    log: rt.log,
    pollMs: rt.config.RELAY_POLL_MS,
  });
  const reconcileQueue = new ReconcileQueue(rt.producer, rt.config.QUEUE_PREFIX);
  const reconcileWorker = startReconcileWorker({
    connection,
    prefix: rt.config.QUEUE_PREFIX,
    deps: { db: rt.db, accounts: rt.accounts, queues: rt.queues, log: rt.log },
    queue: reconcileQueue,
  });
  await reconcileQueue.scheduleNightly(rt.config.RECONCILE_CRON, rt.config.RECONCILE_TZ);
  const taxonomyQueue = new TaxonomyQueue(rt.producer, rt.config.QUEUE_PREFIX);
  const taxonomyWorker = startTaxonomyWorker({
    connection,
    prefix: rt.config.QUEUE_PREFIX,
    deps: { db: rt.db, accounts: rt.accounts, queues: rt.queues, log: rt.log },
    queue: taxonomyQueue,
    stalledCheckMs: rt.config.STALLED_CHECK_MS,
  });
  await taxonomyQueue.schedule(rt.config.TAXONOMY_CRON, rt.config.RECONCILE_TZ);
  const stopHeartbeat = await startHeartbeat(rt.db, `worker-${randomUUID()}`, `relay+${channels.join(",")}`);

  return {
    workers,
    reconcileQueue,
    taxonomyQueue,
    async stop(graceMs = rt.config.SHUTDOWN_GRACE_MS) {
      await stopRelay();
      const closing = Promise.all([...workers, reconcileWorker, taxonomyWorker].map((w) => w.close()));
      const timedOut = await Promise.race([
        closing.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref()),
      ]);
      if (timedOut) {
        rt.log.warn({ graceMs }, "grace period over: forcing workers closed; their jobs will be recovered as stalled");
        await Promise.all([...workers, reconcileWorker, taxonomyWorker].map((w) => w.close(true)));
      }
      await reconcileQueue.close();
      await taxonomyQueue.close();
      await translations?.close();
      await stopHeartbeat();
      connection.disconnect();
    },
  };
}
