/**
 * Creates and delta pushes through the whole engine: outbox -> relay -> channel queues -> push workers -> adapters ->
 * simulators, for every channel startSimulators() provides.
 */
import { openPhase, type Phase, progress, sleep } from "./env.js";
import { insertOutbox, seedProducts } from "./seed.js";

export interface ThroughputOptions {
  products: number;
  variants: number;
  pushConcurrency: number;
  coalesceMs: number;
}

export interface ThroughputResult {
  channels: string[];
  products: number;
  skus: number;
  seedSeconds: number;
  creates: { listings: number; seconds: number; perSec: number; perChannelSeconds: Record<string, number> };
  deltas: { listings: number; seconds: number; perSec: number; callsByChannel: Record<string, Record<string, number>> };
  darazPriceChange?: { skus: number; calls: number; ideal: number; skusPerCall: number };
  /** Listings per channel and state once the creates and reviews settled: all live, or what holds them. */
  listingStates: Record<string, Record<string, number>>;
  /** Listings held (incomplete, needs_translation) or failed after the creates, per channel; empty when none. */
  held: Record<string, number>;
  media: MediaFigures;
}

export interface MediaFigures {
  /** Distinct pictures the catalog shows (2 per product, shared when BENCH_IMAGE_POOL > 0). */
  distinctImages: number;
  /** Image URLs the engine fetched and recorded (media_asset rows). */
  assets: number;
  /** GET requests the image host served: the engine's fetches plus Daraz fetching what it migrates. */
  sourceFetches: number;
  /** Images in each channel's own store, uploaded by the engine (media_upload rows). */
  uploadsByChannel: Record<string, number>;
}

const scalar = async (phase: Phase, sql: string): Promise<number> => {
  const { rows } = await phase.pool.query<{ n: string }>(sql);
  return Number(rows[0]?.n ?? 0);
};

