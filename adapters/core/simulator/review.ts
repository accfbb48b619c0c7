/** The review (QC, audit) a simulated catalog runs over its pending items. */
export interface ReviewQueue<T> {
  items(): Iterable<T>;
  isPending(item: T): boolean;
  submittedAt(item: T): number;
  decide(item: T): void;
}

/** Decides every pending item now; returns how many moved. */
export function reviewAll<T>(queue: ReviewQueue<T>): number {
  let moved = 0;
  for (const item of queue.items()) {
    if (!queue.isPending(item)) continue;
    queue.decide(item);
    moved += 1;
  }
  return moved;
}

/** Decides the pending items submitted at least `delayMs` ago; nothing without a delay. */
export function reviewDue<T>(queue: ReviewQueue<T>, delayMs: number | undefined, now: () => number): void {
  if (delayMs === undefined) return;
  const at = now();
  for (const item of queue.items()) {
    if (queue.isPending(item) && at - queue.submittedAt(item) >= delayMs) queue.decide(item);
  }
}
