import pRetry from "p-retry";
import { TransientError } from "./errors.js";
import type { ReadRetryOptions } from "./types.js";

export const DEFAULT_READ_RETRY: Required<ReadRetryOptions> = { retries: 2, minTimeoutMs: 250, maxTimeoutMs: 4000 };

/**
 * Retries an idempotent read (a page of listRemote, a lookup) on TransientError only, with exponential backoff and
 * jitter. Throttled and auth errors go straight back to the sync engine, which pauses the channel or refreshes the
 * token. Never wrap a write in this: a retried write after a lost response can create a duplicate listing.
 */
export function retryRead<T>(
  read: () => Promise<T>,
  opts: ReadRetryOptions | undefined,
  signal?: AbortSignal,
): Promise<T> {
  const cfg = { ...DEFAULT_READ_RETRY, ...opts };
  if (cfg.retries <= 0) return read();
  return pRetry(read, {
    retries: cfg.retries,
    minTimeout: cfg.minTimeoutMs,
    maxTimeout: cfg.maxTimeoutMs,
    factor: 2,
    randomize: true,
    unref: true,
    signal,
    shouldRetry: ({ error }) => error instanceof TransientError && !signal?.aborted,
  });
}
