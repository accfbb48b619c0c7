import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AlibabaSimulatorHandle, startAlibabaSimulator } from "../../adapters/alibaba/simulator/index.js";
import { type JdSimulatorHandle, startJdSimulator } from "../../adapters/jd/simulator/index.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { recordRate } from "../../src/localize/fxRates.js";
import type { RunningWorkers, Runtime } from "../../src/runtime.js";
import { startWorkers } from "../../src/runtime.js";
import { createChannelAccount } from "../../src/sync/channelAccounts.js";
import { mappingFile } from "../../src/taxonomy/mappingFile.js";
import { writeMappings } from "../../src/taxonomy/mappingStore.js";
import { testImageHost } from "../support/images.js";
import { footballInput, seedBasics } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import { createTestRuntime } from "../support/testRuntime.js";

const poll = { timeout: 20_000, interval: 50 };
const enforce = { enforceTaxonomy: true, requireHostedImages: true, reviewDelayMs: 30 };

/** The JD mapping file shipped for the demo, pointed at this test's master category. */
async function jdMappings() {
  const raw = await readFile(join(import.meta.dirname, "..", "..", "samples", "mappings", "jd.json"), "utf8");
  const file = mappingFile.parse(JSON.parse(raw));
  return {
    ...file,
    categories: [{ master: "sports-balls", channel: "1467" }],
  };
}

describe("readiness through the engine on Alibaba.com and JD (taxonomy and hosted images enforced)", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let alibaba: AlibabaSimulatorHandle;
  let jd: JdSimulatorHandle;
  let workers: RunningWorkers;
  let exporterId: string;
  const accounts: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    rt = createTestRuntime(t.url, "readiness-ali-jd", { PUSH_BACKOFF_MS: "50", PUSH_ATTEMPTS: "4" });
    alibaba = await startAlibabaSimulator(enforce);
    jd = await startJdSimulator(enforce);
    ({ exporterId } = await seedBasics(rt.db));
    for (const currency of ["USD", "CNY"]) {
      await recordRate(rt.db, {
        currency,
        pkrPerUnit: currency === "USD" ? "280" : "39",
        source: "test",
        asOf: new Date(),
      });
    }
    accounts.alibaba = (
      await createChannelAccount(rt.db, rt.secretKey, {
        exporterId,
        channel: "alibaba",
        baseUrl: alibaba.baseUrl,
        credentials: await alibaba.testCredentials(),
        settings: { currency: "USD", wholesale: true, reviewCheckDelayMs: 50 },
      })
    ).id;
    accounts.jd = (
      await createChannelAccount(rt.db, rt.secretKey, {
        exporterId,
        channel: "jd",
        baseUrl: jd.baseUrl,
        credentials: await jd.testCredentials(),
        settings: {
          locale: "zh-Hans",
          currency: "CNY",
          defaultAttributes: { brandId: "389761" },
          reviewCheckDelayMs: 50,
        },
      })
    ).id;
    await writeMappings(
      rt.db,
      accounts.alibaba,
      {
        categories: [{ master: "sports-balls", channel: "100005471" }],
        attributes: [],
        values: [{ attribute: "10", master: "PU leather", channel: "PU" }],
      },
      { mode: "replace" },
    );
    await writeMappings(rt.db, accounts.jd, await jdMappings(), { mode: "replace" });
    workers = await startWorkers(rt, ["alibaba", "jd"]);
  });
  afterAll(async () => {
    await workers.stop(2000);
    for (const c of ["alibaba", "jd"]) await rt.queues.get(c).obliterate({ force: true });
    await rt.close();
    await alibaba.close();
    await jd.close();
    await t.drop();
  });

  const football = (sku: string, media: { url: string; altText: string }[]) =>
    footballInput(sku, {
      media,
      attributes: [{ key: "material", type: "text", value: "PU leather" }],
      content: [
        { locale: "en", title: "Hand-Stitched Match Football Size 5", description: "<p>32 panels</p>", bullets: [] },
        { locale: "zh-Hans", title: "手工缝制比赛足球 5号", description: "<p>32片</p>", bullets: [] },
      ],
    });
  const listing = (productId: string, channel: string) =>
    rt.db.listing.findUnique({
      where: { productId_channelAccountId: { productId, channelAccountId: accounts[channel] as string } },
    });

  it("maps attributes and values to each channel's ids, uploads each image once per channel, and both go live", async () => {
    const media = [
      { url: `${testImageHost()}/ali-jd/front.jpg`, altText: "front" },
      { url: `${testImageHost()}/ali-jd/back.png`, altText: "back" },
    ];
    const p = await saveProduct(rt.db, exporterId, football("AJ-1", media), { mode: "create" });
    await expect.poll(async () => (await listing(p.id, "alibaba"))?.state, poll).toMatch(/^(live|in_review)$/);
    await expect.poll(async () => (await listing(p.id, "jd"))?.state, poll).toMatch(/^(live|in_review)$/);

    const onAlibaba = (await listing(p.id, "alibaba"))?.accepted as {
      attributes: Record<string, string>;
      images: string[];
    };
    expect(onAlibaba.attributes["10"]).toMatch(/^\d+$/); // PU, as Alibaba.com's value id
    expect(onAlibaba.attributes["1"]).toMatch(/^\d+$/); // Place of Origin from the product's origin country
    expect(onAlibaba.images.every((u) => u.includes("alicdn.com"))).toBe(true);
    const onJd = (await listing(p.id, "jd"))?.accepted as {
      attributes: Record<string, string>;
      variants: { options: Record<string, string> }[];
    };
    expect(onJd.attributes["1000146704"]).toBe("100014670401"); // 材质: PU皮革
    expect(onJd.attributes["1000146710"]).toBe("100014671001"); // 产地: 巴基斯坦
    expect(onJd.variants[0]?.options).toEqual({ "1000146705": "100014670503", "1000146706": "100014670604" });
    expect(alibaba.uploadedImages()).toHaveLength(2);
    expect(jd.uploadedImages()).toHaveLength(2);

    // A second product showing the same two pictures costs no upload anywhere.
    const q = await saveProduct(rt.db, exporterId, football("AJ-2", media), { mode: "create" });
    await expect.poll(async () => (await listing(q.id, "jd"))?.state, poll).toMatch(/^(live|in_review)$/);
    await expect.poll(async () => (await listing(q.id, "alibaba"))?.state, poll).toMatch(/^(live|in_review)$/);
    expect(alibaba.uploadedImages()).toHaveLength(2);
    expect(jd.uploadedImages()).toHaveLength(2);
  });

  it("an image one channel's rules refuse holds only that channel's listing", async () => {
    // 1200x700: fine for Alibaba.com, not square for JD.
    const media = [{ url: `${testImageHost()}/ali-jd/wide.jpg?w=1200&h=700`, altText: "wide" }];
    const p = await saveProduct(rt.db, exporterId, football("AJ-3", media), { mode: "create" });
    await expect.poll(async () => (await listing(p.id, "jd"))?.state, poll).toBe("incomplete");
    await expect.poll(async () => (await listing(p.id, "alibaba"))?.state, poll).toMatch(/^(live|in_review)$/);
    expect((await listing(p.id, "jd"))?.holds).toEqual([
      expect.objectContaining({ kind: "media", field: "media[0]", message: expect.stringContaining("not square") }),
    ]);
  });
});
