/**
 * The plan: what a sync of one listing would do, field by field, judged on the catalog side only (the freshly built
 * listing against Listing.accepted, the listing the channel last accepted). Pure: no database, no channel call.
 *
 * It lives beside reconciliation rather than in src/listing because both speak the same field vocabulary (title,
 * price and stock per SKU, images, status) and share the decimal comparison; it depends only on src/listing and the
 * adapter types, so it can move into src/listing unchanged if that room wants it.
 */
import type { CanonicalListing, CanonicalVariant } from "../../adapters/core/types.js";
import type { CatalogProduct } from "../catalog/catalogProduct.js";
import { buildListing, type PricingContext } from "../listing/buildListing.js";
import type { ListingPart } from "../listing/hashParts.js";
import { stableJson } from "../listing/hashParts.js";
import type { ConnectedAccount } from "../sync/channelAccounts.js";
import { buildOptions, type ListingInputs, resyncAction } from "../sync/resync.js";
import { sameDecimal } from "./compare.js";

export type PlanAction = "create" | "update" | "reprice" | "restock" | "reprice_restock" | "delist" | "hold";
/** The channel call the push would make. */
export type PlanCall = "create" | "update" | "updatePriceStock" | "delist" | "none";
export const planActions: readonly PlanAction[] = [
  "create",
  "update",
  "reprice",
  "restock",
  "reprice_restock",
  "delist",
  "hold",
];

export interface FieldChange {
  /** title, description, bullets, keywords, brand, modelNumber, categoryId, attributes.<key>, images, moq, tiers,
   * variant, price, salePrice, stock, options, package, variantImages, status */
  field: string;
  /** For per-variant fields. */
  sellerSku?: string;
  before: string | null;
  after: string | null;
}

export interface PlanItem {
  productId: string;
  sku: string;
  action: PlanAction;
  call: PlanCall;
  /** Parts whose hash differs from what the channel accepted. */
  parts: ListingPart[];
  changes: FieldChange[];
  /** Why a listing is held back (hold only). */
  holds?: string[];
  /** The listing row predates stored accepted listings: the parts are known, the fields are not. */
  acceptedUnknown?: boolean;
}

/** The listing row fields the plan reads. */
export interface PlanListing {
  remoteItemId: string | null;
  state: string;
  contentHash: string | null;
  priceHash: string | null;
  stockHash: string | null;
  mediaHash: string | null;
  accepted: unknown;
}

const text = (v: unknown): string | null =>
  v === undefined || v === null ? null : typeof v === "string" ? v : stableJson(v);

/** Field-by-field differences from `before` (null: nothing on the channel yet) to `after`. */
export function diffListings(before: CanonicalListing | null, after: CanonicalListing): FieldChange[] {
  const changes: FieldChange[] = [];
  const put = (field: string, b: unknown, a: unknown, sellerSku?: string) => {
    const bt = text(b);
    const at = text(a);
    if (bt === at) return;
    changes.push({ field, ...(sellerSku ? { sellerSku } : {}), before: bt, after: at });
  };
  const price = (field: string, b: string | undefined, a: string | undefined, sellerSku: string) => {
    if (b !== undefined && a !== undefined && sameDecimal(b, a)) return;
    put(field, b, a, sellerSku);
  };

  for (const field of ["title", "description", "bullets", "keywords", "brand", "modelNumber", "categoryId"] as const) {
    put(field, before?.[field], after[field]);
  }
  const keys = new Set([...Object.keys(before?.attributes ?? {}), ...Object.keys(after.attributes)]);
  for (const key of [...keys].sort()) put(`attributes.${key}`, before?.attributes?.[key], after.attributes[key]);
  put("images", before?.images, after.images);
  put("moq", before?.moq, after.moq);
  put("tiers", before?.tiers, after.tiers);

  const old = new Map<string, CanonicalVariant>((before?.variants ?? []).map((v) => [v.sellerSku, v]));
  for (const v of after.variants) {
    const b = old.get(v.sellerSku);
    old.delete(v.sellerSku);
    if (before && !b) changes.push({ field: "variant", sellerSku: v.sellerSku, before: null, after: "added" });
    price("price", b?.price, v.price, v.sellerSku);
    price("salePrice", b?.salePrice, v.salePrice, v.sellerSku);
    put("stock", b?.quantity, v.quantity, v.sellerSku);
    put("options", b?.options, v.options, v.sellerSku);
    put("package", b?.package, v.package, v.sellerSku);
    put(
      "variantImages",
      b && b.images.length > 0 ? b.images : undefined,
      v.images.length > 0 ? v.images : undefined,
      v.sellerSku,
    );
  }
  for (const gone of old.keys()) changes.push({ field: "variant", sellerSku: gone, before: "present", after: null });
  return changes;
}

/** The listing the channel last accepted, when the stored JSON looks like one. */
export function acceptedListing(value: unknown): CanonicalListing | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Partial<CanonicalListing>;
  return typeof v.title === "string" && Array.isArray(v.variants) && Array.isArray(v.images)
    ? ({ attributes: {}, bullets: [], keywords: [], ...v } as CanonicalListing)
    : null;
}

function actionForParts(parts: ListingPart[]): { action: PlanAction; call: PlanCall } {
  if (parts.includes("content") || parts.includes("media")) return { action: "update", call: "update" };
  const price = parts.includes("price");
  const stock = parts.includes("stock");
  return { action: price && stock ? "reprice_restock" : price ? "reprice" : "restock", call: "updatePriceStock" };
}

/**
 * What a push of this product to this account would do (the same decision as resyncAction and pushListing), with the
 * fields that would change. Null when the push would do nothing.
 */
export function planItem(
  product: CatalogProduct,
  listing: PlanListing | undefined,
  account: ConnectedAccount,
  pricing: PricingContext,
  inputs: ListingInputs = {},
): PlanItem | null {
  const decision = resyncAction(product, listing, account, pricing, inputs);
  if (!decision) return null;
  const base = { productId: product.id, sku: product.sku, parts: decision.parts };
  if (decision.action === "delist") {
    return {
      ...base,
      action: "delist",
      call: "delist",
      changes: [{ field: "status", before: listing?.state ?? null, after: "delisted" }],
    };
  }
  const built = buildListing(product, account.profile, pricing, buildOptions(account, inputs));
  if (decision.action === "hold" || !built.ok) {
    const holds = built.ok
      ? account.adapter.validate(built.listing).map((i) => `${i.field}: ${i.message}`)
      : built.holds.map((h) => `${h.field}: ${h.message}`);
    return { ...base, action: "hold", call: "none", changes: [], holds };
  }
  if (decision.action === "create") {
    return { ...base, action: "create", call: "create", changes: diffListings(null, built.listing) };
  }
  const accepted = acceptedListing(listing?.accepted);
  return {
    ...base,
    ...actionForParts(decision.parts),
    changes: accepted ? diffListings(accepted, built.listing) : [],
    ...(accepted ? {} : { acceptedUnknown: true }),
  };
}
