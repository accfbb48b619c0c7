import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleStores } from "../../adapters/example/index.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { type RunningWorkers, type Runtime, startWorkers } from "../../src/runtime.js";
import { createChannelAccount } from "../../src/sync/channelAccounts.js";
import { footballInput, seedBasics } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import { createTestRuntime } from "../support/testRuntime.js";

/** A channel added from outside src/: registering its factory is all the engine needs. */
describe("a third-party adapter through the registry", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let workers: RunningWorkers;
  const baseUrl = "memory://example-test";

  beforeAll(async () => {
    t = await createTestDatabase();
    rt = createTestRuntime(t.url, "example");
    const { exporterId } = await seedBasics(rt.db);
    await createChannelAccount(rt.db, rt.secretKey, {
      exporterId,
      channel: "example",
      baseUrl,
      credentials: { appKey: "k", appSecret: "s" },
      settings: { categoryMap: { "sports-balls": "balls" } },
    });
    workers = await startWorkers(rt, ["example"]);
    await saveProduct(rt.db, exporterId, footballInput("EX-1"), { mode: "create" });
  });
  afterAll(async () => {
    await workers.stop(1000);
    await rt.queues.get("example").obliterate({ force: true });
    await rt.close();
    await t.drop();
  });

  it("pushes the product to the example channel and records it live", async () => {
    await expect.poll(() => rt.db.listing.findFirst({ where: { state: "live" } }), { timeout: 15_000 }).toBeTruthy();
    const listing = await rt.db.listing.findFirstOrThrow();
    const remote = exampleStores.get(baseUrl)?.get(listing.remoteItemId ?? "");
    expect(remote).toMatchObject({
      title: "Hand-Stitched Match Football Size 5",
      skus: [{ sellerSku: "EX-1-WHT", quantity: 240 }],
    });
  });
});
