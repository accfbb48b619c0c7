/**
 * A token bucket over real channel calls: `take()` resolves when the account may make one more call. Every HTTP call
 * an adapter makes awaits it (AdapterOptions.beforeCall), so a batched price call of 50 SKUs costs one token and a
 * create that first looks the SKU up costs two. The budget is per worker process: run one worker process per channel
 * account's quota, or give each process its share.
 */
export class CallBudget {
  private tokens: number;
  private last = performance.now();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ratePerSec: number,
    private readonly burst = Math.max(1, Math.ceil(ratePerSec)),
  ) {
    this.tokens = this.burst;
  }

  take(): Promise<void> {
    // Callers are served in order: each waits for the one before it.
    const turn = this.queue.then(() => this.waitForToken());
    this.queue = turn;
    return turn;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      const now = performance.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSec);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.ratePerSec) * 1000)));
    }
  }
}
