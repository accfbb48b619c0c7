import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AlibabaSimulatorHandle, startAlibabaSimulator } from "../../adapters/alibaba/simulator/index.js";
import { buildServer } from "../../src/api/server.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { recordRate } from "../../src/localize/fxRates.js";
import { type RunningWorkers, type Runtime, startWorkers } from "../../src/runtime.js";
import { createChannelAccount } from "../../src/sync/channelAccounts.js";
import { footballInput, seedBasics } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import { createTestRuntime } from "../support/testRuntime.js";

const poll = { timeout: 20_000, interval: 50 };
const settings = (markupPct: string) => ({
  locale: "en",
  currency: "USD",
  wholesale: true,
  // Soccer Balls on the simulated Alibaba.com tree; Material (attribute 10) is required there.
  categoryMap: { "sports-balls": "100005471" },
  defaultAttributes: { "10": "PU" },
  pricing: { markupPct, rounding: "x.99", minMarginPct: "0" },
  reviewCheckDelayMs: 50,
});

/** A new FX rate or a changed price rule re-prices live listings through the delta path: price calls only. */
describe("re-pricing on Alibaba.com (USD) after a rate or rule change", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let sim: AlibabaSimulatorHandle;
  let workers: RunningWorkers;
  let app: FastifyInstance;
  let accountId: string;
  let productId: string;

  const skuPrice = () => sim.listings().find((l) => l.skus.some((s) => s.sellerSku === "FX-1-WHT"))?.skus[0]?.price;
  const writeCalls = () => {
    const c = sim.counts();
    return { update: c["/alibaba/icbu/product/update/v2"] ?? 0, create: c["/alibaba/icbu/product/listing/v2"] ?? 0 };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    rt = createTestRuntime(t.url, "reprice");
    sim = await startAlibabaSimulator({ reviewDelayMs: 20 });
    const { exporterId } = await seedBasics(rt.db);
    await recordRate(rt.db, { currency: "USD", pkrPerUnit: "280", source: "test", asOf: new Date() });
    accountId = (
      await createChannelAccount(rt.db, rt.secretKey, {
        exporterId,
        channel: "alibaba",
        baseUrl: sim.baseUrl,
        credentials: await sim.testCredentials(),
        settings: settings("0"),
      })
    ).id;
    workers = await startWorkers(rt, ["alibaba"]);
    app = await buildServer(rt, ["alibaba"]);
    productId = (await saveProduct(rt.db, exporterId, footballInput("FX-1"), { mode: "create" })).id;
    for (let i = 0; i < 400 && (await rt.db.listing.findFirst({ where: { productId } }))?.state !== "live"; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(async () => {
    await app.close();
    await workers.stop(1000);
    await rt.queues.get("alibaba").obliterate({ force: true });
    await rt.close();
    await sim.close();
    await t.drop();
  });

  it("prices the first push at the stored rate: 4500 PKR / 280 = 16.07 -> 16.99", () => {
    expect(Number(skuPrice())).toBe(16.99);
  });

  it("a new rate posted to the API re-prices the listing with price calls only", async () => {
    const before = writeCalls();
    const res = await app.inject({
      method: "POST",
      url: "/api/fx-rates",
      payload: { currency: "USD", pkrPerUnit: "300", source: "SBP", asOf: new Date().toISOString() },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ repriced: 1 });
    await expect.poll(() => Number(skuPrice()), poll).toBe(15.99);
    expect(writeCalls()).toEqual(before);
  });

  it("a changed price rule on the account re-prices the same way", async () => {
    const before = writeCalls();
    const res = await app.inject({
      method: "PUT",
      url: `/api/channel-accounts/${accountId}/settings`,
      payload: settings("20"),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().resync.byAction.update).toBe(1);
    // 4500 / 300 x 1.2 = 18.00 -> 18.99
    await expect.poll(() => Number(skuPrice()), poll).toBe(18.99);
    expect(writeCalls()).toEqual(before);
  });

  it("refuses settings that do not parse, naming the field", async () => {
    const res = await app.inject({
      method: "PUT",
      url: `/api/channel-accounts/${accountId}/settings`,
      payload: { currency: "DOLLARS" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe("currency");
  });

  it("never shows the account's credentials", async () => {
    const res = await app.inject({ url: "/api/channel-accounts" });
    expect(res.body).not.toContain("credentials");
    expect(res.body).not.toContain((await sim.testCredentials()).appSecret);
  });
});
