import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AuthExpiredError,
  type ChannelError,
  PermanentError,
  ThrottledError,
  TransientError,
} from "../../adapters/core/errors.js";
import { createAdapter } from "../../adapters/core/registry.js";
import type { SimulatorHandle } from "../../adapters/core/simulator/types.js";
import type {
  AdapterOptions,
  CanonicalListing,
  ChannelAdapter,
  RemoteListing,
  TokenPair,
} from "../../adapters/core/types.js";

/** What one channel brings to the shared suite: its running simulator and a valid listing for it. */
export interface ConformanceSetup {
  /** The channel's simulator; its adapter must already be registered under sim.channel. */
  sim: SimulatorHandle;
  /** A valid listing for this channel with two variants; `n` keeps the seller SKUs of several listings apart. */
  listing(n: number, overrides?: { title?: string }): CanonicalListing;
  /** A word the simulator's review rule rejects when it appears in a title. */
  rejectedTitleWord: string;
  /** Extra adapter options the channel needs (merged into AdapterOptions). */
  adapterOptions?: Record<string, unknown>;
}

/**
 * Cases a channel may declare not applicable, because they cannot mean anything for it (a file feed has no quota, no
 * tokens, no HTTP faults and reads the whole store in one go). Skipped cases show as skipped, never as passed.
 */
export type ConformanceCase =
  | "quota"
  | "throttling"
  | "auth"
  | "serverErrors"
  | "wrongSecret"
  | "malformed"
  | "timeout"
  | "abort"
  /** listRemote still returns every listing; only "more than one call for more than one page" is not checked. */
  | "pagedCalls";

export interface ConformanceOptions {
  notApplicable?: ConformanceCase[];
}

interface AdapterOverrides {
  appSecret?: string;
  timeoutMs?: number;
  onTokens?: (tokens: TokenPair) => void;
}

/**
 * ONE suite every adapter + simulator pair passes. It only uses the ChannelAdapter interface, the registry and the
 * SimulatorHandle, so Alibaba.com and JD run exactly these tests against their own simulators.
 */
