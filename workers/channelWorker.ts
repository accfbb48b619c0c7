import { type Job, RateLimitError, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { AuthExpiredError, isChannelError, ThrottledError } from "../adapters/core/errors.js";
import { pauseChannel } from "../src/sync/operations.js";
import { type PushOutcome, pushListing } from "../src/sync/push.js";
import { type ChannelQueues, channelQueueName, pushJobData, reviewJobData } from "../src/sync/queues.js";
import { checkReview, nextReviewLook } from "../src/sync/review.js";
import type { SyncDeps } from "../src/sync/syncDeps.js";

export interface ChannelWorkerOptions {
  channel: string;
  connection: Redis;
  prefix: string;
  concurrency: number;
  deps: SyncDeps;
  queues: ChannelQueues;
  /** Longest pause a throttled answer may cause, so nothing waits forever on a bogus ban. */
  maxThrottleWaitMs?: number;
  /** Upper bound on runs of one job, throttled runs included. */
  maxStartedAttempts?: number;
  /** Re-check a listing under review at most this many times. */
  maxReviewChecks?: number;
  lockMs?: number;
  stalledCheckMs?: number;
}

/** Thin BullMQ processor: parse, call src/sync, map channel errors to BullMQ outcomes. */
export function startChannelWorker(opts: ChannelWorkerOptions): Worker {
  const maxWait = opts.maxThrottleWaitMs ?? 60_000;
  const maxReviewChecks = opts.maxReviewChecks ?? 20;

  const worker: Worker = new Worker(
    channelQueueName(opts.channel),
    async (job: Job, _token?: string, signal?: AbortSignal) => {
      try {
        if (job.name === "review") {
          const data = reviewJobData.parse(job.data);
          const state = await checkReview(opts.deps, data, { signal });
          const next = state === "in_review" ? nextReviewLook(data, maxReviewChecks) : null;
          if (next) await opts.queues.enqueueReview(opts.channel, next.data, next.delayMs);
          return { state };
        }
        const data = pushJobData.parse(job.data);
        const outcome: PushOutcome = await pushListing(opts.deps, data, { signal });
        if (outcome.reviewCheckAfterMs !== undefined) {
          await opts.queues.enqueueReview(
            opts.channel,
            { ...data, checks: 0, delayMs: outcome.reviewCheckAfterMs },
            outcome.reviewCheckAfterMs,
          );
        }
        return outcome;
      } catch (err) {
        if (err instanceof ThrottledError) {
          await worker.rateLimit(Math.min(Math.max(err.waitMs, 100), maxWait));
          throw new RateLimitError();
        }
        if (err instanceof AuthExpiredError) {
          opts.deps.log.error(
            { channel: opts.channel, err: err.message },
            "token refresh did not help: pausing the channel",
          );
          await pauseChannel(opts.deps.db, opts.queues, opts.channel, `auth expired: ${err.message}`, true);
          throw err;
        }
        if (isChannelError(err) && err.errorClass === "permanent") throw new UnrecoverableError(err.message);
        throw err;
      }
    },
    {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency,
      // The channel's quota is enforced per call (CallBudget in ChannelAccounts), not per job: a job may make one call
      // or several. rateLimit() still needs a limiter to exist, hence this one that never binds.
      limiter: { max: 1_000_000, duration: 1000 },
      maxStartedAttempts: opts.maxStartedAttempts ?? 50,
      // After a throttle pause the worker long-polls for drainDelay seconds before it looks again: keep it short.
      drainDelay: 1,
      lockDuration: opts.lockMs ?? 30_000,
      stalledInterval: opts.stalledCheckMs ?? 15_000,
      maxStalledCount: 2,
    },
  );
  worker.on("failed", (job, err) => {
    opts.deps.log.warn(
      { jobId: job?.id, name: job?.name, attempts: job?.attemptsMade, err: err.message },
      "job failed",
    );
  });
  worker.on("error", (err) => opts.deps.log.error({ err }, "worker error"));
  return worker;
}
