/**
 * Reconciliation benchmark: one Daraz account whose channel shows 100,000 listings.
 *
 *   npm run bench:reconcile            (BENCH_RECONCILE_N=20000 for a quicker run)
 *
 * The catalog side is bulk-inserted (INSERT ... SELECT FROM unnest) into a fresh database; the channel side is loaded
 * straight into the Daraz simulator (seedListings), then a report-only run pages through the channel over HTTP exactly
 * as the nightly job does. A little drift is planted so the classifier has work: every 100th price differs, every
 * 500th listing is missing on the channel, and as many orphans as missing listings keep the remote count at N.
 * Prints one JSON object.
 */
import "../adapters/index.js";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { DARAZ_LIMITS } from "../adapters/daraz/capabilities.js";
import { type SeedListing, startDarazSimulator } from "../adapters/daraz/simulator/index.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { bytesForUpload, inspectImages, saveUploads } from "../src/media/channelImages.js";
import { startSampleImageHost } from "../src/media/sampleImageHost.js";
import { reconcileAccount } from "../src/reconcile/run.js";
import { createRuntime } from "../src/runtime.js";
import { databaseName, dropDatabase, migrateDeploy, recreateDatabase, withDatabase } from "../src/services.js";
import { createChannelAccount } from "../src/sync/channelAccounts.js";
import { refreshTaxonomy } from "../src/taxonomy/refreshTaxonomy.js";

