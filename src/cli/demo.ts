import { join } from "node:path";
import { type RunningSimulators, startSimulators } from "../../adapters/simulators.js";
import "../../adapters/index.js";
import type { SimulatorHandle } from "../../adapters/core/simulator/types.js";
import type { RemoteListing } from "../../adapters/core/types.js";
import { startFeedConsumerSimulator } from "../../adapters/feed/simulator/index.js";
import { buildServer } from "../api/server.js";
import { readSeedFile, seedCatalog } from "../catalog/seedCatalog.js";
import { loadConfig } from "../config.js";
import { recordRate } from "../localize/fxRates.js";
import { createLogger } from "../logger.js";
import { startSampleImageHost } from "../media/sampleImageHost.js";
import { createRuntime, type Runtime, startWorkers } from "../runtime.js";
import { resolveSecretKey } from "../secretKey.js";
import { checkPostgres, checkRedis, databaseName, migrateDeploy, recreateDatabase, withDatabase } from "../services.js";
import { createChannelAccount } from "../sync/channelAccounts.js";
import { demoChannelSettings, demoRates } from "./demoChannels.js";
import { demoDeltaEdit } from "./demoEdit.js";
import {
  type DemoAccount,
  demoMediaSummary,
  demoSuggestions,
  demoTaxonomies,
  demoValueMapping,
  importDemoMappings,
  rehostMedia,
} from "./demoReadiness.js";
import { type ReportRow, renderReport } from "./report.js";
import { waitForSettled } from "./waitForSettled.js";

const projectRoot = join(import.meta.dirname, "..", "..");
const say = (text: string) => console.log(`• ${text}`);

/**
 * The whole path on one machine: a fresh demo database and queue prefix, the channel simulators, the workers, a seeded
 * catalog synced to every channel, and a report of what each channel now shows, read back from the channel.
 */
