import type { RemoteListing, RemoteSku, RemoteStatus } from "../core/types.js";

/**
 * Daraz read shapes (/products/get, /product/item/get) -> RemoteListing. Daraz mixes numbers and strings for ids,
 * counts and times, and sometimes sends image lists as JSON strings, so every field is read leniently.
 */
export interface DarazProductsPage {
  total: number;
  products: Record<string, unknown>[];
}

export function parseProductsPage(data: unknown): DarazProductsPage {
  const obj = asRecord(data);
  const products = Array.isArray(obj.products) ? obj.products.map(asRecord) : [];
  const total = Number(obj.total_products ?? products.length);
  return { total: Number.isFinite(total) ? total : products.length, products };
}

export function parseDarazProduct(raw: Record<string, unknown>): RemoteListing {
  const attributes = asRecord(raw.attributes);
  const skus = (Array.isArray(raw.skus) ? raw.skus : []).map(asRecord).map(parseSku);
  const rawStatus = String(raw.status ?? "");
  const listing: RemoteListing = {
    itemId: String(raw.item_id ?? ""),
    sellerSku: skus[0]?.sellerSku ?? "",
    status: mapDarazStatus(rawStatus),
    rawStatus,
    imageCount: imageList(raw.images).length,
    skus,
  };
  if (typeof attributes.name === "string") listing.title = attributes.name;
  const reason = rejectReason(raw.rejectReason);
  if (reason) listing.rejectReason = reason;
  const updated = Number(raw.updated_time ?? raw.created_time);
  if (Number.isFinite(updated) && updated > 0) listing.updatedAt = new Date(updated).toISOString();
  return listing;
}

/** Product status words: Active, InActive, Pending QC, Rejected, Suspended, Deleted. */
export function mapDarazStatus(raw: string): RemoteStatus {
  const word = (raw.split(",")[0] ?? "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
  if (word === "active" || word === "live") return "live";
  if (word === "pendingqc" || word === "pending") return "pending";
  if (word === "rejected" || word === "suspended") return "rejected";
  if (word === "deleted") return "deleted";
  return "inactive";
}

function parseSku(raw: Record<string, unknown>): RemoteSku {
  const sku: RemoteSku = { sellerSku: String(raw.SellerSku ?? "") };
  if (raw.SkuId !== undefined && raw.SkuId !== null) sku.skuId = String(raw.SkuId);
  if (raw.price !== undefined && raw.price !== null && raw.price !== "") sku.price = String(raw.price);
  const quantity = Number(raw.quantity);
  if (raw.quantity !== undefined && Number.isFinite(quantity)) sku.quantity = quantity;
  if (typeof raw.Status === "string") sku.status = raw.Status;
  return sku;
}

function imageList(value: unknown): string[] {
  let list: unknown = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      list = [];
    }
  }
  return Array.isArray(list) ? list.filter((url): url is string => typeof url === "string" && url !== "") : [];
}

function rejectReason(value: unknown): string | undefined {
  if (typeof value === "string") return value || undefined;
  if (!Array.isArray(value)) return undefined;
  const texts = value
    .map(asRecord)
    .map((r) => [r.violationDetail, r.suggestion].filter((t) => typeof t === "string" && t !== "").join(" - "))
    .filter(Boolean);
  return texts.length > 0 ? texts.join("; ") : undefined;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
