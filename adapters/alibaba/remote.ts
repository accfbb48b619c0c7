import type { RemoteListing, RemoteSku, RemoteStatus } from "../core/types.js";
import type { AlibabaOk } from "./client.js";
import { parseGmt } from "./time.js";

/**
 * ICBU read shapes -> RemoteListing. The v2 answers put the payload under `result` (sometimes `result.data`), ids come
 * as numbers or strings, and sku_price may be a number, a string or a small object, so every field is read leniently.
 */
export interface AlibabaBrief {
  productId: string;
  /** gmt_modified in epoch ms, when the list item carries it (it drives the time-window walk). */
  modifiedMs?: number;
}

export interface AlibabaListPage {
  total: number;
  items: AlibabaBrief[];
}

export function resultOf(ok: AlibabaOk): Record<string, unknown> {
  return asRecord(ok.result);
}

/** /alibaba/icbu/product/list: result.products[] (briefs) and result.total_item. */
export function parseListPage(ok: AlibabaOk, offsetMinutes: number): AlibabaListPage {
  const result = resultOf(ok);
  const data = asRecord(result.data);
  const raw = firstArray(result.products, data.products, ok.products);
  const items = raw.map(asRecord).flatMap((item): AlibabaBrief[] => {
    const productId = idString(item.id ?? item.product_id);
    if (!productId) return [];
    const modified = typeof item.gmt_modified === "string" ? parseGmt(item.gmt_modified, offsetMinutes) : undefined;
    return [{ productId, ...(modified !== undefined ? { modifiedMs: modified } : {}) }];
  });
  const total = Number(result.total_item ?? data.total_item ?? ok.total_item ?? items.length);
  return { total: Number.isFinite(total) ? total : items.length, items };
}

/** /alibaba/icbu/product/get/v2: the product_info object, wherever the answer put it. */
export function productInfoOf(ok: AlibabaOk): Record<string, unknown> | undefined {
  const result = resultOf(ok);
  const data = asRecord(result.data);
  for (const candidate of [result.product_info, data.product_info, result.data, result, ok.product_info]) {
    const record = asRecord(candidate);
    if (Object.keys(asRecord(record.basic_info)).length > 0) return record;
  }
  return undefined;
}

/** /alibaba/icbu/product/search/v2: product_info[] (same structure as get/v2). */
export function searchResults(ok: AlibabaOk): Record<string, unknown>[] {
  const result = resultOf(ok);
  const data = asRecord(result.data);
  return firstArray(result.product_info, data.product_info, result.products, ok.product_info).map(asRecord);
}

/** /alibaba/icbu/product/status/get/v2: data.status (online, draft, failed, pending) and data.status_desc. */
export function parseListingStatus(ok: AlibabaOk): { status: RemoteStatus; raw: string; description?: string } {
  const result = resultOf(ok);
  const data = asRecord(result.data);
  const raw = String(data.status ?? result.status ?? "");
  const description = typeof data.status_desc === "string" && data.status_desc ? data.status_desc : undefined;
  return { status: mapListingStatus(raw), raw, ...(description ? { description } : {}) };
}

export function mapListingStatus(raw: string): RemoteStatus {
  switch (raw.trim().toLowerCase()) {
    case "online":
      return "live";
    case "pending":
      return "pending";
    case "failed":
      return "rejected";
    default:
      return "inactive"; // draft
  }
}

/** get/v2 basic_info: status online/offline/deleted, audit_status approved/pending/rejected. */
export function mapAlibabaStatus(status: string, auditStatus: string): RemoteStatus {
  const s = status.trim().toLowerCase();
  const a = auditStatus.trim().toLowerCase();
  if (s === "deleted") return "deleted";
  if (a === "rejected") return "rejected";
  if (a === "pending" || a === "auditing") return "pending";
  if (s === "offline") return "inactive";
  return "live";
}

export function parseProductInfo(info: Record<string, unknown>, offsetMinutes: number): RemoteListing {
  const basic = asRecord(info.basic_info);
  const trade = asRecord(info.trade_info);
  const skus = firstArray(trade.sku_info).map(asRecord).map(parseSku);
  const status = String(basic.status ?? "");
  const audit = String(basic.audit_status ?? "");
  const images = firstArray(basic.product_images, basic.product_image)
    .map((img) => (typeof img === "string" ? img : String(asRecord(img).image_url ?? asRecord(img).url ?? "")))
    .filter((url) => url !== "");
  const listing: RemoteListing = {
    itemId: idString(basic.product_id ?? info.product_id),
    sellerSku: skus[0]?.sellerSku ?? "",
    status: mapAlibabaStatus(status, audit),
    rawStatus: [status, audit].filter(Boolean).join("/"),
    imageCount: images.length,
    skus,
  };
  if (typeof basic.title === "string") listing.title = basic.title;
  const reason = [basic.audit_reason, basic.audit_fail_reason, basic.reject_reason].find(
    (r): r is string => typeof r === "string" && r !== "",
  );
  if (reason) listing.rejectReason = reason;
  const updated = updatedMs(basic, offsetMinutes);
  if (updated !== undefined) listing.updatedAt = new Date(updated).toISOString();
  return listing;
}

function parseSku(raw: Record<string, unknown>): RemoteSku {
  const sku: RemoteSku = { sellerSku: String(raw.sku_code ?? "") };
  const skuId = idString(raw.sku_id);
  if (skuId) sku.skuId = skuId;
  const price = priceText(raw.sku_price ?? raw.price);
  if (price !== undefined) sku.price = price;
  const quantity = Number(raw.inventory);
  if (raw.inventory !== undefined && raw.inventory !== null && Number.isFinite(quantity)) sku.quantity = quantity;
  if (typeof raw.status === "string") sku.status = raw.status;
  return sku;
}

/** A price as a decimal string from a number, a string, {price} or a ladder [{quantity, price}] (its first step). */
function priceText(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return value.trim();
  if (Array.isArray(value)) return priceText(asRecord(value[0]).price);
  if (value && typeof value === "object") return priceText((value as Record<string, unknown>).price);
  return undefined;
}

function updatedMs(basic: Record<string, unknown>, offsetMinutes: number): number | undefined {
  const stamp = Number(basic.last_modified_timestamp ?? basic.gmt_modified_timestamp);
  if (Number.isFinite(stamp) && stamp > 0) return stamp;
  return typeof basic.gmt_modified === "string" ? parseGmt(basic.gmt_modified, offsetMinutes) : undefined;
}

function firstArray(...values: unknown[]): unknown[] {
  for (const value of values) if (Array.isArray(value)) return value;
  return [];
}

export function idString(value: unknown): string {
  return typeof value === "number" || (typeof value === "string" && value !== "") ? String(value) : "";
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
