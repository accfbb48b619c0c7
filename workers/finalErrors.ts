import { UnrecoverableError } from "bullmq";
import { AuthExpiredError, isChannelError } from "../adapters/core/errors.js";

/**
 * For maintenance jobs (reconcile, taxonomy refresh): an expired token or a permanent channel answer will not pass on
 * a retry, so BullMQ is told not to retry it; anything else is retried with the job's backoff.
 */
export function rethrowForRetry(err: unknown): never {
  if (err instanceof AuthExpiredError || (isChannelError(err) && err.errorClass === "permanent")) {
    throw new UnrecoverableError(err.message);
  }
  throw err;
}