export async function runDemo(opts: { keep: boolean; catalog?: string }): Promise<void> {
  const started = performance.now();
  const base = loadConfig();
  say("checking PostgreSQL and Redis");
  await checkPostgres(base.DATABASE_URL);
  await checkRedis(base.REDIS_URL);

  // The exporter's image server, local: the one private host the image fetcher is allowed to reach.
  const images = await startSampleImageHost();
  const config = {
    ...base,
    DATABASE_URL: withDatabase(base.DATABASE_URL, `${databaseName(base.DATABASE_URL)}_demo`),
    QUEUE_PREFIX: `${base.QUEUE_PREFIX}-demo`,
    MEDIA_ALLOWED_HOSTS: [...base.MEDIA_ALLOWED_HOSTS, new URL(images.url).host],
  };
  say(`creating the demo database ${databaseName(config.DATABASE_URL)} and applying migrations`);
  await recreateDatabase(config.DATABASE_URL);
  await migrateDeploy(config.DATABASE_URL);

  const log = createLogger(process.env.LOG_LEVEL ?? "warn");
  const rt = createRuntime(config, log, resolveSecretKey(base));
  const sims: RunningSimulators = await startSimulators({ basePort: 0, reviewDelayMs: 1500, enforceReadiness: true });
  const feed = await startFeedConsumerSimulator({ reviewDelayMs: 1500 });
  const handles: SimulatorHandle[] = [...sims.handles, feed];
  const channels = handles.map((s) => s.channel);
  for (const channel of channels) await rt.queues.get(channel).obliterate({ force: true });
  say(`simulators up: ${handles.map((s) => `${s.channel} at ${s.baseUrl}`).join(", ")}`);

  const seed = rehostMedia(
    await readSeedFile(opts.catalog ?? join(projectRoot, "samples", "demo-catalog.json")),
    images.url,
  );
  for (const rate of demoRates) await recordRate(rt.db, { ...rate, asOf: new Date() });
  const exporter = await rt.db.exporter.create({ data: { slug: seed.exporter.slug, name: seed.exporter.name } });
  const accounts: DemoAccount[] = [];
  for (const sim of handles) {
    const { id } = await createChannelAccount(rt.db, rt.secretKey, {
      exporterId: exporter.id,
      channel: sim.channel,
      baseUrl: sim.baseUrl,
      credentials: await sim.testCredentials(),
      settings: demoChannelSettings(sim.channel, seed),
    });
    accounts.push({ id, channel: sim.channel });
  }
  // Products first, workers later: their outbox events wait until the channels are mapped.
  const { productIds } = await seedCatalog(rt.db, seed);
  say(`seeded ${productIds.length} products for ${seed.exporter.name}`);
  say("reading each channel's category tree (the weekly taxonomy refresh does the same):");
  for (const line of await demoTaxonomies(rt, accounts)) console.log(`  ${line}`);
  const alibaba = accounts.find((a) => a.channel === "alibaba");
  if (alibaba) {
    say("Alibaba.com: master categories with no mapping yet, and the closest channel category by name:");
    for (const line of await demoSuggestions(rt, alibaba)) console.log(`  ${line}`);
  }
  say("importing the exporter's mapping files (samples/mappings/*.json):");
  for (const account of accounts) {
    const line = await importDemoMappings(rt, projectRoot, account);
    if (line) console.log(`  ${line}`);
  }
  const running = await startWorkers(rt, channels);
  say("workers and outbox relay running; syncing");

  const settled = await waitForSettled(rt.db, productIds.length * handles.length, 60_000);
  if (!settled.ok) console.log(`  (still moving after 60 s: ${settled.pending} listings)`);

  const rows: ReportRow[] = [];
  for (const sim of handles) {
    const account = await rt.accounts.get(
      (await rt.db.channelAccount.findFirstOrThrow({ where: { channel: sim.channel } })).id,
    );
    const remote = new Map<string, RemoteListing>(); // by variant seller SKU
    for await (const item of account.adapter.listRemote()) {
      for (const sku of item.skus) remote.set(sku.sellerSku, item);
    }
    const listings = await rt.db.listing.findMany({
      where: { channelAccountId: account.id },
      include: {
        product: {
          include: {
            contents: { where: { locale: account.profile.locale } },
            variants: { orderBy: { position: "asc" }, take: 1 },
          },
        },
      },
      orderBy: { product: { sku: "asc" } },
    });
    for (const l of listings) {
      const holds = Array.isArray(l.holds) ? (l.holds as { field?: string; message?: string }[]) : [];
      rows.push({
        channel: sim.channel,
        sku: l.product.sku,
        title: l.product.contents[0]?.title ?? "",
        state: l.state,
        itemId: l.remoteItemId,
        remote: remote.get(l.product.variants[0]?.sellerSku ?? ""),
        problem:
          holds.length > 0
            ? `held: ${holds.map((h) => `${h.field}: ${h.message}`).join("; ")}`
            : l.errorMessage
              ? `${l.errorClass ?? "error"}${l.errorCode ? ` ${l.errorCode}` : ""}: ${l.errorMessage}`
              : null,
      });
    }
    const calls = await rt.db.channelCall.groupBy({
      by: ["call"],
      where: { channelAccountId: account.id },
      _count: true,
    });
    rows.length > 0 && console.log(`  ${sim.channel} calls: ${calls.map((c) => `${c.call} ${c._count}`).join(", ")}`);
  }
  console.log(renderReport(rows));
  console.log(`  ${await demoMediaSummary(rt, accounts)}`);

  const daraz = accounts.find((a) => a.channel === "daraz");
  const ajrak = daraz ? await heldListing(rt, daraz.id, "SKC-AJRAK-SHAWL") : null;
  if (daraz && ajrak) {
    say('Daraz has no "Maroon" colour family: an operator maps Maroon to Red, and the held Ajrak listing goes out:');
    await demoValueMapping(rt, daraz, { attribute: "color_family", master: "Maroon", channel: "Red" });
    const state = await waitForState(rt, ajrak, ["live", "in_review"], 20_000);
    console.log(`  SKC-AJRAK-SHAWL on daraz: ${ajrak.state} -> ${state}`);
  }

  say("an exporter edits one price and one stock figure; the channels get only what changed:");
  for (const line of await demoDeltaEdit(
    rt,
    seed.products.length > 0 ? firstSku(seed.products[0]) : "",
    productIds.length * handles.length,
  )) {
    console.log(`  ${line}`);
  }
  console.log(`\nThe feed channel's files: ${feed.feedDir} (also served at ${feed.feedUrl}/feed.xml and /feed.csv)`);
  console.log(`\nDemo finished in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

  if (opts.keep) {
    const app = await buildServer(rt, channels);
    const address = await app.listen({ port: config.API_PORT, host: "127.0.0.1" });
    console.log(
      `Dashboard: ${address}/admin/queues   API: ${address}/api/listings   Metrics: ${address}/metrics  (Ctrl-C to stop)`,
    );
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
    await app.close();
  } else {
    console.log(
      "Run `npm run demo -- --keep` to keep the dashboard (bull-board), API and metrics running after the report.",
    );
  }
  await running.stop(5000);
  await rt.close();
  await sims.close();
  await feed.close();
  await images.close();
}

/** A listing held as incomplete for the product with this SKU, if it is. */
async function heldListing(rt: Runtime, channelAccountId: string, sku: string) {
  const listing = await rt.db.listing.findFirst({ where: { channelAccountId, product: { sku }, state: "incomplete" } });
  return listing ? { id: listing.id, state: listing.state } : null;
}

async function waitForState(
  rt: Runtime,
  listing: { id: string },
  states: string[],
  timeoutMs: number,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await rt.db.listing.findUniqueOrThrow({ where: { id: listing.id }, select: { state: true } });
    if (states.includes(row.state) || Date.now() > deadline) return row.state;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function firstSku(product: unknown): string {
  return product && typeof product === "object" && "sku" in product && typeof product.sku === "string"
    ? product.sku
    : "";
}
