import type { Db } from "../db.js";
import type { ChannelQueues } from "./queues.js";

export interface ChannelStatus {
  channel: string;
  paused: boolean;
  needsOperator: boolean;
  pausedReason: string | null;
  jobs: Record<string, number>;
  listings: Record<string, number>;
}

/**
 * Stops a channel: its queue stops handing out jobs (running ones finish) and its waiting listings show "paused".
 * `needsOperator` flags it for a person (e.g. credentials that no refresh could fix); resume clears it.
 */
export async function pauseChannel(
  db: Db,
  queues: ChannelQueues,
  channel: string,
  reason: string,
  needsOperator = false,
): Promise<void> {
  await queues.get(channel).pause();
  await db.$transaction([
    db.channelAccount.updateMany({
      where: { channel },
      data: { paused: true, pausedReason: reason, ...(needsOperator ? { needsOperator: true } : {}) },
    }),
    db.listing.updateMany({ where: { state: "queued", channelAccount: { channel } }, data: { state: "paused" } }),
  ]);
}

export async function resumeChannel(db: Db, queues: ChannelQueues, channel: string): Promise<void> {
  await db.$transaction([
    db.channelAccount.updateMany({
      where: { channel },
      data: { paused: false, pausedReason: null, needsOperator: false },
    }),
    db.listing.updateMany({ where: { state: "paused", channelAccount: { channel } }, data: { state: "queued" } }),
  ]);
  await queues.get(channel).resume();
}

/** Retries one failed job, or every failed job of the channel; returns how many were sent back to the queue. */
export async function retryFailed(queues: ChannelQueues, channel: string, jobId?: string): Promise<number> {
  const queue = queues.get(channel);
  if (jobId) {
    const job = await queue.getJob(jobId);
    if (!job || !(await job.isFailed())) return 0;
    await job.retry("failed");
    return 1;
  }
  const failed = await queue.getJobCountByTypes("failed");
  await queue.retryJobs({ state: "failed", count: 1000 });
  return failed;
}

export async function channelStatus(db: Db, queues: ChannelQueues, channel: string): Promise<ChannelStatus> {
  const accounts = await db.channelAccount.findMany({ where: { channel } });
  const listings = await db.listing.groupBy({ by: ["state"], where: { channelAccount: { channel } }, _count: true });
  const jobs = await queues
    .get(channel)
    .getJobCounts("waiting", "prioritized", "active", "delayed", "failed", "completed");
  return {
    channel,
    paused: accounts.some((a) => a.paused) || (await queues.get(channel).isPaused()),
    needsOperator: accounts.some((a) => a.needsOperator),
    pausedReason: accounts.find((a) => a.pausedReason)?.pausedReason ?? null,
    jobs,
    listings: Object.fromEntries(listings.map((l) => [l.state, l._count])),
  };
}
