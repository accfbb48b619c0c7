/**
 * Pure classification of what a channel shows against what it should show. No database, no channel: the run
 * (run.ts) gathers both sides and hands them here, so every rule is testable on plain values.
 */
import { Decimal } from "decimal.js";
import type { RemoteListing, RemoteSku } from "../../adapters/core/types.js";

export const driftKinds = ["missing", "orphaned", "field_drift", "stuck_in_review", "rejected"] as const;
export type DriftKind = (typeof driftKinds)[number];

/** Fields compared on a listing the channel shows; price and stock are per variant seller SKU. */
export type DriftField = "title" | "price" | "stock" | "status" | "image_count" | "sku" | "duplicate" | "listing";

/** The listing one channel should show for one product, reduced to what reconciliation compares. */
export interface ExpectedListing {
  productId: string;
  /** Product-level key. */
  sku: string;
  title: string;
  imageCount: number;
  variants: { sellerSku: string; price: string; quantity: number }[];
  /** From the listing row, when there is one. */
  remoteItemId: string | null;
  lastPushedAt: Date | null;
}

/** Why the catalog holds a seller SKU that is not expected on the channel. */
export type NotExpectedReason = "inactive" | "held";

export interface CompareInput {
  expected: ExpectedListing[];
  /** Variant seller SKUs of catalog products that should not be on the channel, and why. */
  notExpected: ReadonlyMap<string, { productId: string; reason: NotExpectedReason }>;
  remote: RemoteListing[];
  now: Date;
  stuckAfterMs: number;
}

export interface DriftItem {
  kind: DriftKind;
  productId: string | null;
  sellerSku: string | null;
  itemId: string | null;
  field: DriftField | null;
  expected: string | null;
  actual: string | null;
  /** Orphans only: the seller SKUs a deactivation would take down (never set for duplicates). */
  delistSkus?: string[];
}

export interface CompareResult {
  items: DriftItem[];
  /** Remote listings of products the catalog holds back (incomplete / needs translation): left alone. */
  heldOnChannel: number;
  /** Remote listings nobody expects that are not visible (inactive, deleted, rejected): not drift. */
  hiddenUnmatched: number;
}

/** Exact decimal equality ("4500" equals "4500.00"); anything unparsable compares as text. */
export function sameDecimal(a: string, b: string): boolean {
  try {
    return new Decimal(a.trim()).eq(new Decimal(b.trim()));
  } catch {
    return a.trim() === b.trim();
  }
}

const normText = (s: string) => s.replace(/\s+/g, " ").trim();

/** A listing a buyer can see, or is about to (in review). */
const visible = (status: RemoteListing["status"]) => status === "live" || status === "pending";

/** A SKU the channel has switched off inside a listing (Daraz "inactive", Alibaba "offline", ...). */
const skuOff = (sku: RemoteSku) => /^(inactive|offline|deleted|delisted|disabled)$/i.test(sku.status ?? "");

interface Observation {
  remote: RemoteListing;
  skus: RemoteSku[];
}

/** Classifies every difference between the expected listings and the remote ones; see docs/reconciliation.md. */
export function classify(input: CompareInput): CompareResult {
  const items: DriftItem[] = [];
  const bySku = new Map<string, ExpectedListing>();
  for (const e of input.expected) for (const v of e.variants) bySku.set(v.sellerSku, e);

  const seen = new Map<string, Observation[]>();
  let heldOnChannel = 0;
  let hiddenUnmatched = 0;

  for (const remote of input.remote) {
    const groups = new Map<ExpectedListing, RemoteSku[]>();
    const unmatched: RemoteSku[] = [];
    for (const sku of remote.skus) {
      const e = bySku.get(sku.sellerSku);
      if (e) groups.set(e, [...(groups.get(e) ?? []), sku]);
      else unmatched.push(sku);
    }
    for (const [e, skus] of groups) {
      const list = seen.get(e.productId) ?? [];
      list.push({ remote, skus });
      seen.set(e.productId, list);
    }
    if (unmatched.length === 0) continue;

    const known = unmatched.map((s) => input.notExpected.get(s.sellerSku)).find(Boolean);
    if (known?.reason === "held") {
      heldOnChannel += 1;
      continue;
    }
    if (!visible(remote.status)) {
      hiddenUnmatched += 1;
      continue;
    }
    if (groups.size === 0) {
      // The whole listing belongs to no expected product.
      const shown = unmatched.filter((s) => !skuOff(s));
      if (shown.length === 0) {
        hiddenUnmatched += 1;
        continue;
      }
      items.push({
        kind: "orphaned",
        productId: known?.productId ?? null,
        sellerSku: remote.sellerSku || unmatched[0]?.sellerSku || null,
        itemId: remote.itemId || null,
        field: "listing",
        expected: known?.reason === "inactive" ? "delisted (product inactive)" : "absent (not in the catalog)",
        actual: `${remote.status}${remote.title !== undefined ? `: ${remote.title}` : ""}`,
        delistSkus: shown.map((s) => s.sellerSku),
      });
      continue;
    }
    // A listing of an expected product that carries SKUs the catalog does not hold (or holds inactive).
    for (const sku of unmatched) {
      if (skuOff(sku)) continue;
      const owner = input.notExpected.get(sku.sellerSku);
      items.push({
        kind: "orphaned",
        productId: owner?.productId ?? null,
        sellerSku: sku.sellerSku,
        itemId: remote.itemId || null,
        field: "sku",
        expected: owner?.reason === "inactive" ? "delisted (product inactive)" : "absent (not in the catalog)",
        actual: `${remote.status}${sku.price !== undefined ? ` at ${sku.price}` : ""}`,
        delistSkus: [sku.sellerSku],
      });
    }
  }

  for (const e of input.expected) {
    const observations = seen.get(e.productId);
    const firstSku = e.variants[0]?.sellerSku ?? e.sku;
    if (!observations || observations.length === 0) {
      items.push({
        kind: "missing",
        productId: e.productId,
        sellerSku: firstSku,
        itemId: e.remoteItemId,
        field: "listing",
        expected: "listed",
        actual: "absent",
      });
      continue;
    }
    const primary =
      observations.find((o) => e.remoteItemId !== null && o.remote.itemId === e.remoteItemId) ??
      observations.find((o) => o.remote.status !== "deleted") ??
      observations[0]!;
    for (const other of observations) {
      if (other === primary || !visible(other.remote.status)) continue;
      items.push({
        kind: "orphaned",
        productId: e.productId,
        sellerSku: other.skus[0]?.sellerSku ?? firstSku,
        itemId: other.remote.itemId || null,
        field: "duplicate",
        expected: `one listing (${primary.remote.itemId})`,
        actual: `also listed as ${other.remote.itemId} (${other.remote.status})`,
      });
    }
    items.push(...compareListing(e, primary, input.now, input.stuckAfterMs));
  }
  return { items, heldOnChannel, hiddenUnmatched };
}

