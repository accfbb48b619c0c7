import type { CanonicalListing, DecimalString, RemoteListing, RemoteSku, RemoteStatus } from "../core/types.js";

/** One variant as the feed store keeps it; `revision` is the store revision of its last change. */
export interface FeedVariant {
  sellerSku: string;
  options: Record<string, string>;
  price: DecimalString;
  salePrice?: DecimalString;
  quantity: number;
  images: string[];
  weightKg?: number;
  revision: number;
  /** Taken off sale: left out of the feed files, kept in the store. */
  delisted: boolean;
}

export interface FeedProduct {
  productId: string;
  sellerSku: string;
  title: string;
  /** HTML as the listing holds it; the feeds carry it as plain text. */
  description: string;
  brand: string;
  categoryId: string;
  modelNumber?: string;
  currency: string;
  locale: string;
  link: string;
  images: string[];
  variants: FeedVariant[];
  /** Store revision of the last content change (create/update): consumers review content of this revision. */
  contentRevision: number;
  createdAt: string;
  updatedAt: string;
}

/** The JSON item store beside the feeds. Every write bumps `revision`. */
export interface FeedState {
  version: 1;
  revision: number;
  updatedAt: string;
  products: Record<string, FeedProduct>;
}

/**
 * What the consumer says about one feed item (keyed by variant id), written by a consumer that reports back or by the
 * operator (FeedAdapter.confirm): its verdict for a content revision, and edits made on the consumer's side.
 */
export interface FeedStatusEntry {
  status?: RemoteStatus;
  reason?: string;
  /** Content revision the verdict is about; a newer content change is pending again. */
  statusRevision?: number;
  /** Edits made on the consumer's side (drift), seen against store revision editRevision. */
  title?: string;
  price?: DecimalString;
  quantity?: number;
  editRevision?: number;
  at: string;
}

export interface FeedStatusReport {
  items: Record<string, FeedStatusEntry>;
}

export function emptyState(): FeedState {
  return { version: 1, revision: 0, updatedAt: new Date(0).toISOString(), products: {} };
}

export const BARCODE_KEYS = ["gtin", "barCode", "barcode", "ean"];

export function productFrom(
  listing: CanonicalListing,
  link: string,
  revision: number,
  now: string,
  previous?: FeedProduct,
): FeedProduct {
  const product: FeedProduct = {
    productId: listing.productId,
    sellerSku: listing.sellerSku,
    title: listing.title,
    description: listing.description,
    brand: listing.brand,
    categoryId: listing.categoryId,
    currency: listing.currency,
    locale: listing.locale,
    link,
    images: [...listing.images],
    variants: listing.variants.map((v) => {
      const old = previous?.variants.find((p) => p.sellerSku === v.sellerSku);
      return {
        sellerSku: v.sellerSku,
        options: { ...v.options },
        price: v.price,
        ...(v.salePrice !== undefined ? { salePrice: v.salePrice } : {}),
        quantity: v.quantity,
        images: [...v.images],
        weightKg: v.package.weightKg,
        revision,
        delisted: old?.delisted ?? false,
      };
    }),
    contentRevision: revision,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
  if (listing.modelNumber) product.modelNumber = listing.modelNumber;
  return product;
}

/** "https://shop.pk/p/{sellerSku}" -> the product's page; attributes.link wins when the listing has one. */
export function linkFor(listing: CanonicalListing, template?: string): string {
  const own = listing.attributes.link;
  if (own) return own;
  if (!template) return "";
  return template
    .replace(/\{sellerSku\}/g, encodeURIComponent(listing.sellerSku))
    .replace(/\{productId\}/g, encodeURIComponent(listing.productId));
}

export function variantStatus(p: FeedProduct, v: FeedVariant, report: FeedStatusReport): RemoteStatus {
  if (v.delisted) return "inactive";
  const entry = report.items[v.sellerSku];
  if (entry?.status && (entry.statusRevision ?? -1) >= p.contentRevision) return entry.status;
  return "pending";
}

/** A product is live when every SKU still in the feed is; any rejected SKU rejects it; none left = inactive. */
export function productStatus(p: FeedProduct, report: FeedStatusReport): RemoteStatus {
  const statuses = p.variants.filter((v) => !v.delisted).map((v) => variantStatus(p, v, report));
  if (statuses.length === 0) return "inactive";
  if (statuses.includes("rejected")) return "rejected";
  if (statuses.every((s) => s === "live")) return "live";
  if (statuses.every((s) => s === "inactive" || s === "deleted")) return "inactive";
  return "pending";
}

const RAW: Record<RemoteStatus, string> = {
  pending: "in feed, not yet published by the consumer",
  live: "published",
  rejected: "rejected by the consumer",
  inactive: "removed from the feed",
  deleted: "deleted by the consumer",
};

/** What the channel shows: the store, with the consumer's verdicts and its own edits where they are newer. */
export function remoteListing(p: FeedProduct, report: FeedStatusReport): RemoteListing {
  const status = productStatus(p, report);
  const entries = p.variants.map((v) => report.items[v.sellerSku]);
  const titleEdit = entries.find((e) => e?.title !== undefined && (e.editRevision ?? -1) >= p.contentRevision);
  const reasons = [
    ...new Set(
      p.variants
        .filter((v) => variantStatus(p, v, report) === "rejected")
        .map((v) => report.items[v.sellerSku]?.reason)
        .filter((r): r is string => !!r),
    ),
  ];
  const skus = p.variants.map((v): RemoteSku => {
    const e = report.items[v.sellerSku];
    const edited = e && (e.editRevision ?? -1) >= v.revision;
    return {
      sellerSku: v.sellerSku,
      price: edited && e.price !== undefined ? e.price : v.price,
      quantity: edited && e.quantity !== undefined ? e.quantity : v.delisted ? 0 : v.quantity,
      status: variantStatus(p, v, report),
    };
  });
  const listing: RemoteListing = {
    itemId: p.sellerSku,
    sellerSku: p.sellerSku,
    title: titleEdit?.title ?? p.title,
    status,
    rawStatus: RAW[status],
    imageCount: p.images.length,
    skus,
    updatedAt: p.updatedAt,
  };
  if (status === "rejected" && reasons.length > 0) listing.rejectReason = reasons.join("; ");
  return listing;
}