/** Listings per channel and state. */
export async function listingStates(phase: Phase): Promise<Record<string, Record<string, number>>> {
  const { rows } = await phase.pool.query<{ channel: string; state: string; n: string }>(
    `SELECT ca.channel, l.state::text AS state, count(*)::text AS n
     FROM listing l JOIN channel_account ca ON ca.id = l.channel_account_id GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const byState = out[r.channel] ?? {};
    byState[r.state] = Number(r.n);
    out[r.channel] = byState;
  }
  return out;
}

/** Held or failed listings per channel (channels with none are left out). */
export function heldCounts(states: Record<string, Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [channel, byState] of Object.entries(states)) {
    const n = (byState.incomplete ?? 0) + (byState.needs_translation ?? 0) + (byState.failed ?? 0);
    if (n > 0) out[channel] = n;
  }
  return out;
}

/** The media pipeline's work so far for a catalog of `products` products (see MediaFigures). */
export async function mediaFigures(phase: Phase, products: number): Promise<MediaFigures> {
  const { rows: assetRows } = await phase.pool.query<{ url: string }>("SELECT source_url AS url FROM media_asset");
  const { rows: uploadRows } = await phase.pool.query<{ channel: string; n: string }>(
    `SELECT ca.channel, count(*)::text AS n FROM media_upload u JOIN channel_account ca ON ca.id = u.channel_account_id
     GROUP BY 1 ORDER BY 1`,
  );
  // Every URL anyone fetched is one the engine recorded (Daraz migrates only URLs the engine sent it).
  const paths = new Set(assetRows.map((r) => new URL(r.url).pathname));
  let sourceFetches = 0;
  for (const p of paths) sourceFetches += phase.imageHost.hits(p);
  const pool = phase.images.pool;
  return {
    distinctImages: 2 * (pool > 0 ? Math.min(pool, products) : products),
    assets: assetRows.length,
    sourceFetches,
    uploadsByChannel: Object.fromEntries(uploadRows.map((r) => [r.channel, Number(r.n)])),
  };
}

/** What the listings look like when something does not converge: state, error, count. */
export async function listingDiagnosis(phase: Phase): Promise<string> {
  const { rows } = await phase.pool.query<{ channel: string; state: string; err: string | null; n: string }>(
    `SELECT ca.channel, l.state::text AS state, left(coalesce(l.error_message, l.holds::text), 200) AS err, count(*)::text AS n
     FROM listing l JOIN channel_account ca ON ca.id = l.channel_account_id
     GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT 12`,
  );
  return rows.map((r) => `${r.channel} ${r.state} x${r.n}${r.err && r.err !== "[]" ? `: ${r.err}` : ""}`).join("\n  ");
}

/**
 * Polls `done` every 100 ms; fails fast when the queues have been idle for 3 s without it (a listing held, failed or
 * parked), with a breakdown of listing states.
 */
export async function converge(phase: Phase, done: () => Promise<boolean>, what: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  let idleSince: number | undefined;
  for (;;) {
    if (await done()) return;
    if (await phase.idle()) idleSince ??= Date.now();
    else idleSince = undefined;
    if ((idleSince !== undefined && Date.now() - idleSince > 3000) || Date.now() > until) {
      throw new Error(`${phase.name}: ${what} did not converge:\n  ${await listingDiagnosis(phase)}`);
    }
    await sleep(100);
  }
}

const diffCounts = (before: Record<string, number>, after: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(after)
      .map(([k, v]) => [k, v - (before[k] ?? 0)] as const)
      .filter(([, v]) => v > 0),
  );

export async function throughput(opts: ThroughputOptions): Promise<ThroughputResult> {
  const phase = await openPhase("sync", {
    env: { PUSH_CONCURRENCY: String(opts.pushConcurrency), COALESCE_MS: String(opts.coalesceMs) },
  });
  try {
    const { channels } = phase;
    const expected = opts.products * channels.length;
    progress(`sync: channels ${channels.join(", ")}; seeding ${opts.products} products x ${opts.variants} variants`);
    const seedStart = performance.now();
    const productIds = await seedProducts(phase.pool, phase.base, {
      count: opts.products,
      variants: opts.variants,
      images: phase.images,
      idPrefix: "bp",
      skuPrefix: "BN",
      outbox: true,
      chunk: 1000,
    });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    progress(`sync: seeded in ${seedSeconds.toFixed(1)} s; starting workers (concurrency ${opts.pushConcurrency})`);

    // ---- creates: from starting the workers until every listing carries the channel's item id
    const createStart = performance.now();
    await phase.startWorkers();
    const perChannelSeconds: Record<string, number> = {};
    let lastLog = 0;
    await converge(
      phase,
      async () => {
        const { rows } = await phase.pool.query<{ channel: string; n: string }>(
          `SELECT ca.channel, count(*)::text AS n FROM listing l JOIN channel_account ca ON ca.id = l.channel_account_id
           WHERE l.remote_item_id IS NOT NULL GROUP BY 1`,
        );
        let total = 0;
        for (const r of rows) {
          total += Number(r.n);
          if (Number(r.n) >= opts.products && perChannelSeconds[r.channel] === undefined) {
            perChannelSeconds[r.channel] = round((performance.now() - createStart) / 1000, 2);
          }
        }
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          progress(`sync: ${total}/${expected} listings created`);
        }
        return total >= expected;
      },
      "creates",
      15 * 60_000,
    );
    const createSeconds = (performance.now() - createStart) / 1000;
    progress(`sync: ${expected} creates in ${createSeconds.toFixed(1)} s`);
    progress(`sync: create calls:\n  ${await callStats(phase)}`);

    // Reviews finish (listings go live) before prices move: Alibaba.com refuses edits while a product is in audit.
    await converge(
      phase,
      async () => (await scalar(phase, "SELECT count(*)::text AS n FROM listing WHERE state = 'live'")) >= expected,
      "reviews",
      5 * 60_000,
    );
    await phase.waitIdle(60_000, "after reviews");
    const states = await listingStates(phase);
    const held = heldCounts(states);
    if (Object.keys(held).length > 0) progress(`sync: held or failed listings: ${JSON.stringify(held)}`);
    const media = await mediaFigures(phase, opts.products);
    progress(`sync: media ${JSON.stringify(media)}`);

    // ---- delta: every variant's price rises 20 %; one price-only outbox row per product, in one transaction
    await snapshotPriceHashes(phase);
    const simBefore = new Map(phase.accounts.map((a) => [a.channel, a.sim.counts()]));
    const deltaStart = performance.now();
    const client = await phase.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(
        "UPDATE variant SET price_pkr = round(price_pkr * 1.2, 2), version = version + 1, updated_at = now()",
      );
      for (let i = 0; i < productIds.length; i += 5000) {
        await insertOutbox(client, phase.base.exporterId, productIds.slice(i, i + 5000), "product.updated", ["price"]);
      }
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    lastLog = performance.now();
    await converge(
      phase,
      async () => {
        const changed = await repricedCount(phase);
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          progress(`sync: ${changed}/${expected} listings re-priced`);
        }
        return changed >= expected && (await phase.idle());
      },
      "delta pushes",
      15 * 60_000,
    );
    const deltaSeconds = (performance.now() - deltaStart) / 1000;
    progress(`sync: ${expected} delta pushes in ${deltaSeconds.toFixed(1)} s`);
    progress(`sync: calls so far:\n  ${await callStats(phase)}`);
    const callsByChannel = Object.fromEntries(
      phase.accounts.map((a) => [a.channel, diffCounts(simBefore.get(a.channel) ?? {}, a.sim.counts())]),
    );
    const daraz = phase.accounts.find((a) => a.channel === "daraz");
    let darazPriceChange: ThroughputResult["darazPriceChange"];
    if (daraz) {
      const skus = await scalar(
        phase,
        `SELECT count(*)::text AS n FROM variant v JOIN listing l ON l.product_id = v.product_id
         WHERE l.channel_account_id = '${daraz.id}'`,
      );
      const calls = callsByChannel.daraz?.["/product/price_quantity/update"] ?? 0;
      darazPriceChange = { skus, calls, ideal: Math.ceil(skus / 50), skusPerCall: round(skus / Math.max(1, calls), 1) };
    }
    return {
      channels,
      products: opts.products,
      skus: opts.products * opts.variants,
      seedSeconds: round(seedSeconds, 2),
      creates: {
        listings: expected,
        seconds: round(createSeconds, 2),
        perSec: round(expected / createSeconds, 1),
        perChannelSeconds,
      },
      deltas: {
        listings: expected,
        seconds: round(deltaSeconds, 2),
        perSec: round(expected / deltaSeconds, 1),
        callsByChannel,
      },
      ...(darazPriceChange ? { darazPriceChange } : {}),
      listingStates: states,
      held,
      media,
    };
  } finally {
    await phase.close();
  }
}

/** Channel calls recorded so far, per channel and call: count, mean and p95 duration. */
export async function callStats(phase: Phase): Promise<string> {
  const { rows } = await phase.pool.query<{
    channel: string;
    call: string;
    outcome: string;
    n: string;
    avg: string;
    p95: string;
  }>(
    `SELECT ca.channel, c.call, c.outcome, count(*)::text AS n, round(avg(c.duration_ms))::text AS avg,
            percentile_disc(0.95) WITHIN GROUP (ORDER BY c.duration_ms)::text AS p95
     FROM channel_call c JOIN channel_account ca ON ca.id = c.channel_account_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  );
  return rows.map((r) => `${r.channel} ${r.call} ${r.outcome} x${r.n}: mean ${r.avg} ms, p95 ${r.p95} ms`).join("\n  ");
}

/** Remembers every listing's accepted price hash, so repricedCount() can tell which ones a change reached. */
export async function snapshotPriceHashes(phase: Phase): Promise<void> {
  await phase.pool.query("DROP TABLE IF EXISTS bench_price_before");
  await phase.pool.query("CREATE TABLE bench_price_before AS SELECT id, price_hash FROM listing");
}

export const repricedCount = (phase: Phase): Promise<number> =>
  scalar(
    phase,
    `SELECT count(*)::text AS n FROM listing l JOIN bench_price_before b USING (id)
     WHERE l.price_hash IS DISTINCT FROM b.price_hash`,
  );

export const round = (v: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
