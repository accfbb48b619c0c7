/**
 * No-op resync: a large catalog on one channel whose listings already hold exactly the hashes the channel accepted.
 * resyncAccount must read everything, enqueue nothing and make no channel call.
 *
 * The first BENCH_IMAGE_POOL products are pushed for real, so every picture of the catalog is fetched, recorded and
 * uploaded to Daraz's image store the way a sync leaves it; the rest are bulk-inserted with listings hashed by the
 * real builder with the account's stored taxonomy and mappings and the uploaded images' Daraz URLs, so the scan does
 * all its readiness work (attribute mapping, image cache look-ups) and still finds nothing to push.
 */
import { type CatalogProduct, productInclude, toCatalogProduct } from "../../src/catalog/catalogProduct.js";
import { buildListing } from "../../src/listing/buildListing.js";
import { hashParts } from "../../src/listing/hashParts.js";
import { latestRates } from "../../src/localize/fxRates.js";
import { buildOptions, inputsForPage, type ListingInputs, resyncAccount } from "../../src/sync/resync.js";
import { loadReadiness } from "../../src/taxonomy/loadReadiness.js";
import { benchImagePool, openPhase, progress, sleep } from "./env.js";
import { asCatalogProduct } from "./generate.js";
import { insertUnnest, seedProducts } from "./seed.js";
import { converge, round } from "./throughput.js";

export interface ResyncOptions {
  products: number;
  variants: number;
}

