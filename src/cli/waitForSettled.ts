import type { Db } from "../db.js";

/** Waits until the outbox is empty and no listing is queued, pushing or in review. */
export async function waitForSettled(
  db: Db,
  expectedListings: number,
  timeoutMs: number,
): Promise<{ ok: boolean; pending: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outbox = await db.outboxEvent.count({ where: { processedAt: null } });
    const moving = await db.listing.count({ where: { state: { in: ["queued", "pushing", "in_review"] } } });
    const listings = await db.listing.count();
    if (outbox === 0 && moving === 0 && listings >= expectedListings) return { ok: true, pending: 0 };
    if (Date.now() > deadline) return { ok: false, pending: moving + outbox };
    await new Promise((r) => setTimeout(r, 200));
  }
}
