import type { SimListing } from "../../core/simulator/types.js";
import type { RemoteStatus } from "../../core/types.js";

/** Product status words as Daraz shows them. */
export type DarazRawStatus = "Pending QC" | "Active" | "InActive" | "Rejected" | "Deleted";

export interface SimSkuRecord {
  skuId: number;
  sellerSku: string;
  shopSku: string;
  price: string;
  specialPrice?: string;
  quantity: number;
  status: "active" | "inactive";
  packageLength: string;
  packageWidth: string;
  packageHeight: string;
  packageWeight: string;
  packageContent?: string;
  saleProp: Record<string, string>;
  images: string[];
}

export interface SimProduct {
  itemId: number;
  primaryCategory: string;
  images: string[];
  attributes: Record<string, string>;
  skus: SimSkuRecord[];
  status: DarazRawStatus;
  rejectReason?: string;
  createdAt: number;
  updatedAt: number;
  /** When the product last entered QC (automatic review counts from here). */
  submittedAt: number;
}

const TO_REMOTE: Record<DarazRawStatus, RemoteStatus> = {
  "Pending QC": "pending",
  Active: "live",
  InActive: "inactive",
  Rejected: "rejected",
  Deleted: "deleted",
};

const FROM_REMOTE: Record<RemoteStatus, DarazRawStatus> = {
  pending: "Pending QC",
  live: "Active",
  inactive: "InActive",
  rejected: "Rejected",
  deleted: "Deleted",
};

export function rawStatusFor(status: RemoteStatus): DarazRawStatus {
  return FROM_REMOTE[status];
}

/** The /products/get and /product/item/get shape of one product. */
export function productWire(p: SimProduct): Record<string, unknown> {
  return {
    item_id: p.itemId,
    primary_category: Number(p.primaryCategory) || p.primaryCategory,
    created_time: String(p.createdAt),
    updated_time: String(p.updatedAt),
    images: [...p.images],
    marketImages: [],
    status: p.status,
    subStatus: p.status === "Rejected" ? "Reject" : "",
    ...(p.rejectReason
      ? { rejectReason: [{ suggestion: "Fix the listing and update it", violationDetail: p.rejectReason }] }
      : {}),
    trialProduct: false,
    attributes: { ...p.attributes },
    skus: p.skus.map((s) => ({
      Status: s.status,
      quantity: s.quantity,
      Available: s.status === "active" ? s.quantity : 0,
      price: Number(s.price),
      special_price: s.specialPrice ? Number(s.specialPrice) : 0,
      SellerSku: s.sellerSku,
      ShopSku: s.shopSku,
      SkuId: s.skuId,
      Url: `https://www.daraz.pk/products/i${p.itemId}-s${s.skuId}.html`,
      package_length: s.packageLength,
      package_width: s.packageWidth,
      package_height: s.packageHeight,
      package_weight: s.packageWeight,
      ...(s.packageContent ? { package_content: s.packageContent } : {}),
      ...s.saleProp,
      Images: [...s.images],
    })),
  };
}

export function simListing(p: SimProduct): SimListing {
  return {
    itemId: String(p.itemId),
    title: p.attributes.name ?? "",
    status: TO_REMOTE[p.status],
    rawStatus: p.status,
    ...(p.rejectReason ? { rejectReason: p.rejectReason } : {}),
    images: [...p.images],
    skus: p.skus.map((s) => ({
      sellerSku: s.sellerSku,
      skuId: String(s.skuId),
      price: s.price,
      ...(s.specialPrice ? { salePrice: s.specialPrice } : {}),
      quantity: s.quantity,
      status: s.status,
    })),
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}

/** Products filter words of /products/get. */
export const PRODUCT_FILTERS = [
  "all",
  "live",
  "inactive",
  "deleted",
  "image-missing",
  "pending",
  "rejected",
  "sold-out",
] as const;
export type ProductFilter = (typeof PRODUCT_FILTERS)[number];

export function matchesFilter(p: SimProduct, filter: ProductFilter): boolean {
  switch (filter) {
    case "all":
      return p.status !== "Deleted";
    case "live":
      return p.status === "Active";
    case "inactive":
      return p.status === "InActive";
    case "deleted":
      return p.status === "Deleted";
    case "pending":
      return p.status === "Pending QC";
    case "rejected":
      return p.status === "Rejected";
    case "image-missing":
      return p.status !== "Deleted" && p.images.length === 0;
    case "sold-out":
      return p.status !== "Deleted" && p.skus.every((s) => s.quantity === 0);
  }
}
