import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { enqueueNightlyRuns, RECONCILE_QUEUE, type ReconcileQueue, runJobData } from "../src/reconcile/queue.js";
import { type ReconcileDeps, reconcileAccount } from "../src/reconcile/run.js";
import { rethrowForRetry } from "./finalErrors.js";

export interface ReconcileWorkerOptions {
  connection: Redis;
  prefix: string;
  deps: ReconcileDeps;
  queue: ReconcileQueue;
  /** Accounts reconciled at once by this process. */
  concurrency?: number;
  lockMs?: number;
  stalledCheckMs?: number;
}

/** Thin BullMQ processor: the nightly fan-out, and one reconciliation per `run` job. */
export function startReconcileWorker(opts: ReconcileWorkerOptions): Worker {
  const { deps } = opts;
  const worker = new Worker(
    RECONCILE_QUEUE,
    async (job: Job, _token?: string, signal?: AbortSignal) => {
      if (job.name === "nightly") return { accounts: await enqueueNightlyRuns(deps.db, opts.queue) };
      const data = runJobData.parse(job.data);
      let runId = data.runId;
      if (!runId) {
        // A scheduled run gets its row on the first attempt; retries and stall recovery reuse it.
        runId = (
          await deps.db.reconcileRun.create({
            data: { channelAccountId: data.channelAccountId, trigger: data.trigger, status: "queued" },
          })
        ).id;
        await job.updateData({ ...data, runId });
      }
      try {
        return await reconcileAccount(deps, data.channelAccountId, {
          trigger: data.trigger,
          runId,
          ...(data.mode ? { mode: data.mode } : {}),
          ...(data.orphans ? { orphans: data.orphans } : {}),
          ...(signal ? { signal } : {}),
        });
      } catch (err) {
        rethrowForRetry(err);
      }
    },
    {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency ?? 2,
      lockDuration: opts.lockMs ?? 60_000,
      stalledInterval: opts.stalledCheckMs ?? 30_000,
      maxStalledCount: 2,
    },
  );
  worker.on("failed", (job, err) =>
    deps.log.warn({ jobId: job?.id, name: job?.name, err: err.message }, "reconcile job failed"),
  );
  worker.on("error", (err) => deps.log.error({ err }, "reconcile worker error"));
  return worker;
}
