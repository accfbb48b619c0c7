import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DarazSimulatorHandle } from "../../adapters/daraz/simulator/index.js";
import { startDarazSimulator } from "../../adapters/daraz/simulator/index.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import type { RunningWorkers, Runtime } from "../../src/runtime.js";
import { startWorkers } from "../../src/runtime.js";
import { createChannelAccount } from "../../src/sync/channelAccounts.js";
import { footballInput, seedBasics } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import { createTestRuntime } from "../support/testRuntime.js";
import { type FakeLibreTranslate, startFakeLibreTranslate } from "./fakeLibreTranslate.js";

const poll = { timeout: 20_000, interval: 50 };

/**
 * End to end through real PostgreSQL, Redis, a LibreTranslate-compatible server and the Daraz simulator: a product
 * with English content only, a channel that sells in Simplified Chinese; the listing is held, the translation job
 * fills zh-Hans, its outbox event releases the listing, and the channel receives Chinese.
 */
describe("translation job releases a held listing", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let sim: DarazSimulatorHandle;
  let libre: FakeLibreTranslate;
  let workers: RunningWorkers;
  let exporterId: string;
  let accountId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    libre = await startFakeLibreTranslate();
    rt = createTestRuntime(t.url, "translate", {
      TRANSLATION_PROVIDER: "libretranslate",
      TRANSLATION_URL: libre.url,
      TRANSLATION_RATE_PER_SEC: "50",
      PUSH_BACKOFF_MS: "50",
    });
    sim = await startDarazSimulator({ reviewDelayMs: 30 });
    ({ exporterId } = await seedBasics(rt.db));
    accountId = (
      await createChannelAccount(rt.db, rt.secretKey, {
        exporterId,
        channel: "daraz",
        baseUrl: sim.baseUrl,
        credentials: await sim.testCredentials(),
        settings: {
          locale: "zh-Hans",
          categoryMap: { "sports-balls": "10000421" },
          defaultAttributes: { warranty_type: "No Warranty" },
          reviewCheckDelayMs: 60,
        },
      })
    ).id;
    workers = await startWorkers(rt, ["daraz"]);
  });
  afterAll(async () => {
    await workers.stop(2000);
    await rt.queues.get("daraz").obliterate({ force: true });
    await rt.close();
    await sim.close();
    await libre.close();
    await t.drop();
  });

  it("translates the missing locale, then the listing is pushed in Chinese", async () => {
    const p = await saveProduct(rt.db, exporterId, footballInput("T-1"), { mode: "create" });
    const listingOf = () =>
      rt.db.listing.findUniqueOrThrow({
        where: { productId_channelAccountId: { productId: p.id, channelAccountId: accountId } },
      });
    await expect.poll(async () => (await listingOf()).state, poll).toBe("live");

    const zh = await rt.db.productContent.findUniqueOrThrow({
      where: { productId_locale: { productId: p.id, locale: "zh-Hans" } },
    });
    expect(zh).toMatchObject({
      source: "machine",
      reviewState: "machine",
      locked: false,
      title: "手工缝制 比赛 足球 号 5",
    });
    const onChannel = sim.listings().find((l) => l.skus.some((s) => s.sellerSku === "T-1-WHT"));
    expect(onChannel?.title).toBe("手工缝制 比赛 足球 号 5");
    expect(libre.requests).toHaveLength(1);
    expect(libre.requests[0]).toMatchObject({ source: "en", target: "zh", format: "html" });
    // The first push was held (no channel call), the second created the listing.
    const calls = (await rt.db.channelCall.findMany({ where: { listingId: (await listingOf()).id } })).map(
      (c) => c.call,
    );
    expect(calls.filter((c) => c === "create")).toHaveLength(1);
  });

  it("a throttled provider answer pauses the translation queue briefly, then the listing still lands", async () => {
    const before = libre.requests.length;
    libre.failNext(1, 429);
    const input = footballInput("T-2", {
      content: [{ locale: "en", title: "New Match Football", description: "<p>New panels</p>" }],
    });
    const p = await saveProduct(rt.db, exporterId, input, { mode: "create" });
    const state = async () =>
      (
        await rt.db.listing.findUnique({
          where: { productId_channelAccountId: { productId: p.id, channelAccountId: accountId } },
        })
      )?.state;
    await expect.poll(state, poll).toBe("live");
    // One throttled request, then the retry (the memory served nothing: these texts are new).
    expect(libre.requests.length - before).toBe(2);
    const onChannel = sim.listings().find((l) => l.skus.some((s) => s.sellerSku === "T-2-WHT"));
    expect(onChannel?.title).toBe("新 比赛 足球");
  });
});
