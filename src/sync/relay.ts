import type { Db } from "../db.js";
import type { PushJobData } from "./queues.js";

export interface ClaimedEvent {
  id: bigint;
  aggregateId: string;
  eventType: string;
  exporterId: string | null;
  parts: string[] | null;
}

export interface QueuedPush {
  data: PushJobData;
  /** BullMQ priority: lower runs first. Stock-only changes jump ahead of content so channels never oversell. */
  priority: number;
}

export const STOCK_PRIORITY = 1;
export const DEFAULT_PRIORITY = 10;

/** Sends the pushes for a batch of events; throws if they could not all be enqueued. */
export type Enqueue = (channel: string, jobs: QueuedPush[]) => Promise<void>;

/**
 * Claims up to `batch` unprocessed outbox rows (several relays may run: SKIP LOCKED gives each its own rows),
 * fans each out to every channel account of the product's exporter, enqueues, and marks the rows processed in the
 * same transaction. If enqueueing fails the transaction rolls back and the rows are claimed again later: delivery is
 * at least once, and pushes are idempotent.
 */
export async function relayBatch(db: Db, enqueue: Enqueue, batch = 500): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const events = await tx.$queryRaw<ClaimedEvent[]>`
        SELECT id, aggregate_id AS "aggregateId", event_type AS "eventType", payload->>'exporterId' AS "exporterId", payload->'parts' AS parts
        FROM outbox_event
        WHERE processed_at IS NULL
        ORDER BY id
        LIMIT ${batch}
        FOR UPDATE SKIP LOCKED`;
      if (events.length === 0) return 0;

      const exporterIds = [...new Set(events.map((e) => e.exporterId).filter((id): id is string => id !== null))];
      const accounts = await tx.channelAccount.findMany({
        where: { exporterId: { in: exporterIds } },
        select: { id: true, channel: true, exporterId: true },
      });

      const perChannel = new Map<string, Map<string, QueuedPush>>();
      for (const event of events) {
        const stockOnly = event.parts?.length === 1 && event.parts[0] === "stock";
        for (const account of accounts.filter((a) => a.exporterId === event.exporterId)) {
          const jobs = perChannel.get(account.channel) ?? new Map<string, QueuedPush>();
          // Several events for one product in a batch need one push; it is urgent only if every one was stock-only.
          const key = `${event.aggregateId}.${account.id}`;
          const earlier = jobs.get(key);
          const urgent = stockOnly && (!earlier || earlier.priority === STOCK_PRIORITY);
          jobs.set(key, {
            data: { productId: event.aggregateId, channelAccountId: account.id },
            priority: urgent ? STOCK_PRIORITY : DEFAULT_PRIORITY,
          });
          perChannel.set(account.channel, jobs);
        }
      }
      for (const [channel, jobs] of perChannel) await enqueue(channel, [...jobs.values()]);

      const ids = events.map((e) => e.id);
      await tx.$executeRaw`UPDATE outbox_event SET processed_at = now(), attempts = attempts + 1 WHERE id = ANY(${ids}::bigint[])`;
      return events.length;
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

/** Relays until the outbox is empty; returns how many events moved. */
export async function drainOutbox(db: Db, enqueue: Enqueue, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const moved = await relayBatch(db, enqueue, batch);
    total += moved;
    if (moved < batch) return total;
  }
}
