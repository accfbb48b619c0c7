import { isChannelError } from "../../adapters/core/errors.js";
import type { Db } from "../db.js";

export interface CallTarget {
  channelAccountId: string;
  listingId?: string | null;
}

/** Runs one channel call and writes its audit row (when, which call, outcome, duration, error class, message). */
export async function recordCall<T>(db: Db, target: CallTarget, call: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const write = (outcome: string, err?: unknown) =>
    db.channelCall.create({
      data: {
        channelAccountId: target.channelAccountId,
        listingId: target.listingId ?? null,
        call,
        outcome,
        durationMs: Math.round(performance.now() - started),
        errorClass: err === undefined ? null : isChannelError(err) ? err.errorClass : "unexpected",
        errorCode: isChannelError(err) ? (err.code ?? null) : null,
        message: err instanceof Error ? err.message.slice(0, 2000) : null,
      },
    });
  try {
    const result = await fn();
    await write("ok");
    return result;
  } catch (err) {
    await write("error", err);
    throw err;
  }
}
