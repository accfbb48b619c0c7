import { type ChannelError, isChannelError } from "./errors.js";
import type { CanonicalListing, ItemOutcome, PushResult } from "./types.js";

export function failedItem(
  sellerSku: string,
  errorClass: "transient" | "permanent",
  code: string | undefined,
  message: string,
): ItemOutcome {
  return { sellerSku, ok: false, error: { errorClass, message, ...(code ? { code } : {}) } };
}

/** A transient or permanent channel error as one item's outcome (throttled counts as transient). */
export function errorOutcome(sellerSku: string, err: ChannelError): ItemOutcome {
  return failedItem(sellerSku, err.errorClass === "permanent" ? "permanent" : "transient", err.code, err.message);
}

/**
 * Rethrows what must stop the whole channel (throttling, expired auth, anything not a channel error), so a batch
 * records only per-item failures.
 */
export function rethrowChannelStop(err: unknown): asserts err is ChannelError {
  if (!isChannelError(err) || err.errorClass === "throttled" || err.errorClass === "auth_expired") throw err;
}

/** A write the channel took without reporting its result: pending, with the SKUs as sent. */
export function pendingResult(listing: CanonicalListing, itemId: string): PushResult {
  return {
    itemId,
    status: "pending",
    skus: listing.variants.map((v) => ({ sellerSku: v.sellerSku, price: v.price, quantity: v.quantity })),
  };
}
