import type { RemoteListing, RemoteSku, RemoteStatus } from "../core/types.js";
import { asObject } from "./client.js";
import { parseBeijingTime } from "./time.js";

/**
 * JD read shapes -> RemoteListing. searchWare4Valid / findWareById give wares (no SKUs); searchSkuList gives SKUs
 * with their outerId (the variant seller SKU), jdPrice and stockNum. Numbers and strings are read leniently.
 */
export interface JdPage {
  data: Record<string, unknown>[];
  pageNo: number;
  pageSize: number;
  totalItem: number;
}

export function parseJdPage(result: Record<string, unknown>): JdPage {
  const page = asObject(result.page) ?? {};
  const data = Array.isArray(page.data) ? page.data.map((d) => asObject(d) ?? {}) : [];
  const total = Number(page.totalItem ?? data.length);
  return {
    data,
    pageNo: Number(page.pageNo ?? 1) || 1,
    pageSize: Number(page.pageSize ?? data.length) || data.length,
    totalItem: Number.isFinite(total) ? total : data.length,
  };
}

const STATUS: Record<number, RemoteStatus> = {
  1: "inactive",
  2: "inactive",
  4: "inactive",
  8: "live",
  513: "pending",
  514: "pending",
  516: "pending",
  520: "pending",
  1028: "rejected",
};

/** wareStatus: 8 on sale; 513/514/516/520 pending audit; 1, 2 and 4 not on sale; 1028 failed audit. */
export function mapJdWareStatus(status: unknown): RemoteStatus {
  return STATUS[Number(status)] ?? "inactive";
}

export function parseJdSku(raw: Record<string, unknown>): RemoteSku {
  const sku: RemoteSku = { sellerSku: String(raw.outerId ?? raw.outer_id ?? "") };
  if (raw.skuId !== undefined && raw.skuId !== null) sku.skuId = String(raw.skuId);
  const price = Number(raw.jdPrice);
  if (raw.jdPrice !== undefined && raw.jdPrice !== null && raw.jdPrice !== "" && Number.isFinite(price)) {
    sku.price = price.toFixed(2);
  }
  const stock = Number(raw.stockNum);
  if (raw.stockNum !== undefined && raw.stockNum !== null && Number.isFinite(stock)) sku.quantity = stock;
  if (raw.status !== undefined && raw.status !== null) sku.status = String(raw.status);
  return sku;
}

export function parseJdWare(
  ware: Record<string, unknown>,
  skus: Record<string, unknown>[],
  rejectReason?: string,
): RemoteListing {
  const parsedSkus = skus.map(parseJdSku);
  const rawStatus = String(ware.wareStatus ?? "");
  const listing: RemoteListing = {
    itemId: String(ware.wareId ?? ""),
    sellerSku: String(ware.outerId ?? "") || parsedSkus[0]?.sellerSku || "",
    status: mapJdWareStatus(ware.wareStatus),
    rawStatus,
    skus: parsedSkus,
  };
  if (typeof ware.title === "string") listing.title = ware.title;
  if (Array.isArray(ware.images)) listing.imageCount = ware.images.length;
  if (rejectReason) listing.rejectReason = rejectReason;
  const modified = jdTime(ware.modified);
  if (modified !== undefined) listing.updatedAt = new Date(modified).toISOString();
  return listing;
}

/** JD times come as epoch ms (number or digits) or as Beijing 'yyyy-MM-dd HH:mm:ss'. */
export function jdTime(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
  if (typeof value !== "string" || value === "") return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  return parseBeijingTime(value);
}

/** findOpReason answers differ between API versions; take the first reason text found. */
export function findReasonText(value: unknown, depth = 0): string | undefined {
  if (depth > 4 || value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = findReasonText(item, depth + 1);
      if (text) return text;
    }
    return undefined;
  }
  const obj = asObject(value);
  if (!obj) return undefined;
  for (const key of ["opReason", "reason", "auditReason", "opReasonDesc", "remark"]) {
    const text = obj[key];
    if (typeof text === "string" && text.trim() !== "") return text;
  }
  for (const [key, nested] of Object.entries(obj)) {
    if (key === "code") continue;
    const text = findReasonText(nested, depth + 1);
    if (text) return text;
  }
  return undefined;
}
