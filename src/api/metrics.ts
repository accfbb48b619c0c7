import client from "prom-client";
import type { Db } from "../db.js";
import type { ChannelQueues } from "../sync/queues.js";

/** Prometheus metrics read at scrape time from the queues and the database, so they are never stale. */
export function createMetrics(db: Db, queues: ChannelQueues): client.Registry {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });

  new client.Gauge({
    name: "tijarat_queue_jobs",
    help: "Jobs per channel queue and state",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of queues.all()) {
        const counts = await queue.getJobCounts("waiting", "active", "delayed", "failed", "completed", "prioritized");
        for (const [state, n] of Object.entries(counts)) this.set({ queue: queue.name, state }, n);
      }
    },
  });

  new client.Gauge({
    name: "tijarat_listings",
    help: "Listings per channel and state",
    labelNames: ["channel", "state"],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.$queryRaw<{ channel: string; state: string; n: bigint }[]>`
        SELECT a.channel, l.state::text AS state, count(*) AS n
        FROM listing l JOIN channel_account a ON a.id = l.channel_account_id
        GROUP BY 1, 2`;
      for (const r of rows) this.set({ channel: r.channel, state: r.state }, Number(r.n));
    },
  });

  new client.Gauge({
    name: "tijarat_listing_gaps",
    help: "Held listings per channel and gap kind (category, attribute, media, translation, ...)",
    labelNames: ["channel", "kind"],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.$queryRaw<{ channel: string; kind: string; n: bigint }[]>`
        SELECT a.channel, h->>'kind' AS kind, count(DISTINCT l.id) AS n
        FROM listing l JOIN channel_account a ON a.id = l.channel_account_id,
             jsonb_array_elements(l.holds) h
        WHERE l.state IN ('incomplete', 'needs_translation')
        GROUP BY 1, 2`;
      for (const r of rows) this.set({ channel: r.channel, kind: r.kind ?? "unknown" }, Number(r.n));
    },
  });

  new client.Gauge({
    name: "tijarat_media_uploads",
    help: "Images in each channel's own store, uploaded once per content hash",
    labelNames: ["channel"],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.$queryRaw<{ channel: string; n: bigint }[]>`
        SELECT a.channel, count(*) AS n
        FROM media_upload u JOIN channel_account a ON a.id = u.channel_account_id
        GROUP BY 1`;
      for (const r of rows) this.set({ channel: r.channel }, Number(r.n));
    },
  });

  new client.Gauge({
    name: "tijarat_outbox_pending",
    help: "Outbox events not yet relayed",
    registers: [registry],
    async collect() {
      this.set(await db.outboxEvent.count({ where: { processedAt: null } }));
    },
  });

  return registry;
}
