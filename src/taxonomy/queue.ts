import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import type { Db } from "../db.js";
import type { ChannelAccounts } from "../sync/channelAccounts.js";

export const TAXONOMY_QUEUE = "taxonomy";
export const TAXONOMY_SCHEDULER_ID = "taxonomy-refresh";

/** `all`: fans out one `refresh` per account whose channel has a taxonomy; `refresh`: one account. */
export type TaxonomyJobName = "all" | "refresh";

export const refreshJobData = z.object({ channelAccountId: z.string().min(1) });

const jobDefaults = {
  removeOnComplete: { age: 30 * 24 * 3600, count: 500 },
  removeOnFail: { age: 30 * 24 * 3600, count: 1000 },
};

/** Scheduled taxonomy refreshes: channels change their trees and required attributes without notice. */
export class TaxonomyQueue {
  readonly queue: Queue;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue(TAXONOMY_QUEUE, { connection, prefix, defaultJobOptions: jobDefaults });
  }

  async schedule(pattern: string, tz: string): Promise<void> {
    if (pattern === "off") {
      await this.queue.removeJobScheduler(TAXONOMY_SCHEDULER_ID);
      return;
    }
    await this.queue.upsertJobScheduler(
      TAXONOMY_SCHEDULER_ID,
      { pattern, tz },
      { name: "all", data: {}, opts: { attempts: 3, backoff: { type: "exponential", delay: 60_000 } } },
    );
  }

  /** One refresh per account at a time: a second request while one waits is the same job. */
  async enqueueRefresh(channelAccountId: string): Promise<void> {
    await this.queue.add(
      "refresh",
      { channelAccountId },
      {
        attempts: 3,
        backoff: { type: "exponential", delay: 60_000, jitter: 0.5 },
        deduplication: { id: `account-${channelAccountId}` },
      },
    );
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** The scheduled fan-out: every unpaused account whose adapter reads a category tree. */
export async function enqueueAllRefreshes(db: Db, accounts: ChannelAccounts, queue: TaxonomyQueue): Promise<string[]> {
  const rows = await db.channelAccount.findMany({
    where: { paused: false },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const ids: string[] = [];
  for (const row of rows) {
    if (!(await accounts.get(row.id)).adapter.taxonomy) continue;
    await queue.enqueueRefresh(row.id);
    ids.push(row.id);
  }
  return ids;
}
