import type { SimListing } from "../../core/simulator/types.js";
import type { RemoteStatus } from "../../core/types.js";
import { formatGmt } from "../time.js";

/** An attribute as stored: names always (filled in from ids the taxonomy knows), ids when the seller sent them. */
export interface NameValue {
  attribute_name: string;
  attribute_value: string;
  attribute_id?: number;
  attribute_value_id?: number;
}

export interface SimTier {
  quantity: number;
  price: string;
}

export interface SimSkuRecord {
  skuId: number;
  skuCode: string;
  price: string;
  inventory: number;
  saleAttributes: NameValue[];
  image?: string;
}

export type DisplayStatus = "online" | "offline" | "deleted";
export type AuditStatus = "pending" | "approved" | "rejected";

/** One product as the simulated ICBU back office holds it. */
export interface SimProduct {
  productId: number;
  title: string;
  description: string;
  keywords: string[];
  language: string;
  images: string[];
  modelNumber?: string;
  brandName?: string;
  categoryId: string;
  attributes: NameValue[];
  priceType: string;
  currency: string;
  tiers: SimTier[];
  /** SPU inventory (the sum of the SKUs when the product has SKUs). */
  inventory: number;
  moq: number;
  unit: string;
  skus: SimSkuRecord[];
  logistics: Record<string, unknown>;
  status: DisplayStatus;
  auditStatus: AuditStatus;
  auditReason?: string;
  createdAt: number;
  updatedAt: number;
  /** When the product last entered audit (automatic review counts from here). */
  submittedAt: number;
}

export function remoteStatusOf(p: SimProduct): RemoteStatus {
  if (p.status === "deleted") return "deleted";
  if (p.auditStatus === "rejected") return "rejected";
  if (p.auditStatus === "pending") return "pending";
  return p.status === "offline" ? "inactive" : "live";
}

/** A RemoteStatus set "on the channel" (editRemote) as display + audit status. */
export function statusesFor(status: RemoteStatus): { status: DisplayStatus; auditStatus?: AuditStatus } {
  switch (status) {
    case "live":
      return { status: "online", auditStatus: "approved" };
    case "pending":
      return { status: "online", auditStatus: "pending" };
    case "rejected":
      return { status: "online", auditStatus: "rejected" };
    case "inactive":
      return { status: "offline" };
    case "deleted":
      return { status: "deleted" };
  }
}

/** /alibaba/icbu/product/status/get/v2 word: online, draft, failed, pending. */
export function listingStatusOf(p: SimProduct): { status: string; status_desc?: string } {
  if (p.auditStatus === "pending") return { status: "pending" };
  if (p.auditStatus === "rejected") return { status: "failed", status_desc: p.auditReason ?? "Audit rejected" };
  return { status: p.status === "online" ? "online" : "draft" };
}

/** The get/v2 (and search/v2) product_info shape. */
export function productInfoWire(p: SimProduct, offsetMinutes: number): Record<string, unknown> {
  return {
    basic_info: {
      product_id: p.productId,
      title: p.title,
      description: p.description,
      keywords: [...p.keywords],
      language: p.language,
      product_images: p.images.map((url) => ({ image_url: url })),
      status: p.status,
      audit_status: p.auditStatus,
      create_timestamp: p.createdAt,
      last_modified_timestamp: p.updatedAt,
      gmt_modified: formatGmt(p.updatedAt, offsetMinutes),
      owner_ali_id: 2208876543210,
      ...(p.modelNumber ? { model_number: p.modelNumber } : {}),
      ...(p.brandName ? { brand_name: p.brandName } : {}),
    },
    category_info: { category_id: Number(p.categoryId) || p.categoryId, category_name: `Category/${p.categoryId}` },
    attributes: p.attributes.map((a) => ({ ...a })),
    trade_info: {
      moq: p.moq,
      unit: p.unit,
      price: {
        price_type: p.priceType,
        currency: p.currency,
        tiered_price: p.tiers.map((t) => ({ quantity: t.quantity, price: Number(t.price) })),
      },
      inventory: p.inventory,
      sku_info: p.skus.map((s) => ({
        sku_id: s.skuId,
        sku_code: s.skuCode,
        sku_price: Number(s.price),
        inventory: s.inventory,
        sale_attributes: s.saleAttributes.map((a) => ({ ...a })),
        ...(s.image ? { image: s.image } : {}),
      })),
    },
    logistics_info: { ...p.logistics },
  };
}

/** One /alibaba/icbu/product/list item: a brief, no SKUs (read get/v2 for those). */
export function briefWire(p: SimProduct, offsetMinutes: number): Record<string, unknown> {
  return {
    id: p.productId,
    product_id: String(p.productId),
    subject: p.title,
    status: p.auditStatus,
    display: p.status === "online" ? "Y" : "N",
    language: p.language,
    category_id: Number(p.categoryId) || p.categoryId,
    keywords: [...p.keywords],
    main_image: { images: p.images.slice(0, 1) },
    product_type: p.skus.length > 0 ? "sourcing" : "wholesale",
    ...(p.modelNumber ? { model_number: p.modelNumber } : {}),
    gmt_create: formatGmt(p.createdAt, offsetMinutes),
    gmt_modified: formatGmt(p.updatedAt, offsetMinutes),
    pc_detail_url: `https://www.alibaba.com/product-detail/_${p.productId}.html`,
  };
}

export function simListing(p: SimProduct): SimListing {
  return {
    itemId: String(p.productId),
    title: p.title,
    status: remoteStatusOf(p),
    rawStatus: `${p.status}/${p.auditStatus}`,
    ...(p.auditStatus === "rejected" && p.auditReason ? { rejectReason: p.auditReason } : {}),
    images: [...p.images],
    skus: p.skus.map((s) => ({
      sellerSku: s.skuCode,
      skuId: String(s.skuId),
      price: s.price,
      quantity: s.inventory,
      status: p.status,
    })),
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}
