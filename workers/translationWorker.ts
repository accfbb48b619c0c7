import { type Job, RateLimitError, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Db } from "../src/db.js";
import { isTranslationError, TranslationThrottledError } from "../src/localize/providers/errors.js";
import type { TranslationProvider } from "../src/localize/providers/types.js";
import { translateProduct } from "../src/localize/translateProduct.js";
import { TRANSLATION_QUEUE, translationJobData } from "../src/localize/translationQueue.js";
import type { Logger } from "../src/logger.js";

export interface TranslationWorkerOptions {
  connection: Redis;
  prefix: string;
  deps: { db: Db; provider: TranslationProvider; log: Logger };
  /** Jobs per second (each is about one provider request): TRANSLATION_RATE_PER_SEC. */
  ratePerSec: number;
  concurrency?: number;
  /** Longest pause a throttled or quota answer may cause before the job is tried again. */
  maxThrottleWaitMs?: number;
  maxStartedAttempts?: number;
  lockMs?: number;
  stalledCheckMs?: number;
}

/** Thin BullMQ processor: parse, translate, map provider errors to BullMQ outcomes (as the channel worker does). */
export function startTranslationWorker(opts: TranslationWorkerOptions): Worker {
  const maxWait = opts.maxThrottleWaitMs ?? 3_600_000;
  const worker: Worker = new Worker(
    TRANSLATION_QUEUE,
    async (job: Job, _token?: string, signal?: AbortSignal) => {
      try {
        return await translateProduct(opts.deps, translationJobData.parse(job.data), signal ? { signal } : {});
      } catch (err) {
        if (err instanceof TranslationThrottledError) {
          await worker.rateLimit(Math.min(Math.max(err.waitMs, 100), maxWait));
          throw new RateLimitError();
        }
        if (isTranslationError(err) && err.errorClass === "permanent") throw new UnrecoverableError(err.message);
        throw err;
      }
    },
    {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency ?? 4,
      limiter: { max: Math.max(1, opts.ratePerSec), duration: 1000 },
      maxStartedAttempts: opts.maxStartedAttempts ?? 50,
      drainDelay: 1,
      lockDuration: opts.lockMs ?? 60_000,
      stalledInterval: opts.stalledCheckMs ?? 30_000,
      maxStalledCount: 2,
    },
  );
  worker.on("failed", (job, err) => {
    opts.deps.log.warn(
      { jobId: job?.id, productId: job?.data?.productId, locale: job?.data?.locale, err: err.message },
      "translation job failed",
    );
  });
  worker.on("error", (err) => opts.deps.log.error({ err: err.message }, "translation worker error"));
  return worker;
}
