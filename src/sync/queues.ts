import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";

export const channelQueueName = (channel: string): string => `channel-${channel}`;

export const pushJobData = z.object({
  productId: z.string().min(1),
  channelAccountId: z.string().min(1),
});
export type PushJobData = z.infer<typeof pushJobData>;

export const reviewJobData = pushJobData.extend({
  checks: z.number().int().min(0).default(0),
  /** First wait; each later look waits twice as long as the one before. */
  delayMs: z.number().int().min(0).default(30_000),
});
export type ReviewJobData = z.infer<typeof reviewJobData>;

export type ChannelJobName = "push" | "review";

/** One id per listing: BullMQ ids may not contain ':'. */
export const listingKey = (data: PushJobData): string => `${data.productId}.${data.channelAccountId}`;

/** Sane bounded defaults: keep recent history for the dashboard, never grow Redis without bound. */
export function jobOptions(attempts = 6, backoffMs = 1000) {
  return {
    attempts,
    backoff: { type: "exponential", delay: backoffMs, jitter: 0.5 },
    removeOnComplete: { age: 24 * 3600, count: 5000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 20_000 },
  };
}

/** Queues keyed by channel, created lazily and shared by the relay, API and CLI. */
export class ChannelQueues {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly defaultJobOptions = jobOptions(),
    private readonly coalesceMs = 150,
  ) {}

  get(channel: string): Queue {
    let queue = this.queues.get(channel);
    if (!queue) {
      queue = new Queue(channelQueueName(channel), {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: this.defaultJobOptions,
      });
      this.queues.set(channel, queue);
    }
    return queue;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  /**
   * Many edits of one listing coalesce: a push waits `coalesceMs` and every new edit in that time pushes it back
   * (debounce); while one runs, at most one more waits. Pushes read the product when they run, so none is lost.
   */
  async enqueuePushes(channel: string, jobs: { data: PushJobData; priority?: number }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.get(channel).addBulk(
      jobs.map(({ data, priority }) => ({
        name: "push",
        data,
        opts: {
          deduplication: { id: `push-${listingKey(data)}`, keepLastIfActive: true, reschedule: true },
          ...(this.coalesceMs > 0 ? { delay: this.coalesceMs } : {}),
          ...(priority ? { priority } : {}),
        },
      })),
    );
  }

  async enqueueReview(channel: string, data: ReviewJobData, delayMs: number): Promise<void> {
    await this.get(channel).add("review", data, {
      delay: delayMs,
      // One id per look: the running look re-schedules the next one, so the id must differ.
      deduplication: { id: `review-${listingKey(data)}-${data.checks}` },
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close()));
  }
}
