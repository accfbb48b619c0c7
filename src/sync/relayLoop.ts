import pg from "pg";
import type { Db } from "../db.js";
import type { Logger } from "../logger.js";
import { drainOutbox, type Enqueue } from "./relay.js";

export const OUTBOX_CHANNEL = "tijarat_outbox";

export interface RelayLoopOptions {
  db: Db;
  databaseUrl: string;
  enqueue: Enqueue;
  log: Logger;
  /** Fallback poll, for notifications lost while the listener reconnects. */
  pollMs: number;
  batch?: number;
}

/**
 * Keeps the outbox drained: wakes at once on NOTIFY from the outbox insert trigger, and polls as a fallback.
 * Returns a stop function.
 */
export async function startRelayLoop(opts: RelayLoopOptions): Promise<() => Promise<void>> {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;

  const tick = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const moved = await drainOutbox(opts.db, opts.enqueue, opts.batch);
          if (moved > 0) opts.log.debug({ moved }, "outbox relayed");
        } catch (err) {
          opts.log.error({ err }, "outbox relay failed; will retry");
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };

  const listener = new pg.Client({ connectionString: opts.databaseUrl });
  listener.on("notification", tick);
  listener.on("error", (err) => opts.log.warn({ err }, "outbox listener connection lost; polling only"));
  await listener.connect();
  await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
  const timer = setInterval(tick, opts.pollMs);
  tick();

  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    await listener.end().catch(() => undefined);
  };
}
