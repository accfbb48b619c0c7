import type { QuotaConfig } from "./types.js";

export type QuotaVerdict = { ok: true } | { ok: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per key (app key): `ratePerSec` tokens refill each second up to `burst`. Off when ratePerSec is 0. */
export class TokenBucketQuota {
  private config: Required<QuotaConfig> = { ratePerSec: 0, burst: 0 };
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    config: QuotaConfig | undefined,
    private readonly now: () => number = Date.now,
  ) {
    if (config) this.configure(config);
  }

  configure(config: QuotaConfig): void {
    const ratePerSec = Math.max(0, config.ratePerSec);
    const burst = config.burst ?? Math.max(1, Math.ceil(ratePerSec));
    this.config = { ratePerSec, burst: Math.max(1, burst) };
    this.buckets.clear();
  }

  current(): Required<QuotaConfig> {
    return { ...this.config };
  }

  take(key: string): QuotaVerdict {
    const { ratePerSec, burst } = this.config;
    if (ratePerSec <= 0) return { ok: true };
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * ratePerSec);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / ratePerSec) * 1000) };
  }

  reset(): void {
    this.configure({ ratePerSec: 0 });
  }
}