export interface ResyncBenchResult {
  products: number;
  calls: number;
  seconds: number;
  enqueued: number;
  scanned: number;
  productsPerSec: number;
  /** Products, their children and their accepted listings, bulk-inserted. */
  seedSeconds: number;
  /** Products pushed for real first, so every picture is in the asset and upload tables. */
  pushedFirst: number;
  /** Distinct pictures the catalog shows, all uploaded to Daraz once. */
  distinctImages: number;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export async function noopResync(opts: ResyncOptions): Promise<ResyncBenchResult> {
  // Without a pool every product would need its own pictures pushed first; the phase shares them instead.
  const pool = Math.min(benchImagePool() || 100, opts.products);
  const phase = await openPhase("resync", { channels: ["daraz"], imagePool: pool });
  try {
    const acc = phase.accounts[0];
    if (!acc) throw new Error("resync: no Daraz simulator/adapter");
    const { db } = phase.rt;

    // Products 0..pool-1 go through the engine: images fetched, checked, uploaded once; listings live.
    progress(`resync: pushing the first ${pool} products for real (every picture of the catalog)`);
    await seedProducts(phase.pool, phase.base, {
      count: pool,
      variants: opts.variants,
      images: phase.images,
      idPrefix: "rp",
      skuPrefix: "RS",
      outbox: true,
    });
    await phase.startWorkers();
    await converge(
      phase,
      async () => (await db.listing.count({ where: { state: "live" } })) >= pool && (await phase.idle()),
      "resync warm-up pushes",
      5 * 60_000,
    );

    const account = await phase.rt.accounts.get(acc.id);
    const readiness = await loadReadiness(db, acc.id);
    const pricing = { fx: await latestRates(db), now: new Date() };
    // What a push shows for each picture: its Daraz URL (asset by source URL, upload by content hash).
    const [assets, uploads] = await Promise.all([
      db.mediaAsset.findMany({ select: { sourceUrl: true, contentHash: true } }),
      db.mediaUpload.findMany({ where: { channelAccountId: acc.id }, select: { contentHash: true, remoteUrl: true } }),
    ]);
    const remoteOf = new Map(uploads.map((u) => [u.contentHash, u.remoteUrl]));
    const channelUrl = new Map(assets.map((a) => [a.sourceUrl, remoteOf.get(a.contentHash)]));
    const hashesOf = (product: CatalogProduct, inputs: ListingInputs) => {
      const built = buildListing(product, account.profile, pricing, buildOptions(account, inputs));
      if (!built.ok) throw new Error(`resync: product ${product.sku} is not buildable: ${JSON.stringify(built.holds)}`);
      return { listing: built.listing, hashes: hashParts(built.listing) };
    };
    const seededInputs = (product: CatalogProduct): ListingInputs => {
      const images = product.media.map((m) => channelUrl.get(m.url));
      if (images.some((u) => u === undefined)) throw new Error(`resync: ${product.sku} shows a picture never uploaded`);
      return { readiness, images: images as string[] };
    };

    // The listings the channel "already accepted": the real builder and part hashes, computed for each chunk of
    // products as it is written and stored with a remote item id in the same transaction.
    const rest = opts.products - pool;
    progress(`resync: seeding ${rest} more products x ${opts.variants} variants with their accepted listings`);
    const seedStart = performance.now();
    let lastLog = 0;
    await seedProducts(phase.pool, phase.base, {
      start: pool,
      count: rest,
      variants: opts.variants,
      images: phase.images,
      idPrefix: "rp",
      skuPrefix: "RS",
      outbox: false,
      chunk: 2500,
      parallel: 3,
      onProgress: (done) => {
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          progress(`resync: ${done}/${rest} products seeded`);
        }
      },
      afterChunk: async (client, products) => {
        const rows = products.map(([id, gen]) => {
          const product = asCatalogProduct(id, phase.base.exporterId, gen);
          const { listing, hashes: h } = hashesOf(product, seededInputs(product));
          const itemId = String(800_000_000 + Number(id.slice(2)));
          const skuIds = Object.fromEntries(listing.variants.map((v, i) => [v.sellerSku, `${itemId}${i}`]));
          return [`${id}l`, id, acc.id, itemId, h.content, h.price, h.stock, h.media, JSON.stringify(skuIds)];
        });
        await insertUnnest(
          client,
          "listing",
          [
            ["id", "text"],
            ["product_id", "text"],
            ["channel_account_id", "text"],
            ["remote_item_id", "text"],
            ["content_hash", "text"],
            ["price_hash", "text"],
            ["stock_hash", "text"],
            ["media_hash", "text"],
            ["remote_skus", "jsonb"],
          ],
          rows,
          { state: `'live'::"ListingState"`, remote_status: "'live'", last_pushed_at: "now()", updated_at: "now()" },
        );
      },
    });
    const seedSeconds = (performance.now() - seedStart) / 1000;

    // Check the shortcut: a sample read back through the real loader must hash exactly as stored.
    const sample = await db.product.findMany({
      include: { ...productInclude, listings: true },
      orderBy: { id: "asc" },
      take: Math.min(opts.products, 1000),
    });
    // Read back and judged exactly as the scan does (inputsForPage: stored readiness, cached channel images); the
    // pushed products in the sample were hashed by their real pushes.
    const sampleProducts = sample.map(toCatalogProduct);
    const sampleInputs = await inputsForPage(db, account, readiness, sampleProducts);
    const mismatched = sample.filter((row, i) => {
      const product = sampleProducts[i] as CatalogProduct;
      const h = hashesOf(product, sampleInputs(product.id)).hashes;
      const l = row.listings[0];
      return (
        !l ||
        l.contentHash !== h.content ||
        l.priceHash !== h.price ||
        l.stockHash !== h.stock ||
        l.mediaHash !== h.media
      );
    });
    if (mismatched.length > 0) {
      throw new Error(`resync: ${mismatched.length}/${sample.length} seeded listings do not hash like their products`);
    }
    progress(
      `resync: seeded in ${seedSeconds.toFixed(1)} s (sample of ${sample.length} verified); running resyncAccount`,
    );

    // Workers run, so anything the resync enqueued would reach the channel and show in its counts.
    const before = sum(acc.sim.counts());
    const start = performance.now();
    const result = await resyncAccount(db, account, (jobs) =>
      phase.rt.queues.enqueuePushes(
        "daraz",
        jobs.map((data) => ({ data })),
      ),
    );
    const seconds = (performance.now() - start) / 1000;
    await sleep(phase.config.COALESCE_MS + 500);
    await phase.waitIdle(120_000, "after resync");
    const calls = sum(acc.sim.counts()) - before;
    progress(
      `resync: scanned ${result.scanned} in ${seconds.toFixed(1)} s, enqueued ${result.enqueued}, calls ${calls}`,
    );
    return {
      products: opts.products,
      calls,
      seconds: round(seconds, 2),
      enqueued: result.enqueued,
      scanned: result.scanned,
      productsPerSec: round(result.scanned / seconds),
      seedSeconds: round(seedSeconds, 1),
      pushedFirst: pool,
      distinctImages: 2 * pool,
    };
  } finally {
    await phase.close();
  }
}