const N = Number(process.env.BENCH_RECONCILE_N ?? 100_000);
/** Distinct pictures (BENCH_IMAGE_POOL; 0 or unset: 100): one picture per product would mean drawing 100,000. */
const POOL = Number(process.env.BENCH_IMAGE_POOL) > 0 ? Math.floor(Number(process.env.BENCH_IMAGE_POOL)) : 100;
const progress = (msg: string) =>
  process.stderr.write(`[bench:reconcile ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const pad = (i: number) => String(i).padStart(7, "0");
const sku = (i: number) => `BR-${pad(i)}`;
const price = (i: number) => `${1000 + (i % 900) * 10}.00`;
const quantity = (i: number) => (i * 7) % 500;
const title = (i: number) => `Hand-stitched match football ${pad(i)}`;
/** Set once the image host listens: product i's picture (products i and i + POOL share it). */
let imageBase = "";
const image = (i: number) => `${imageBase}/br/ball-${String(i % POOL).padStart(4, "0")}.jpg?w=800&h=800`;
const missingOnChannel = (i: number) => i % 500 === 250;
const priceDrift = (i: number) => i % 100 === 7;

async function insertUnnest(
  client: pg.PoolClient,
  table: string,
  cols: [name: string, type: "text" | "int" | "numeric" | "jsonb"][],
  rows: unknown[][],
  extra: Record<string, string> = {},
): Promise<void> {
  const names = [...cols.map(([n]) => n), ...Object.keys(extra)].map((n) => `"${n}"`).join(", ");
  const select = [...cols.map(([, t], j) => (t === "jsonb" ? `c${j}::jsonb` : `c${j}`)), ...Object.values(extra)];
  const arrays = cols.map(([, t], j) => `$${j + 1}::${t === "jsonb" ? "text" : t}[]`).join(", ");
  const aliases = cols.map((_, j) => `c${j}`).join(", ");
  await client.query(
    `INSERT INTO "${table}" (${names}) SELECT ${select.join(", ")} FROM unnest(${arrays}) AS t(${aliases})`,
    cols.map((_, j) => rows.map((r) => r[j])),
  );
}

async function seedCatalog(pool: pg.Pool, exporterId: string, categoryId: string, warehouseId: string): Promise<void> {
  const chunk = 10_000;
  for (let start = 0; start < N; start += chunk) {
    const idx = Array.from({ length: Math.min(chunk, N - start) }, (_, k) => start + k);
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await insertUnnest(
        client,
        "product",
        [
          ["id", "text"],
          ["exporter_id", "text"],
          ["sku", "text"],
          ["category_id", "text"],
          ["brand", "text"],
          ["base_price_pkr", "numeric"],
        ],
        idx.map((i) => [`bp${pad(i)}`, exporterId, sku(i), categoryId, "Sialkot Crafts", price(i)]),
        { updated_at: "now()" },
      );
      await insertUnnest(
        client,
        "variant",
        [
          ["id", "text"],
          ["product_id", "text"],
          ["exporter_id", "text"],
          ["seller_sku", "text"],
          ["options", "jsonb"],
          ["length_cm", "numeric"],
          ["width_cm", "numeric"],
          ["height_cm", "numeric"],
          ["weight_kg", "numeric"],
        ],
        idx.map((i) => [
          `bv${pad(i)}`,
          `bp${pad(i)}`,
          exporterId,
          `${sku(i)}-W`,
          '{"color":"White"}',
          23,
          23,
          23,
          0.45,
        ]),
        { updated_at: "now()" },
      );
      await insertUnnest(
        client,
        "stock",
        [
          ["variant_id", "text"],
          ["warehouse_id", "text"],
          ["quantity", "int"],
        ],
        idx.map((i) => [`bv${pad(i)}`, warehouseId, quantity(i)]),
        { updated_at: "now()" },
      );
      await insertUnnest(
        client,
        "product_content",
        [
          ["id", "text"],
          ["product_id", "text"],
          ["locale", "text"],
          ["title", "text"],
          ["description", "text"],
        ],
        idx.map((i) => [`bc${pad(i)}`, `bp${pad(i)}`, "en", title(i), "<p>32 panels, butyl bladder</p>"]),
        { updated_at: "now()" },
      );
      await insertUnnest(
        client,
        "product_media",
        [
          ["id", "text"],
          ["product_id", "text"],
          ["position", "int"],
          ["url", "text"],
        ],
        idx.map((i) => [`bm${pad(i)}`, `bp${pad(i)}`, 0, image(i)]),
      );
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK");
      throw err;
    } finally {
      client.release();
    }
  }
}

async function main(): Promise<void> {
  const base = loadConfig();
  const url = withDatabase(base.DATABASE_URL, `${databaseName(base.DATABASE_URL)}_bench_reconcile`);
  progress(`fresh database ${databaseName(url)}`);
  await recreateDatabase(url);
  await migrateDeploy(url);
  const images = await startSampleImageHost();
  imageBase = images.url;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    QUEUE_PREFIX: `tijarat-bench-reconcile-${randomBytes(3).toString("hex")}`,
    // The image host listens on loopback: the fetcher reaches it only because it is listed here.
    MEDIA_ALLOWED_HOSTS: [process.env.MEDIA_ALLOWED_HOSTS, new URL(images.url).host].filter(Boolean).join(","),
  });
  const rt = createRuntime(config, createLogger("silent"), randomBytes(32));
  const sim = await startDarazSimulator({ maxPageSize: DARAZ_LIMITS.maxPageSize });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    const exporter = await rt.db.exporter.create({ data: { slug: "bench-reconcile", name: "Bench Exports" } });
    const category = await rt.db.category.create({
      data: { code: "sports-balls", name: "Balls", path: "sports-balls" },
    });
    const warehouse = await rt.db.warehouse.create({ data: { code: "SKT-1", name: "Sialkot" } });
    const account = await createChannelAccount(rt.db, rt.secretKey, {
      exporterId: exporter.id,
      channel: "daraz",
      baseUrl: sim.baseUrl,
      credentials: await sim.testCredentials(),
      settings: { categoryMap: { "sports-balls": "10000421" }, defaultAttributes: { warranty_type: "No Warranty" } },
    });
    // The taxonomy as the weekly refresh stores it: the tree and the attributes of the mapped leaf.
    const taxonomy = await refreshTaxonomy(rt, account.id);
    const channelUrls = await uploadPictures(rt, account.id);
    progress(
      `taxonomy: ${taxonomy.categories} categories, ${taxonomy.attributeCategories} with attributes; ${channelUrls.size} pictures fetched and uploaded to Daraz`,
    );

    let t0 = performance.now();
    await seedCatalog(pool, exporter.id, category.id, warehouse.id);
    const catalogSeconds = (performance.now() - t0) / 1000;
    progress(`catalog: ${N} products in ${catalogSeconds.toFixed(1)} s`);

    t0 = performance.now();
    const listings: SeedListing[] = [];
    let missing = 0;
    for (let i = 0; i < N; i++) {
      if (missingOnChannel(i)) {
        missing += 1;
        continue;
      }
      listings.push({
        title: title(i),
        images: [channelUrls.get(image(i)) ?? image(i)],
        skus: [{ sellerSku: `${sku(i)}-W`, price: priceDrift(i) ? "1.00" : price(i), quantity: quantity(i) }],
      });
    }
    for (let k = 0; k < missing; k++) {
      listings.push({
        title: `Made on Daraz ${k}`,
        skus: [{ sellerSku: `ORPHAN-${pad(k)}`, price: "99.00", quantity: 1 }],
      });
    }
    sim.seedListings(listings);
    const simSeconds = (performance.now() - t0) / 1000;
    const setupCalls = sim.counts();
    progress(`channel: ${listings.length} listings in ${simSeconds.toFixed(1)} s; reconciling`);

    const summary = await reconcileAccount(
      { db: rt.db, accounts: rt.accounts, queues: rt.queues, log: rt.log },
      account.id,
      { trigger: "cli", mode: "report" },
    );
    const items = await rt.db.reconcileItem.count({ where: { runId: summary.runId } });
    const result = {
      channel: "daraz",
      remoteListings: summary.remoteCount,
      expectedListings: summary.expectedCount,
      pagesFetched: summary.pagesFetched,
      minimumPages: Math.ceil(summary.remoteCount / DARAZ_LIMITS.maxPageSize),
      maxPageSize: DARAZ_LIMITS.maxPageSize,
      seconds: Number(summary.seconds.toFixed(2)),
      listingsPerSecond: Math.round(summary.remoteCount / summary.seconds),
      phases: {
        catalogSeconds: Number(summary.timings.catalogSeconds.toFixed(2)),
        channelSeconds: Number(summary.timings.channelSeconds.toFixed(2)),
      },
      itemsClassified: items,
      counts: summary.counts,
      planted: {
        priceDrift: Array.from({ length: N }, (_, i) => i).filter((i) => priceDrift(i) && !missingOnChannel(i)).length,
        missing,
        orphans: missing,
      },
      channelCalls: Object.fromEntries(
        Object.entries(sim.counts())
          .map(([path, n]) => [path, n - (setupCalls[path] ?? 0)] as const)
          .filter(([, n]) => n > 0),
      ),
      setupCalls,
      images: {
        distinct: channelUrls.size,
        // The engine's fetch of each picture plus Daraz fetching it to migrate it into its store.
        sourceFetches: [...channelUrls.keys()].reduce((sum, u) => sum + images.hits(new URL(u).pathname), 0),
      },
      seed: { catalogSeconds: Number(catalogSeconds.toFixed(2)), channelSeconds: Number(simSeconds.toFixed(2)) },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await pool.end();
    await sim.close();
    await images.close();
    await rt.close();
    await dropDatabase(url);
  }
}

/** Fetches, checks and uploads the POOL pictures once, as the pushes that created the listings did. */
async function uploadPictures(rt: ReturnType<typeof createRuntime>, accountId: string): Promise<Map<string, string>> {
  const account = await rt.accounts.get(accountId);
  const rules = account.adapter.capabilities.imageRules;
  const media = account.adapter.media;
  if (!rules || !media) throw new Error("Daraz adapter without image rules or image store");
  const urls = Array.from({ length: Math.min(POOL, N) }, (_, i) => image(i));
  const out = new Map<string, string>();
  const batches: string[][] = [];
  for (let i = 0; i < urls.length; i += rules.maxImages) batches.push(urls.slice(i, i + rules.maxImages));
  // Four batches at a time, as concurrent pushes would: Daraz migrates asynchronously and is polled for the result.
  const next = async (): Promise<void> => {
    const batch = batches.shift();
    if (!batch) return;
    await uploadBatch(batch);
    return next();
  };
  const uploadBatch = async (batch: string[]) => {
    const inspected = await inspectImages(rt.db, rt.media, batch, rules);
    if (inspected.holds.length > 0) throw new Error(`images refused: ${JSON.stringify(inspected.holds)}`);
    const outcomes = await media.uploadImages(await bytesForUpload(rt.media, inspected.assets, inspected.bytes));
    await saveUploads(
      rt.db,
      accountId,
      outcomes.flatMap((o) => (o.ok ? [{ contentHash: o.contentHash, url: o.url }] : [])),
    );
    inspected.assets.forEach((asset, k) => {
      const o = outcomes[k];
      if (!o?.ok) throw new Error(`upload of ${asset.sourceUrl} failed: ${JSON.stringify(o)}`);
      out.set(asset.sourceUrl, o.url);
    });
  };
  await Promise.all([next(), next(), next(), next()]);
  return out;
}

await main();
