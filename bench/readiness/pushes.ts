/**
 * Upload-once and the cost of the readiness pipeline on pushes, through the whole engine (outbox -> relay -> queues ->
 * workers -> adapters -> simulators enforcing readiness) on the two channels with an image store of their own that
 * the bench can count exactly: Daraz (/images/migrate, Daraz downloads the source itself) and Alibaba.com (photobank
 * upload, one image per call).
 *
 * 1. Cold creates: N products whose 2 x N images are K distinct pictures (products i and i + K/2 share theirs), none
 *    fetched or uploaded yet. Counted: pictures each channel received, source fetches (engine and channel), calls.
 * 2. Warm creates: N more products showing the same K pictures: images and attributes all cached.
 * 3. Delta: the first N products' English titles change (content only, no media): the listings are updated with
 *    every readiness input cached.
 */
import type { Phase } from "../sync/env.js";
import { openPhase, progress } from "../sync/env.js";
import { insertOutbox, seedProducts } from "../sync/seed.js";
import { converge, heldCounts, listingStates, round } from "../sync/throughput.js";

export interface PushOptions {
  products: number;
  distinctImages: number;
  variants: number;
  pushConcurrency: number;
}

interface Snapshot {
  engineFetches: number;
  channelFetches: number;
  counts: Record<string, Record<string, number>>;
  stored: Record<string, number>;
  uploadRows: Record<string, number>;
}

const storeSize = (phase: Phase, channel: string): number => {
  const sim = phase.accounts.find((a) => a.channel === channel)?.sim as unknown as
    | { uploadedImages?: () => unknown[] }
    | undefined;
  return sim?.uploadedImages?.().length ?? 0;
};

async function snapshot(phase: Phase): Promise<Snapshot> {
  const rows = await phase.rt.db.mediaUpload.groupBy({ by: ["channelAccountId"], _count: { _all: true } });
  const byAccount = new Map(rows.map((r) => [r.channelAccountId, r._count._all]));
  const fetches = phase.fetches?.counts() ?? { engine: 0, others: 0 };
  return {
    engineFetches: fetches.engine,
    channelFetches: fetches.others,
    counts: Object.fromEntries(phase.accounts.map((a) => [a.channel, a.sim.counts()])),
    stored: Object.fromEntries(phase.accounts.map((a) => [a.channel, storeSize(phase, a.channel)])),
    uploadRows: Object.fromEntries(phase.accounts.map((a) => [a.channel, byAccount.get(a.id) ?? 0])),
  };
}

const count = (s: Snapshot, channel: string, path: string) => s.counts[channel]?.[path] ?? 0;

/** Images each channel was sent for its store between two snapshots, and what it holds after. */
function uploadsBetween(before: Snapshot, after: Snapshot) {
  return {
    // Daraz downloads every image named in /images/migrate itself: its fetches are the images it was sent.
    daraz: {
      imagesSent: after.channelFetches - before.channelFetches,
      migrateCalls: count(after, "daraz", "/images/migrate") - count(before, "daraz", "/images/migrate"),
      statusPolls: count(after, "daraz", "/image/response/get") - count(before, "daraz", "/image/response/get"),
      storeHolds: after.stored.daraz ?? 0,
      uploadRows: after.uploadRows.daraz ?? 0,
    },
    alibaba: {
      imagesSent:
        count(after, "alibaba", "/alibaba/icbu/photobank/upload") -
        count(before, "alibaba", "/alibaba/icbu/photobank/upload"),
      storeHolds: after.stored.alibaba ?? 0,
      uploadRows: after.uploadRows.alibaba ?? 0,
    },
  };
}

const totalCalls = (before: Snapshot, after: Snapshot) => {
  let n = 0;
  for (const [channel, counts] of Object.entries(after.counts)) {
    for (const [path, v] of Object.entries(counts)) n += v - (before.counts[channel]?.[path] ?? 0);
  }
  return n;
};

async function remoteCount(phase: Phase): Promise<number> {
  return phase.rt.db.listing.count({ where: { remoteItemId: { not: null } } });
}

