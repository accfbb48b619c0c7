import { describe, expect, it } from "vitest";
import type { CanonicalListing, RemoteListing } from "../../adapters/core/types.js";
import { buildListing } from "../../src/listing/buildListing.js";
import { classify, type ExpectedListing, sameDecimal } from "../../src/reconcile/compare.js";
import { diffListings } from "../../src/reconcile/plan.js";
import { policyFromSettings } from "../../src/reconcile/policy.js";
import { safeCell } from "../../src/reconcile/report.js";
import { darazProfile, footballProduct } from "../support/catalogFixtures.js";

const now = new Date("2026-03-01T00:00:00Z");
const expected = (sku: string, over: Partial<ExpectedListing> = {}): ExpectedListing => ({
  productId: `p-${sku}`,
  sku,
  title: `Ball ${sku}`,
  imageCount: 1,
  variants: [{ sellerSku: `${sku}-W`, price: "4500.00", quantity: 10 }],
  remoteItemId: `i-${sku}`,
  lastPushedAt: now,
  ...over,
});
const remote = (sku: string, over: Partial<RemoteListing> = {}): RemoteListing => ({
  itemId: `i-${sku}`,
  sellerSku: `${sku}-W`,
  title: `Ball ${sku}`,
  status: "live",
  imageCount: 1,
  skus: [{ sellerSku: `${sku}-W`, price: "4500", quantity: 10, status: "active" }],
  ...over,
});
const run = (e: ExpectedListing[], r: RemoteListing[], notExpected = new Map()) =>
  classify({ expected: e, remote: r, notExpected, now, stuckAfterMs: 48 * 3_600_000 });

describe("classify", () => {
  it("compares prices as decimals and finds nothing when the channel matches", () => {
    expect(sameDecimal("4500", "4500.00")).toBe(true);
    expect(sameDecimal("16.99", "16.990")).toBe(true);
    expect(sameDecimal("16.99", "17")).toBe(false);
    expect(run([expected("A")], [remote("A")]).items).toEqual([]);
  });

  it("matches by variant seller SKU, not by item id or product key", () => {
    const r = remote("A", { itemId: "other-id", sellerSku: "whatever" });
    expect(run([expected("A")], [r]).items).toEqual([]);
  });

  it("reports a missing variant inside a listing and an extra SKU the catalog does not hold", () => {
    const e = expected("A", {
      variants: [
        { sellerSku: "A-W", price: "1.00", quantity: 1 },
        { sellerSku: "A-R", price: "1.00", quantity: 1 },
      ],
    });
    const r = remote("A", {
      skus: [
        { sellerSku: "A-W", price: "1", quantity: 1 },
        { sellerSku: "A-X", price: "2", quantity: 5, status: "active" },
        { sellerSku: "A-OFF", price: "2", quantity: 5, status: "inactive" },
      ],
    });
    const items = run([e], [r]).items;
    expect(items).toEqual([
      expect.objectContaining({ kind: "orphaned", field: "sku", sellerSku: "A-X", delistSkus: ["A-X"] }),
      expect.objectContaining({ kind: "missing", field: "sku", sellerSku: "A-R" }),
    ]);
  });

  it("reports a second listing of the same product as a duplicate that is never deactivated by SKU", () => {
    const items = run([expected("A")], [remote("A"), remote("A", { itemId: "dup" })]).items;
    expect(items).toEqual([expect.objectContaining({ kind: "orphaned", field: "duplicate", itemId: "dup" })]);
    expect(items[0]?.delistSkus).toBeUndefined();
  });

  it("leaves alone listings of held products and orphans nobody can see", () => {
    const notExpected = new Map([["H-W", { productId: "p-H", reason: "held" as const }]]);
    const result = run(
      [],
      [remote("H"), remote("Z", { status: "inactive" }), remote("R", { status: "rejected" })],
      notExpected,
    );
    expect(result).toEqual({ items: [], heldOnChannel: 1, hiddenUnmatched: 2 });
  });

  it("reports pending only once it has waited longer than the threshold", () => {
    const pending = remote("A", { status: "pending" });
    expect(run([expected("A", { lastPushedAt: new Date(now.getTime() - 47 * 3_600_000) })], [pending]).items).toEqual(
      [],
    );
    expect(run([expected("A", { lastPushedAt: new Date(now.getTime() - 49 * 3_600_000) })], [pending]).items).toEqual([
      expect.objectContaining({ kind: "stuck_in_review", expected: "reviewed within 48h" }),
    ]);
  });

  it("reports a deleted listing as status drift without comparing its fields", () => {
    const items = run([expected("A")], [remote("A", { status: "deleted", title: "x", imageCount: 0 })]).items;
    expect(items).toEqual([expect.objectContaining({ kind: "field_drift", field: "status", actual: "deleted" })]);
  });
});

describe("plan diff", () => {
  const built = buildListing(footballProduct(), darazProfile);
  if (!built.ok) throw new Error("fixture does not build");
  const before = built.listing;

  it("lists every changed field, per variant for price and stock, and added or removed variants", () => {
    const after: CanonicalListing = {
      ...before,
      title: "New title",
      attributes: { ...before.attributes, material: "leather" },
      variants: [
        { ...before.variants[0]!, price: "4999.00", quantity: 3 },
        { ...before.variants[0]!, sellerSku: "NEW-SKU", price: "10.00" },
      ],
    };
    expect(diffListings(before, after)).toEqual([
      { field: "title", before: before.title, after: "New title" },
      { field: "attributes.material", before: "PU leather", after: "leather" },
      { field: "price", sellerSku: "SKC-FB-PRO5-WHT", before: "4500.00", after: "4999.00" },
      { field: "stock", sellerSku: "SKC-FB-PRO5-WHT", before: "300", after: "3" },
      { field: "variant", sellerSku: "NEW-SKU", before: null, after: "added" },
      { field: "price", sellerSku: "NEW-SKU", before: null, after: "10.00" },
      { field: "stock", sellerSku: "NEW-SKU", before: null, after: "300" },
      { field: "options", sellerSku: "NEW-SKU", before: null, after: '{"color":"White"}' },
      { field: "package", sellerSku: "NEW-SKU", before: null, after: expect.any(String) },
    ]);
    expect(diffListings(before, { ...before, variants: [] })).toEqual([
      { field: "variant", sellerSku: "SKC-FB-PRO5-WHT", before: "present", after: null },
    ]);
    expect(diffListings(before, { ...before, variants: [{ ...before.variants[0]!, price: "4500" }] })).toEqual([]);
  });
});

describe("policy and export safety", () => {
  it("fills policy defaults and falls back to them on a malformed policy", () => {
    const defaults = { mode: "report", orphans: "report", stuckAfterHours: 48, nightly: true };
    expect(policyFromSettings({ locale: "en" })).toEqual(defaults);
    expect(policyFromSettings({ reconcile: { mode: "repair", orphans: "deactivate" } })).toMatchObject({
      mode: "repair",
      orphans: "deactivate",
    });
    expect(policyFromSettings({ reconcile: { mode: "explode" } })).toEqual(defaults);
    expect(policyFromSettings(null)).toEqual(defaults);
  });

  it("neutralises spreadsheet formulas but keeps plain numbers", () => {
    expect(safeCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(safeCell("+1+2")).toBe("'+1+2");
    expect(safeCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(safeCell("\t=1")).toBe("'\t=1");
    expect(safeCell("-5")).toBe("-5");
    expect(safeCell("-1+cmd")).toBe("'-1+cmd");
    expect(safeCell("4500.00")).toBe("4500.00");
    expect(safeCell(null)).toBe("");
  });
});
