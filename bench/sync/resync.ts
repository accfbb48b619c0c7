/**
 * No-op resync: a large catalog on one channel whose listings already hold exactly the hashes the channel accepted.
 * resyncAccount must read everything, enqueue nothing and make no channel call.
 */
import { type CatalogProduct, productInclude, toCatalogProduct } from "../../src/catalog/catalogProduct.js";
import { buildListing } from "../../src/listing/buildListing.js";
import { hashParts } from "../../src/listing/hashParts.js";
import { latestRates } from "../../src/localize/fxRates.js";
import { resyncAccount } from "../../src/sync/resync.js";
import { openPhase, progress, sleep } from "./env.js";
import { asCatalogProduct } from "./generate.js";
import { insertUnnest, seedProducts } from "./seed.js";
import { round } from "./throughput.js";

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
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export async function noopResync(opts: ResyncOptions): Promise<ResyncBenchResult> {
  const phase = await openPhase("resync", { channels: ["daraz"] });
  try {
    const acc = phase.accounts[0];
    if (!acc) throw new Error("resync: no Daraz simulator/adapter");
    const { db } = phase.rt;
    const account = await phase.rt.accounts.get(acc.id);
    const pricing = { fx: await latestRates(db), now: new Date() };
    const hashesOf = (product: CatalogProduct) => {
      const built = buildListing(product, account.profile, pricing);
      if (!built.ok) throw new Error(`resync: product ${product.sku} is not buildable: ${JSON.stringify(built.holds)}`);
      return { listing: built.listing, hashes: hashParts(built.listing) };
    };

    // The listings the channel "already accepted": the real builder and part hashes, computed for each chunk of
    // products as it is written and stored with a remote item id in the same transaction.
    progress(`resync: seeding ${opts.products} products x ${opts.variants} variants with their accepted listings`);
    const seedStart = performance.now();
    let lastLog = 0;
    await seedProducts(phase.pool, phase.base, {
      count: opts.products,
      variants: opts.variants,
      idPrefix: "rp",
      skuPrefix: "RS",
      outbox: false,
      chunk: 2500,
      parallel: 3,
      onProgress: (done) => {
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          progress(`resync: ${done}/${opts.products} products seeded`);
        }
      },
      afterChunk: async (client, products) => {
        const rows = products.map(([id, gen]) => {
          const { listing, hashes: h } = hashesOf(asCatalogProduct(id, phase.base.exporterId, gen));
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
    const mismatched = sample.filter((row) => {
      const h = hashesOf(toCatalogProduct(row)).hashes;
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
    await phase.startWorkers();
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
    };
  } finally {
    await phase.close();
  }
}
