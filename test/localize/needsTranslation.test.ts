import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DarazSimulatorHandle } from "../../adapters/daraz/simulator/index.js";
import { startDarazSimulator } from "../../adapters/daraz/simulator/index.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { FxCache } from "../../src/localize/fxRates.js";
import type { Runtime } from "../../src/runtime.js";
import { createChannelAccount } from "../../src/sync/channelAccounts.js";
import { PriceStockBatcher } from "../../src/sync/priceStockBatcher.js";
import { pushListing, type SyncDeps } from "../../src/sync/push.js";
import { footballInput, seedBasics } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import { createTestRuntime } from "../support/testRuntime.js";

describe("a listing whose language is missing is held, never pushed in the wrong language", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let sim: DarazSimulatorHandle;
  let exporterId: string;
  let accountId: string;
  let deps: SyncDeps;

  beforeAll(async () => {
    t = await createTestDatabase();
    rt = createTestRuntime(t.url, "hold");
    expect(rt.config.TRANSLATION_PROVIDER).toBe("none");
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
        },
      })
    ).id;
    deps = { db: rt.db, accounts: rt.accounts, batcher: new PriceStockBatcher(), fx: new FxCache(rt.db), log: rt.log };
  });
  afterAll(async () => {
    await rt.close();
    await sim.close();
    await t.drop();
  });

  it("with no provider: held as needs_translation, nothing written to the channel", async () => {
    const p = await saveProduct(rt.db, exporterId, footballInput("H-1"), { mode: "create" });
    const outcome = await pushListing(deps, { productId: p.id, channelAccountId: accountId });
    // The one read: the category's attributes, so every gap is known at once (stored; never read again).
    expect(outcome).toMatchObject({ state: "needs_translation", calls: ["categoryAttributes"] });
    const listing = await rt.db.listing.findUniqueOrThrow({
      where: { productId_channelAccountId: { productId: p.id, channelAccountId: accountId } },
    });
    expect(listing.state).toBe("needs_translation");
    expect(listing.holds).toEqual([expect.objectContaining({ kind: "translation", field: "content.zh-Hans" })]);
    expect(await rt.db.channelCall.count({ where: { channelAccountId: accountId } })).toBe(1);
    expect(sim.listings()).toEqual([]);
    expect(Object.keys(sim.counts()).filter((path) => (sim.counts()[path] ?? 0) > 0)).toEqual([
      "/category/attributes/get",
    ]);
    // Pushing again changes nothing.
    expect(await pushListing(deps, { productId: p.id, channelAccountId: accountId })).toMatchObject({ calls: [] });
  });

  it("with a translation hook: the held listing asks for its locale once per push", async () => {
    const asked: [string, string][] = [];
    const p = await saveProduct(rt.db, exporterId, footballInput("H-2"), { mode: "create" });
    const outcome = await pushListing(
      { ...deps, translations: { request: async (id, locale) => void asked.push([id, locale]) } },
      { productId: p.id, channelAccountId: accountId },
    );
    expect(outcome).toMatchObject({ state: "needs_translation", calls: [] });
    expect(asked).toEqual([[p.id, "zh-Hans"]]);
    expect(sim.listings()).toEqual([]);
  });
});
