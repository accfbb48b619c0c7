import type { CallContext, ItemOutcome, PriceStockUpdate } from "../../adapters/core/types.js";
import type { ConnectedAccount } from "./channelAccounts.js";

interface Waiter {
  updates: PriceStockUpdate[];
  resolve(outcomes: ItemOutcome[]): void;
  reject(err: unknown): void;
}

interface Pending {
  account: ConnectedAccount;
  waiters: Waiter[];
  skus: number;
  timer: NodeJS.Timeout;
}

/**
 * Gathers price/stock updates from concurrent pushes of one channel account into shared calls, so a price change
 * of 10,000 Daraz SKUs costs 200 calls of 50, not 10,000. Each caller gets the outcomes of its own SKUs.
 */
export class PriceStockBatcher {
  private readonly pending = new Map<string, Pending>();

  constructor(
    /** How long the first update waits for company. */
    private readonly windowMs = 20,
  ) {}

  submit(account: ConnectedAccount, updates: PriceStockUpdate[], ctx: CallContext = {}): Promise<ItemOutcome[]> {
    const max = account.adapter.capabilities.maxPriceStockBatch;
    if (max <= 1) return account.adapter.updatePriceStock(updates, ctx);
    return new Promise<ItemOutcome[]>((resolve, reject) => {
      let batch = this.pending.get(account.id);
      // Send the pending batch first when these updates would overflow it: 13 listings of 4 SKUs then make a call of
      // 48 SKUs and start the next one, instead of a call of 50 plus a call of 2.
      if (batch && batch.skus + updates.length > max) {
        void this.flush(account.id);
        batch = undefined;
      }
      if (!batch) {
        batch = { account, waiters: [], skus: 0, timer: setTimeout(() => void this.flush(account.id), this.windowMs) };
        this.pending.set(account.id, batch);
      }
      batch.waiters.push({ updates, resolve, reject });
      batch.skus += updates.length;
      if (batch.skus >= max) void this.flush(account.id);
    });
  }

  private async flush(accountId: string): Promise<void> {
    const batch = this.pending.get(accountId);
    if (!batch) return;
    this.pending.delete(accountId);
    clearTimeout(batch.timer);
    try {
      const outcomes = await batch.account.adapter.updatePriceStock(batch.waiters.flatMap((w) => w.updates));
      const bySku = new Map(outcomes.map((o) => [o.sellerSku, o]));
      for (const w of batch.waiters) {
        w.resolve(
          w.updates.map(
            (u) =>
              bySku.get(u.sellerSku) ?? {
                sellerSku: u.sellerSku,
                ok: false,
                error: { errorClass: "transient", message: "the channel did not answer for this SKU" },
              },
          ),
        );
      }
    } catch (err) {
      for (const w of batch.waiters) w.reject(err);
    }
  }
}
