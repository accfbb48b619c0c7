import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { open, seal } from "../../src/lib/secretBox.js";
import { pauseChannel, resumeChannel, retryFailed } from "../../src/sync/operations.js";
import { footballInput } from "../support/seedBasics.js";
import { type SyncHarness, startSyncHarness } from "../support/syncHarness.js";

const poll = { timeout: 20_000, interval: 50 };

describe("sync engine against the Daraz simulator", () => {
  let h: SyncHarness;
  beforeAll(async () => {
    // A debounce window wider than the 25 edits take even on a loaded machine.
    h = await startSyncHarness(
      "engine",
      { brandAllowlist: ["Sialkot Crafts", "Fixed Brand"] },
      { COALESCE_MS: "1500" },
    );
  });
  afterAll(() => h.close());

  const createLive = async (sku: string) => {
    const p = await saveProduct(h.rt.db, h.exporterId, footballInput(sku), { mode: "create" });
    await expect.poll(async () => (await h.listingOf(p.id)).state, poll).toBe("live");
    return p;
  };

  it("coalesces many rapid edits into at most two pushes, ending with the last edit", async () => {
    const p = await createLive("C-1");
    const before = (await h.callsOf((await h.listingOf(p.id)).id)).length;
    for (let i = 1; i <= 25; i++) {
      await saveProduct(h.rt.db, h.exporterId, footballInput("C-1", { basePricePkr: `${4500 + i}.00` }), {
        mode: "update",
      });
    }
    await expect.poll(() => h.idle(), poll).toBe(true);
    const after = (await h.callsOf((await h.listingOf(p.id)).id)).slice(before);
    expect(after.length).toBeGreaterThanOrEqual(1);
    expect(after.length).toBeLessThanOrEqual(2);
    expect(after.every((c) => c.startsWith("updatePriceStock:ok"))).toBe(true);
    const onChannel = h.sim.listings().find((l) => l.skus.some((s) => s.sellerSku === "C-1-WHT"));
    expect(Number(onChannel?.skus[0]?.price)).toBe(4525);
  });

  it("waits out a throttled answer without using up an attempt", async () => {
    h.sim.setFaults({ throttleNext: 3, onlyPaths: ["/product/create"] });
    const p = await saveProduct(h.rt.db, h.exporterId, footballInput("T-1"), { mode: "create" });
    await expect.poll(async () => (await h.listingOf(p.id)).state, poll).toBe("live");
    h.sim.setFaults({ onlyPaths: undefined });
    const calls = await h.callsOf((await h.listingOf(p.id)).id);
    expect(calls.filter((c) => c === "create:error:throttled")).toHaveLength(3);
    // 4 attempts are configured: 3 throttled runs + 1 success would exhaust them if throttling used attempts.
    expect(calls.filter((c) => c === "create:ok")).toHaveLength(1);
  });

  it("retries transient failures with backoff until they pass", async () => {
    h.sim.setFaults({ serverErrorNext: 2, onlyPaths: ["/product/create"] });
    const p = await saveProduct(h.rt.db, h.exporterId, footballInput("X-1"), { mode: "create" });
    await expect.poll(async () => (await h.listingOf(p.id)).state, poll).toBe("live");
    h.sim.setFaults({ onlyPaths: undefined });
    const calls = await h.callsOf((await h.listingOf(p.id)).id);
    expect(calls.filter((c) => c === "create:error:transient")).toHaveLength(2);
  });

  it("stops at once on a permanent error, shows the channel's code on the listing, and retries after a fix", async () => {
    const p = await saveProduct(h.rt.db, h.exporterId, footballInput("P-1", { brand: "Unknown Brand" }), {
      mode: "create",
    });
    await expect.poll(async () => (await h.listingOf(p.id)).state, poll).toBe("failed");
    const listing = await h.listingOf(p.id);
    expect(listing).toMatchObject({ errorClass: "permanent", errorCode: "4142" });
    expect((await h.callsOf(listing.id)).filter((c) => c.startsWith("create"))).toEqual(["create:error:permanent"]);
    const failed = await h.rt.queues.get("daraz").getJobs(["failed"]);
    expect(failed.some((j) => j.data.productId === p.id && j.attemptsMade === 1)).toBe(true);

    await h.rt.db.product.update({ where: { id: p.id }, data: { brand: "Fixed Brand" } });
    expect(await retryFailed(h.rt.queues, "daraz")).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await h.listingOf(p.id)).state, poll).toBe("live");
  });

  it("refreshes an expired token once, stores the new one encrypted, and carries on", async () => {
    const before = await h.rt.db.channelAccount.findUniqueOrThrow({ where: { id: h.accountId } });
    h.sim.setFaults({ expireTokens: "all" });
    const p = await saveProduct(h.rt.db, h.exporterId, footballInput("A-1"), { mode: "create" });
    await expect.poll(async () => (await h.listingOf(p.id)).state, poll).toBe("live");
    const after = await h.rt.db.channelAccount.findUniqueOrThrow({ where: { id: h.accountId } });
    expect(after.credentialsEnc).not.toBe(before.credentialsEnc);
    const oldToken = JSON.parse(open(before.credentialsEnc, h.rt.secretKey)).accessToken as string;
    expect(after.credentialsEnc).not.toContain(oldToken);
    expect(JSON.parse(open(after.credentialsEnc, h.rt.secretKey)).accessToken).not.toBe(oldToken);
    const refreshes = await h.rt.db.channelCall.count({
      where: { channelAccountId: h.accountId, call: "refreshToken" },
    });
    expect(refreshes).toBe(1);
  });

  it("pauses the channel and flags the operator when the refresh does not help", async () => {
    const row = await h.rt.db.channelAccount.findUniqueOrThrow({ where: { id: h.accountId } });
    const creds = JSON.parse(open(row.credentialsEnc, h.rt.secretKey));
    await h.rt.db.channelAccount.update({
      where: { id: h.accountId },
      data: { credentialsEnc: seal(JSON.stringify({ ...creds, refreshToken: "revoked" }), h.rt.secretKey) },
    });
    h.rt.accounts.forget(h.accountId);
    h.sim.setFaults({ expireTokens: "all" });
    const p = await saveProduct(h.rt.db, h.exporterId, footballInput("A-2"), { mode: "create" });
    await expect
      .poll(
        async () => (await h.rt.db.channelAccount.findUniqueOrThrow({ where: { id: h.accountId } })).needsOperator,
        poll,
      )
      .toBe(true);
    expect(await h.rt.queues.get("daraz").isPaused()).toBe(true);
    const account = await h.rt.db.channelAccount.findUniqueOrThrow({ where: { id: h.accountId } });
    expect(account).toMatchObject({ paused: true });
    expect(account.pausedReason).toMatch(/auth expired/);

    // The operator reconnects the account, resumes, and retries.
    await h.rt.db.channelAccount.update({
      where: { id: h.accountId },
      data: { credentialsEnc: seal(JSON.stringify(await h.sim.testCredentials()), h.rt.secretKey) },
    });
    h.rt.accounts.forget(h.accountId);
    await resumeChannel(h.rt.db, h.rt.queues, "daraz");
    await retryFailed(h.rt.queues, "daraz");
    await expect.poll(async () => (await h.listingOf(p.id)).state, poll).toBe("live");
  });

  it("an operator pause holds new pushes as paused; resume lets them through", async () => {
    await pauseChannel(h.rt.db, h.rt.queues, "daraz", "seller centre maintenance");
    const p = await saveProduct(h.rt.db, h.exporterId, footballInput("Z-1"), { mode: "create" });
    await expect.poll(() => h.rt.db.outboxEvent.count({ where: { processedAt: null } }), poll).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.sim.listings().some((l) => l.skus.some((s) => s.sellerSku === "Z-1-WHT"))).toBe(false);
    await resumeChannel(h.rt.db, h.rt.queues, "daraz");
    await expect.poll(async () => (await h.listingOf(p.id)).state, poll).toBe("live");
  });
});