export function describeConformance(
  name: string,
  setup: () => Promise<ConformanceSetup>,
  options: ConformanceOptions = {},
): void {
  const notApplicable = new Set(options.notApplicable ?? []);
  /** `it`, or `it.skip` when the channel declared the case not applicable. */
  const itIf = (useCase: ConformanceCase) => it.skipIf(notApplicable.has(useCase));
  describe(`${name} adapter conformance`, () => {
    let ctx: ConformanceSetup;
    let sim: SimulatorHandle;

    beforeAll(async () => {
      ctx = await setup();
      sim = ctx.sim;
    });
    afterAll(async () => {
      await sim?.close();
    });
    beforeEach(() => sim.reset());

    async function adapter(overrides: AdapterOverrides = {}): Promise<ChannelAdapter> {
      const credentials = await sim.testCredentials();
      const opts: AdapterOptions = {
        baseUrl: sim.baseUrl,
        credentials: { ...credentials, ...(overrides.appSecret ? { appSecret: overrides.appSecret } : {}) },
        timeoutMs: overrides.timeoutMs ?? 3000,
        readRetry: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 5 },
        ...(overrides.onTokens ? { onTokens: overrides.onTokens } : {}),
        ...ctx.adapterOptions,
      };
      return createAdapter(sim.channel, opts);
    }

    async function created(a: ChannelAdapter, n: number, overrides?: { title?: string }) {
      const listing = ctx.listing(n, overrides);
      const result = await a.create(listing);
      return { listing, result };
    }

    async function collect(a: ChannelAdapter, pageSize?: number): Promise<RemoteListing[]> {
      const out: RemoteListing[] = [];
      for await (const item of a.listRemote(pageSize ? { pageSize } : {})) out.push(item);
      return out;
    }

    const totalCalls = () => Object.values(sim.counts()).reduce((sum, n) => sum + n, 0);

    async function expectError<T extends ChannelError>(
      p: Promise<unknown>,
      cls: new (...args: never[]) => T,
    ): Promise<T> {
      const err = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(cls);
      return err as T;
    }

    it("validate flags a bad listing with canonical field names, and create refuses it without calling", async () => {
      const a = await adapter();
      expect(a.validate(ctx.listing(1))).toEqual([]);
      const bad = ctx.listing(1);
      bad.title = "";
      bad.images = [];
      bad.variants[0]!.price = "0";
      bad.variants[1]!.quantity = -1;
      const fields = a.validate(bad).map((i) => i.field);
      expect(fields).toEqual(expect.arrayContaining(["title", "images", "variants[0].price", "variants[1].quantity"]));
      const priceIssue = a.validate(bad).find((i) => i.field === "variants[0].price");
      expect(priceIssue?.sellerSku).toBe(bad.variants[0]!.sellerSku);
      await expectError(a.create(bad), PermanentError);
      expect(totalCalls()).toBe(0);
    });

    it("create, then findBySellerSku finds it by a variant seller SKU", async () => {
      const a = await adapter();
      const { listing, result } = await created(a, 1);
      expect(result.itemId).not.toBe("");
      expect(result.status).toBe(a.capabilities.reviewsNewListings ? "pending" : "live");
      expect(result.skus.map((s) => s.sellerSku).sort()).toEqual(listing.variants.map((v) => v.sellerSku).sort());
      const found = await a.findBySellerSku(listing.variants[1]!.sellerSku);
      expect(found?.itemId).toBe(result.itemId);
      expect(found?.title).toBe(listing.title);
      expect(found?.skus.map((s) => s.sellerSku).sort()).toEqual(listing.variants.map((v) => v.sellerSku).sort());
      expect(await a.findBySellerSku("NO-SUCH-SKU-123")).toBeNull();
    });

    it("review moves a listing to live, or to rejected by the simulator's rule", async () => {
      const a = await adapter();
      const good = await created(a, 1);
      const bad = await created(a, 2, { title: `Football Size 5 ${ctx.rejectedTitleWord} Edition` });
      if (a.capabilities.reviewsNewListings) {
        expect((await a.findBySellerSku(good.listing.variants[0]!.sellerSku))?.status).toBe("pending");
      }
      expect(sim.advanceReview()).toBeGreaterThanOrEqual(a.capabilities.reviewsNewListings ? 2 : 0);
      expect((await a.findBySellerSku(good.listing.variants[0]!.sellerSku))?.status).toBe("live");
      const rejected = await a.findBySellerSku(bad.listing.variants[0]!.sellerSku);
      expect(rejected?.status).toBe("rejected");
      expect(rejected?.rejectReason ?? "").toMatch(new RegExp(ctx.rejectedTitleWord, "i"));
    });

    it("update changes the content on the channel", async () => {
      const a = await adapter();
      const { listing, result } = await created(a, 1);
      sim.advanceReview();
      const pushed = await a.update({ ...listing, title: `${listing.title} (2026 edition)` }, result.itemId);
      expect(pushed.itemId).toBe(result.itemId);
      expect((await a.findBySellerSku(listing.variants[0]!.sellerSku))?.title).toBe(`${listing.title} (2026 edition)`);
    });

    it("updatePriceStock is reflected in listRemote", async () => {
      const a = await adapter();
      const { listing, result } = await created(a, 1);
      sim.advanceReview();
      const updates = listing.variants.map((v, i) => ({
        sellerSku: v.sellerSku,
        itemId: result.itemId,
        price: (Number(v.price) * 1.1).toFixed(2),
        quantity: 7 + i,
      }));
      const outcomes = await a.updatePriceStock(updates);
      expect(outcomes).toEqual(updates.map((u) => ({ sellerSku: u.sellerSku, ok: true })));
      const remote = (await collect(a)).find((r) => r.itemId === result.itemId);
      for (const u of updates) {
        const sku = remote?.skus.find((s) => s.sellerSku === u.sellerSku);
        expect(Number(sku?.price)).toBeCloseTo(Number(u.price), 2);
        expect(sku?.quantity).toBe(u.quantity);
      }
    });

    it("updatePriceStock splits more SKUs than one call carries, and fails only the bad item", async () => {
      const a = await adapter();
      const listings: CanonicalListing[] = [];
      const n = Math.floor(a.capabilities.maxPriceStockBatch / 2) + 2;
      for (let i = 1; i <= n; i++) listings.push((await created(a, i)).listing);
      sim.advanceReview();
      const updates = listings.flatMap((l) => l.variants.map((v) => ({ sellerSku: v.sellerSku, quantity: 3 })));
      expect(updates.length).toBeGreaterThan(a.capabilities.maxPriceStockBatch);
      updates.push({ sellerSku: listings[0]!.variants[0]!.sellerSku, quantity: -5 });
      const outcomes = await a.updatePriceStock(updates);
      expect(outcomes.map((o) => o.sellerSku)).toEqual(updates.map((u) => u.sellerSku));
      expect(outcomes.slice(0, -1).every((o) => o.ok)).toBe(true);
      expect(outcomes.at(-1)).toMatchObject({ ok: false, error: { errorClass: "permanent" } });
      const remote = await collect(a);
      expect(remote.flatMap((r) => r.skus).every((s) => s.quantity === 3)).toBe(true);
    });

    it("listRemote pages through more items than one page", async () => {
      const a = await adapter();
      const ids: string[] = [];
      for (let i = 1; i <= 5; i++) ids.push((await created(a, i)).result.itemId);
      const before = totalCalls();
      const remote = await collect(a, 2);
      expect(remote.map((r) => r.itemId).sort()).toEqual([...ids].sort());
      if (!notApplicable.has("pagedCalls")) expect(totalCalls() - before).toBeGreaterThanOrEqual(3);
    });

    it("an edit made on the channel shows in listRemote (drift)", async () => {
      const a = await adapter();
      const { listing, result } = await created(a, 1);
      sim.editRemote(listing.variants[0]!.sellerSku, {
        title: "Edited in Seller Center",
        price: "999.00",
        quantity: 1,
      });
      const remote = (await collect(a)).find((r) => r.itemId === result.itemId);
      expect(remote?.title).toBe("Edited in Seller Center");
      const sku = remote?.skus.find((s) => s.sellerSku === listing.variants[0]!.sellerSku);
      expect(Number(sku?.price)).toBe(999);
      expect(sku?.quantity).toBe(1);
    });

    it("delist takes a listing off sale", async () => {
      const a = await adapter();
      const { listing } = await created(a, 1);
      sim.advanceReview();
      const skus = listing.variants.map((v) => v.sellerSku);
      expect(await a.delist(skus)).toEqual(skus.map((sellerSku) => ({ sellerSku, ok: true })));
      expect((await a.findBySellerSku(skus[0]!))?.status).toBe("inactive");
    });

    itIf("quota")("an exceeded quota throws ThrottledError with a wait > 0", async () => {
      const a = await adapter();
      sim.setQuota({ ratePerSec: 0.5, burst: 1 });
      const err = await expectError(
        (async () => {
          for (let i = 0; i < 3; i++) await a.findBySellerSku("ANY-SKU");
        })(),
        ThrottledError,
      );
      expect(err.waitMs).toBeGreaterThan(0);
      sim.setQuota({ ratePerSec: 0 });
      expect(await a.findBySellerSku("ANY-SKU")).toBeNull();
    });

    itIf("throttling")("a throttling burst throws ThrottledError, and the call after it goes through", async () => {
      const a = await adapter();
      sim.setFaults({ throttleNext: 1 });
      const err = await expectError(a.create(ctx.listing(1)), ThrottledError);
      expect(err.waitMs).toBeGreaterThan(0);
      expect(sim.listings()).toHaveLength(0);
      await a.create(ctx.listing(1));
      expect(sim.listings()).toHaveLength(1);
    });

    itIf("auth")("an expired token throws AuthExpiredError; refreshToken() then makes the call succeed", async () => {
      const seen: TokenPair[] = [];
      const a = await adapter({ onTokens: (t) => seen.push(t) });
      sim.setFaults({ expireTokens: "all" });
      await expectError(a.findBySellerSku("ANY-SKU"), AuthExpiredError);
      await expectError(a.findBySellerSku("ANY-SKU"), AuthExpiredError);
      const tokens = await a.refreshToken();
      expect(tokens.accessToken).not.toBe("");
      expect(seen).toEqual([tokens]);
      expect(await a.findBySellerSku("ANY-SKU")).toBeNull();
      await a.create(ctx.listing(1));
    });

    itIf("serverErrors")(
      "an injected 5xx throws TransientError and changes nothing; reads retry past a single one",
      async () => {
        const a = await adapter();
        sim.setFaults({ serverErrorNext: 1 });
        await expectError(a.create(ctx.listing(1)), TransientError);
        expect(sim.listings()).toHaveLength(0);
        await a.create(ctx.listing(1));
        sim.setFaults({ serverErrorNext: 1 });
        expect(await collect(a)).toHaveLength(1);
        sim.setFaults({ serverErrorRate: 1 });
        await expectError(collect(a), TransientError);
      },
    );

    itIf("wrongSecret")("a wrong app secret gives a permanent error, not a crash", async () => {
      const a = await adapter({ appSecret: "not-the-secret" });
      await expectError(a.findBySellerSku("ANY-SKU"), PermanentError);
      await expectError(a.create(ctx.listing(1)), PermanentError);
      expect(sim.listings()).toHaveLength(0);
    });

    itIf("malformed")(
      "a malformed body throws TransientError (the write may have landed: look up before creating again)",
      async () => {
        const a = await adapter();
        const listing = ctx.listing(1);
        sim.setFaults({ malformedNext: 1 });
        await expectError(a.create(listing), TransientError);
        expect(await a.findBySellerSku(listing.variants[0]!.sellerSku)).not.toBeNull();
      },
    );

    itIf("timeout")("a call the channel never answers throws TransientError once the timeout passes", async () => {
      const a = await adapter({ timeoutMs: 150 });
      sim.setFaults({ timeoutNext: 1 });
      const err = await expectError(a.create(ctx.listing(1)), TransientError);
      expect(err.code).toBe("TIMEOUT");
    });

    itIf("abort")("the caller's AbortSignal ends a hanging call as TransientError", async () => {
      const a = await adapter();
      sim.setFaults({ timeoutNext: 1 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 30);
      await expectError(a.create(ctx.listing(1), { signal: controller.signal }), TransientError);
    });
  });
}