/** Differences between one expected listing and the remote listing that holds its SKUs. */
export function compareListing(e: ExpectedListing, obs: Observation, now: Date, stuckAfterMs: number): DriftItem[] {
  const { remote } = obs;
  const firstSku = e.variants[0]?.sellerSku ?? e.sku;
  const base = { productId: e.productId, itemId: remote.itemId || null };
  const drift = (field: DriftField, expected: string, actual: string, sellerSku = firstSku): DriftItem => ({
    kind: "field_drift",
    ...base,
    sellerSku,
    field,
    expected,
    actual,
  });

  if (remote.status === "rejected") {
    return [
      {
        kind: "rejected",
        ...base,
        sellerSku: firstSku,
        field: "status",
        expected: "live",
        actual: remote.rejectReason ?? remote.rawStatus ?? "rejected",
      },
    ];
  }
  if (remote.status === "pending") {
    const since = e.lastPushedAt ?? (remote.updatedAt ? new Date(remote.updatedAt) : null);
    if (!since || now.getTime() - since.getTime() <= stuckAfterMs) return [];
    const hours = (now.getTime() - since.getTime()) / 3_600_000;
    return [
      {
        kind: "stuck_in_review",
        ...base,
        sellerSku: firstSku,
        field: "status",
        expected: `reviewed within ${Math.round(stuckAfterMs / 3_600_000)}h`,
        actual: `pending ${hours.toFixed(1)}h (since ${since.toISOString()})`,
      },
    ];
  }

  const items: DriftItem[] = [];
  if (remote.status !== "live") {
    items.push(drift("status", "live", remote.rawStatus ? `${remote.status} (${remote.rawStatus})` : remote.status));
    if (remote.status === "deleted") return items;
  }
  if (remote.title !== undefined && normText(remote.title) !== normText(e.title)) {
    items.push(drift("title", e.title, remote.title));
  }
  if (remote.imageCount !== undefined && remote.imageCount !== e.imageCount) {
    items.push(drift("image_count", String(e.imageCount), String(remote.imageCount)));
  }
  const remoteSkus = new Map(obs.skus.map((s) => [s.sellerSku, s]));
  for (const v of e.variants) {
    const sku = remoteSkus.get(v.sellerSku);
    if (!sku) {
      items.push({
        kind: "missing",
        ...base,
        sellerSku: v.sellerSku,
        field: "sku",
        expected: "listed",
        actual: "absent",
      });
      continue;
    }
    if (sku.price !== undefined && !sameDecimal(sku.price, v.price)) {
      items.push(drift("price", v.price, sku.price, v.sellerSku));
    }
    if (sku.quantity !== undefined && sku.quantity !== v.quantity) {
      items.push(drift("stock", String(v.quantity), String(sku.quantity), v.sellerSku));
    }
  }
  return items;
}

/** Items per kind, every kind present (zero when none). */
export function countByKind(items: readonly { kind: DriftKind }[]): Record<DriftKind, number> {
  const counts = Object.fromEntries(driftKinds.map((k) => [k, 0])) as Record<DriftKind, number>;
  for (const item of items) counts[item.kind] += 1;
  return counts;
}
