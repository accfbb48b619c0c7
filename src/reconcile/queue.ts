import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import type { Db } from "../db.js";
import { orphanPolicies, policyFromSettings, reconcileModes } from "./policy.js";

export const RECONCILE_QUEUE = "reconcile";
export const NIGHTLY_SCHEDULER_ID = "reconcile-nightly";

/** `nightly`: fans out one `run` per channel account; `run`: one reconciliation of one account. */
export type ReconcileJobName = "nightly" | "run";

export const runJobData = z.object({
  channelAccountId: z.string().min(1),
  trigger: z.enum(["schedule", "cli", "api"]),
  runId: z.string().min(1).optional(),
  mode: z.enum(reconcileModes).optional(),
  orphans: z.enum(orphanPolicies).optional(),
});
export type RunJobData = z.infer<typeof runJobData>;

const jobDefaults = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 5000 },
};

/** The one reconcile queue: the nightly scheduler, and runs of single accounts. */
export class ReconcileQueue {
  readonly queue: Queue;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue(RECONCILE_QUEUE, { connection, prefix, defaultJobOptions: jobDefaults });
  }

  /**
   * Registers (or moves) the nightly run: a BullMQ job scheduler with a cron pattern in a time zone. "off" removes it.
   * Upserting is idempotent, so every worker process may call it at start-up.
   */
  async scheduleNightly(pattern: string, tz: string): Promise<void> {
    if (pattern === "off") {
      await this.queue.removeJobScheduler(NIGHTLY_SCHEDULER_ID);
      return;
    }
    await this.queue.upsertJobScheduler(
      NIGHTLY_SCHEDULER_ID,
      { pattern, tz },
      {
        name: "nightly",
        data: { trigger: "schedule" },
        opts: { attempts: 3, backoff: { type: "exponential", delay: 60_000 } },
      },
    );
  }

  /**
   * One run of one account. Runs of the same account coalesce while one waits (deduplication), so a slow night and an
   * operator's click never pile up; a run already created by the API (runId) always gets its own job.
   */
  async enqueueRun(data: RunJobData): Promise<void> {
    await this.queue.add("run", runJobData.parse(data), {
      attempts: 3,
      backoff: { type: "exponential", delay: 60_000, jitter: 0.5 },
      ...(data.runId ? { jobId: `run-${data.runId}` } : { deduplication: { id: `account-${data.channelAccountId}` } }),
    });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** The nightly fan-out: a run job for every account whose policy takes part and that is not paused. */
export async function enqueueNightlyRuns(db: Db, queue: ReconcileQueue): Promise<string[]> {
  const rows = await db.channelAccount.findMany({
    where: { paused: false },
    select: { id: true, settings: true },
    orderBy: { id: "asc" },
  });
  const ids = rows.filter((r) => policyFromSettings(r.settings).nightly).map((r) => r.id);
  for (const id of ids) await queue.enqueueRun({ channelAccountId: id, trigger: "schedule" });
  return ids;
}

/** Creates queued runs for every account on a channel and enqueues them; returns the run ids. */
export async function enqueueChannelRuns(
  db: Db,
  queue: ReconcileQueue,
  channel: string,
  opts: Pick<RunJobData, "mode" | "orphans" | "trigger">,
): Promise<{ runId: string; channelAccountId: string }[]> {
  const rows = await db.channelAccount.findMany({ where: { channel }, select: { id: true }, orderBy: { id: "asc" } });
  const out: { runId: string; channelAccountId: string }[] = [];
  for (const row of rows) {
    const run = await db.reconcileRun.create({
      data: { channelAccountId: row.id, trigger: opts.trigger, status: "queued" },
    });
    await queue.enqueueRun({ ...opts, channelAccountId: row.id, runId: run.id });
    out.push({ runId: run.id, channelAccountId: row.id });
  }
  return out;
}