export async function pushCosts(opts: PushOptions) {
  if (opts.distinctImages % 2 !== 0 || opts.distinctImages < 2)
    throw new Error("distinct images must be even (2 per product)");
  const pool = opts.distinctImages / 2;
  const phase = await openPhase("readiness", {
    channels: ["daraz", "alibaba"],
    imagePool: pool,
    countFetches: true,
    env: { PUSH_CONCURRENCY: String(opts.pushConcurrency) },
  });
  try {
    const channels = phase.channels.length;
    const seed = (start: number) =>
      seedProducts(phase.pool, phase.base, {
        start,
        count: opts.products,
        variants: opts.variants,
        images: phase.images,
        idPrefix: "rp",
        skuPrefix: "RD",
        outbox: true,
        chunk: 500,
      });
    const settle = async (expected: number, what: string) => {
      const t0 = performance.now();
      await converge(phase, async () => (await remoteCount(phase)) >= expected, `${what} creates`, 10 * 60_000);
      const seconds = (performance.now() - t0) / 1000;
      // Reviews end (listings go live) and the queues drain before the next step.
      await converge(
        phase,
        async () => (await phase.rt.db.listing.count({ where: { state: "live" } })) >= expected && (await phase.idle()),
        `${what} reviews`,
        5 * 60_000,
      );
      return seconds;
    };

    // ---- 1. cold creates
    const coldIds = await seed(0);
    const s0 = await snapshot(phase);
    progress(
      `readiness: cold creates of ${opts.products} products x ${channels} channels (${opts.distinctImages} pictures, none cached)`,
    );
    const workersStart = performance.now();
    await phase.startWorkers();
    const coldSeconds = await settle(opts.products * channels, "cold");
    progress(
      `readiness: cold creates in ${coldSeconds.toFixed(1)} s (workers started ${((performance.now() - workersStart) / 1000).toFixed(1)} s ago)`,
    );
    const s1 = await snapshot(phase);

    // ---- 2. warm creates: same pictures, new products
    await seed(opts.products);
    const warmSeconds = await settle(2 * opts.products * channels, "warm");
    progress(`readiness: warm creates in ${warmSeconds.toFixed(1)} s`);
    const s2 = await snapshot(phase);

    // ---- 3. content-only delta of the cold products
    await phase.pool.query("DROP TABLE IF EXISTS bench_content_before");
    await phase.pool.query("CREATE TABLE bench_content_before AS SELECT id, content_hash FROM listing");
    const deltaStart = performance.now();
    const client = await phase.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(
        `UPDATE product_content SET title = replace(title, 'Export Quality', 'Export Grade'), version = version + 1,
           updated_at = now() WHERE locale = 'en' AND product_id = ANY($1::text[])`,
        [coldIds],
      );
      await insertOutbox(client, phase.base.exporterId, coldIds, "product.updated", ["content"]);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    const changedCount = async () => {
      const { rows } = await phase.pool.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM listing l JOIN bench_content_before b USING (id)
         WHERE l.content_hash IS DISTINCT FROM b.content_hash`,
      );
      return Number(rows[0]?.n ?? 0);
    };
    const deltaExpected = opts.products * channels;
    await converge(
      phase,
      async () => (await changedCount()) >= deltaExpected && (await phase.idle()),
      "content delta",
      10 * 60_000,
    );
    const deltaSeconds = (performance.now() - deltaStart) / 1000;
    progress(`readiness: content delta in ${deltaSeconds.toFixed(1)} s`);
    const s3 = await snapshot(phase);

    const states = await listingStates(phase);
    const held = heldCounts(states);
    if (Object.keys(held).length > 0) progress(`readiness: held or failed listings: ${JSON.stringify(held)}`);
    const images = 2 * opts.products;
    const perSec = (listings: number, seconds: number) => round(listings / seconds, 1);
    const cold = uploadsBetween(s0, s1);
    const coldPerSec = perSec(opts.products * channels, coldSeconds);
    const warmPerSec = perSec(opts.products * channels, warmSeconds);
    const deltaPerSec = perSec(deltaExpected, deltaSeconds);
    return {
      uploadOnce: {
        channels: phase.channels,
        products: opts.products,
        variants: opts.variants,
        imagesPerProduct: 2,
        distinctImages: opts.distinctImages,
        /** One upload per image per listing: what a pipeline without the upload cache sends each channel. */
        naiveUploadsPerChannel: images,
        uploads: cold,
        uploadsEqualDistinct:
          cold.daraz.imagesSent === opts.distinctImages && cold.alibaba.imagesSent === opts.distinctImages,
        sourceFetches: {
          engine: s1.engineFetches - s0.engineFetches,
          byChannels: s1.channelFetches - s0.channelFetches,
          /** Without the asset table: one fetch per image per listing push. */
          naiveEngine: images * channels,
        },
        warmCreates: {
          products: opts.products,
          uploads: uploadsBetween(s1, s2),
          engineFetches: s2.engineFetches - s1.engineFetches,
        },
        channelCallsCold: totalCalls(s0, s1),
      },
      pushCost: {
        listings: opts.products * channels,
        coldCreatesPerSec: coldPerSec,
        warmCreatesPerSec: warmPerSec,
        contentDeltaPerSec: deltaPerSec,
        coldToWarmRatio: round(coldPerSec / warmPerSec, 3),
        seconds: { cold: round(coldSeconds, 2), warm: round(warmSeconds, 2), delta: round(deltaSeconds, 2) },
        channelCalls: { cold: totalCalls(s0, s1), warm: totalCalls(s1, s2), delta: totalCalls(s2, s3) },
        deltaUploads: uploadsBetween(s2, s3),
        deltaEngineFetches: s3.engineFetches - s2.engineFetches,
      },
      held,
      listingStates: states,
    };
  } finally {
    await phase.close();
  }
}
