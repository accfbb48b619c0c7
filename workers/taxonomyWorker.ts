import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Db } from "../src/db.js";
import type { Logger } from "../src/logger.js";
import type { ChannelAccounts } from "../src/sync/channelAccounts.js";
import type { ChannelQueues } from "../src/sync/queues.js";
import { enqueueAllRefreshes, refreshJobData, TAXONOMY_QUEUE, type TaxonomyQueue } from "../src/taxonomy/queue.js";
import { recheckAccount } from "../src/taxonomy/recheck.js";
import { refreshTaxonomy } from "../src/taxonomy/refreshTaxonomy.js";
import { rethrowForRetry } from "./finalErrors.js";

export interface TaxonomyWorkerOptions {
  connection: Redis;
  prefix: string;
  deps: { db: Db; accounts: ChannelAccounts; queues: ChannelQueues; log: Logger };
  queue: TaxonomyQueue;
  stalledCheckMs?: number;
}

/** Thin BullMQ processor: the scheduled fan-out, and one refresh (plus a re-check of its listings) per account. */
export function startTaxonomyWorker(opts: TaxonomyWorkerOptions): Worker {
  const { deps } = opts;
  const worker = new Worker(
    TAXONOMY_QUEUE,
    async (job: Job) => {
      if (job.name === "all") return { accounts: await enqueueAllRefreshes(deps.db, deps.accounts, opts.queue) };
      const { channelAccountId } = refreshJobData.parse(job.data);
      try {
        const result = await refreshTaxonomy(deps, channelAccountId);
        const recheck = result.affectsListings
          ? await recheckAccount(deps.db, deps.accounts, deps.queues, channelAccountId)
          : undefined;
        return { categories: result.categories, changes: result.changes.length, recheck };
      } catch (err) {
        rethrowForRetry(err);
      }
    },
    {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: 1,
      lockDuration: 120_000,
      stalledInterval: opts.stalledCheckMs ?? 30_000,
      maxStalledCount: 2,
    },
  );
  worker.on("failed", (job, err) => deps.log.warn({ jobId: job?.id, err: err.message }, "taxonomy job failed"));
  worker.on("error", (err) => deps.log.error({ err }, "taxonomy worker error"));
  return worker;
}
