import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CanonicalListing } from "../../adapters/core/types.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { setReconcilePolicy } from "../../src/reconcile/policy.js";
import { footballInput } from "../support/seedBasics.js";
import { poll, type ReconcileHarness, startReconcileHarness, writes } from "./harness.js";

const SKUS = ["D-PRICE", "D-STOCK", "D-TITLE", "D-STATUS", "D-IMG", "D-GONE", "D-STUCK", "D-INACT", "D-CLEAN"];
const zero = { missing: 0, orphaned: 0, field_drift: 0, stuck_in_review: 0, rejected: 0 };
/** Listing fields a repair changes (review checks running meanwhile may move state and remote status). */
const repairable = {
  id: true,
  remoteItemId: true,
  remoteSkus: true,
  contentHash: true,
  priceHash: true,
  stockHash: true,
  mediaHash: true,
  accepted: true,
} as const;
const content = (title: string) => ({
  content: [{ locale: "en", title, description: "<p>32 panels</p>", bullets: ["32 panels"] }],
});

describe("nightly reconciliation against the Daraz and Alibaba.com simulators", () => {
  let h: ReconcileHarness;
  let ids: Record<string, string>;
  let usdPrice: string;

  beforeAll(async () => {
    h = await startReconcileHarness("drift");
    ids = await h.sync(SKUS);
    const accepted = (
      await h.rt.db.listing.findFirstOrThrow({
        where: { productId: ids["D-PRICE"], channelAccountId: h.alibabaAccountId },
      })
    ).accepted as unknown as CanonicalListing;
    usdPrice = accepted.variants[0]!.price;
  });
  afterAll(() => h.close());

  it("reports zero on a channel that shows exactly what the catalog says", async () => {
    for (const accountId of [h.darazAccountId, h.alibabaAccountId]) {
      const run = await h.reconcile(accountId);
      expect(run).toMatchObject({
        status: "succeeded",
        counts: zero,
        remoteCount: SKUS.length,
        expectedCount: SKUS.length,
      });
      expect(run.pagesFetched).toBeGreaterThanOrEqual(run.minimumPages);
      expect(run.pagesEstimated).toBe(false);
      expect(await h.itemsOf(run.runId)).toEqual([]);
    }
  });

  it("finds every injected drift with its kind, expected and actual values, and report-only changes nothing", async () => {
    // A listing the channel rejects in review (banned title word), synced on both channels.
    const rejected = await h.sync(["D-REJ"], () => content("Replica Match Ball"));
    ids = { ...ids, ...rejected };

    h.daraz.editRemote("D-PRICE-WHT", { price: "3999" });
    h.daraz.editRemote("D-STOCK-WHT", { quantity: 7 });
    h.daraz.editRemote("D-TITLE-WHT", { title: "Changed in the back office" });
    h.daraz.editRemote("D-STATUS-WHT", { status: "inactive" });
    h.daraz.editRemote("D-IMG-WHT", {
      images: ["https://images.example.com/a.jpg", "https://images.example.com/b.jpg"],
    });
    h.daraz.editRemote("D-GONE-WHT", { status: "deleted" });
    h.daraz.editRemote("D-STUCK-WHT", { status: "pending" });
    await h.rt.db.listing.updateMany({
      where: { productId: ids["D-STUCK"] },
      data: { lastPushedAt: new Date(Date.now() - 72 * 3_600_000) },
    });
    h.daraz.seedListings([{ title: "Made on Daraz", skus: [{ sellerSku: "ORPHAN-1", price: "100", quantity: 3 }] }]);
    // Inactive in the catalog, still live on the channels (written without an outbox event, so nothing delists it).
    await h.rt.db.product.update({ where: { id: ids["D-INACT"] }, data: { active: false } });
    h.alibaba.editRemote("D-PRICE-WHT", { price: "1.23" });
    h.alibaba.editRemote("D-GONE-WHT", { status: "deleted" });

    const before = {
      daraz: h.daraz.listings(),
      alibaba: h.alibaba.listings(),
      writes: writes({ ...h.daraz.counts(), ...h.alibaba.counts() }),
      listings: await h.rt.db.listing.findMany({ orderBy: { id: "asc" }, select: repairable }),
    };

    const d = await h.reconcile(h.darazAccountId, { mode: "report" });
    expect(d.counts).toEqual({ missing: 1, orphaned: 2, field_drift: 5, stuck_in_review: 1, rejected: 1 });
    expect(d).toMatchObject({ remoteCount: SKUS.length + 1, expectedCount: SKUS.length + 1 - 1, repaired: 0 });
    const items = await h.itemsOf(d.runId);
    const strip = items.map(({ itemId: _, ...rest }) => rest);
    expect(strip).toEqual(
      expect.arrayContaining([
        {
          kind: "field_drift",
          field: "price",
          sellerSku: "D-PRICE-WHT",
          expected: "4500.00",
          actual: "3999",
          action: "reported",
        },
        {
          kind: "field_drift",
          field: "stock",
          sellerSku: "D-STOCK-WHT",
          expected: "240",
          actual: "7",
          action: "reported",
        },
        {
          kind: "field_drift",
          field: "title",
          sellerSku: "D-TITLE-WHT",
          expected: "Hand-Stitched Match Football Size 5",
          actual: "Changed in the back office",
          action: "reported",
        },
        {
          kind: "field_drift",
          field: "status",
          sellerSku: "D-STATUS-WHT",
          expected: "live",
          actual: "inactive (InActive)",
          action: "reported",
        },
        {
          kind: "field_drift",
          field: "image_count",
          sellerSku: "D-IMG-WHT",
          expected: "1",
          actual: "2",
          action: "reported",
        },
        {
          kind: "missing",
          field: "listing",
          sellerSku: "D-GONE-WHT",
          expected: "listed",
          actual: "absent",
          action: "reported",
        },
        {
          kind: "orphaned",
          field: "listing",
          sellerSku: "ORPHAN-1",
          expected: "absent (not in the catalog)",
          actual: "live: Made on Daraz",
          action: "reported",
        },
        {
          kind: "orphaned",
          field: "listing",
          sellerSku: "D-INACT-WHT",
          expected: "delisted (product inactive)",
          actual: "live: Hand-Stitched Match Football Size 5",
          action: "reported",
        },
      ]),
    );
    expect(strip.find((i) => i.kind === "stuck_in_review")).toMatchObject({
      sellerSku: "D-STUCK-WHT",
      expected: "reviewed within 48h",
      actual: expect.stringMatching(/^pending 72\.0h/),
    });
    expect(strip.find((i) => i.kind === "rejected")).toMatchObject({
      sellerSku: "D-REJ-WHT",
      expected: "live",
      actual: expect.stringContaining('Prohibited keyword in title: "replica"'),
    });
    // Every item carries the channel's item id, except the listing that is gone from the channel (its old id).
    expect(items.every((i) => i.itemId)).toBe(true);

    const a = await h.reconcile(h.alibabaAccountId, { mode: "report" });
    expect(a.counts).toEqual({ missing: 1, orphaned: 1, field_drift: 1, stuck_in_review: 0, rejected: 1 });
    const aItems = await h.itemsOf(a.runId);
    expect(aItems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "field_drift",
          field: "price",
          sellerSku: "D-PRICE-WHT",
          expected: usdPrice,
          actual: "1.23",
        }),
        expect.objectContaining({ kind: "missing", sellerSku: "D-GONE-WHT" }),
        expect.objectContaining({ kind: "orphaned", sellerSku: "D-INACT-WHT" }),
        expect.objectContaining({
          kind: "rejected",
          sellerSku: "D-REJ-WHT",
          actual: expect.stringMatching(/replica/i),
        }),
      ]),
    );

    // Report only: nothing written to a channel, no listing row touched, no push queued.
    expect(h.daraz.listings()).toEqual(before.daraz);
    expect(h.alibaba.listings()).toEqual(before.alibaba);
    expect(writes({ ...h.daraz.counts(), ...h.alibaba.counts() })).toEqual(before.writes);
    expect(await h.rt.db.listing.findMany({ orderBy: { id: "asc" }, select: repairable })).toEqual(before.listings);
    for (const channel of ["daraz", "alibaba"]) {
      const jobs = await h.rt.queues.get(channel).getJobs(["waiting", "active", "prioritized", "delayed"]);
      expect(jobs.filter((j) => j.name === "push")).toEqual([]);
    }
  });

  it("repairs through the push queue and deactivates orphans; a second run reports zero", async () => {
    await setReconcilePolicy(h.rt.db, h.darazAccountId, { mode: "repair", orphans: "deactivate" });
    await setReconcilePolicy(h.rt.db, h.alibabaAccountId, { mode: "repair", orphans: "deactivate" });
    // The listing builder's own settings survive the policy write.
    expect((await h.rt.accounts.get(h.darazAccountId)).profile.categoryMap).toEqual({ "sports-balls": "10000421" });
    const deactivateCalls = h.daraz.counts()["/product/deactivate"] ?? 0;

    const d = await h.reconcile(h.darazAccountId);
    expect(d).toMatchObject({ mode: "repair", orphans: "deactivate", repaired: 5, deactivated: 2 });
    const actions = Object.fromEntries(
      (await h.itemsOf(d.runId)).map((i) => [`${i.kind}:${i.field}:${i.sellerSku}`, i.action]),
    );
    expect(actions).toEqual({
      "field_drift:price:D-PRICE-WHT": "repaired",
      "field_drift:stock:D-STOCK-WHT": "repaired",
      "field_drift:title:D-TITLE-WHT": "repaired",
      "field_drift:image_count:D-IMG-WHT": "repaired",
      "missing:listing:D-GONE-WHT": "repaired",
      "field_drift:status:D-STATUS-WHT": "needs_operator",
      "stuck_in_review:status:D-STUCK-WHT": "needs_operator",
      "rejected:status:D-REJ-WHT": "needs_operator",
      "orphaned:listing:ORPHAN-1": "deactivated",
      "orphaned:listing:D-INACT-WHT": "deactivated",
    });
    // One deactivate call carried both orphans' SKUs (adapter.delist).
    expect((h.daraz.counts()["/product/deactivate"] ?? 0) - deactivateCalls).toBe(1);
    expect(h.daraz.listings().find((l) => l.skus[0]?.sellerSku === "ORPHAN-1")?.status).toBe("inactive");
    const a = await h.reconcile(h.alibabaAccountId);
    expect(a).toMatchObject({ repaired: 2, deactivated: 1 });

    // The operator's part: reactivate in the back office, fix the rejected title; review finishes.
    h.daraz.editRemote("D-STATUS-WHT", { status: "live" });
    const rejectedHashes = (await h.rt.db.listing.findMany({ where: { productId: ids["D-REJ"] } })).map(
      (l) => l.contentHash,
    );
    await saveProduct(h.rt.db, h.exporterId, footballInput("D-REJ", content("Match Ball Size 5")), { mode: "update" });
    await expect
      .poll(
        async () =>
          h.rt.db.listing.count({
            where: { productId: ids["D-REJ"], contentHash: { notIn: rejectedHashes.filter((x) => x !== null) } },
          }),
        poll,
      )
      .toBe(2);
    await h.settle();

    for (const accountId of [h.darazAccountId, h.alibabaAccountId]) {
      const again = await h.reconcile(accountId, { mode: "report" });
      expect({ counts: again.counts, items: await h.itemsOf(again.runId) }).toEqual({ counts: zero, items: [] });
    }
    const gone = h.daraz.listings().filter((l) => l.skus.some((s) => s.sellerSku === "D-GONE-WHT"));
    expect(gone.map((l) => l.status).sort()).toEqual(["deleted", "live"]);
  });
});
