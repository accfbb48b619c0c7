import type { SimListing } from "../../core/simulator/types.js";
import type { RemoteStatus } from "../../core/types.js";
import { JD_WARE_STATUS } from "../capabilities.js";
import { mapJdWareStatus } from "../remote.js";

export interface SimAttr {
  attrId: string;
  attrValues: string[];
  index?: number;
}

export interface SimImage {
  colorId: string;
  imgIndex: number;
  imgUrl: string;
}

export interface SimJdSku {
  skuId: number;
  outerId: string;
  jdPrice: number;
  stockNum: number;
  saleAttrs: SimAttr[];
  barCode?: string;
  created: number;
  modified: number;
}

/** A ware as the simulated JD holds it. */
export interface SimWare {
  wareId: number;
  title: string;
  categoryId: number;
  brandId: number;
  outerId: string;
  itemNum: string;
  /** mm */
  length: number;
  width: number;
  height: number;
  /** kg */
  weight: number;
  props: SimAttr[];
  images: SimImage[];
  introduction: string;
  jdPrice: number;
  marketPrice: number;
  wareStatus: number;
  /** Why the system took the ware down (findOpReason). */
  opReason?: string;
  skus: SimJdSku[];
  created: number;
  modified: number;
  /** When the ware last entered audit (automatic review counts from here). */
  submittedAt: number;
  onlineTime?: number;
  offlineTime?: number;
  deleted: boolean;
}

export const PENDING_AUDIT = new Set<number>([
  JD_WARE_STATUS.neverListedPendingAudit,
  JD_WARE_STATUS.delistedBySellerPendingAudit,
  JD_WARE_STATUS.delistedBySystemPendingAudit,
  JD_WARE_STATUS.onSalePendingAudit,
]);

const FROM_REMOTE: Record<Exclude<RemoteStatus, "deleted">, number> = {
  live: JD_WARE_STATUS.onSale,
  pending: JD_WARE_STATUS.onSalePendingAudit,
  inactive: JD_WARE_STATUS.delistedBySeller,
  rejected: JD_WARE_STATUS.auditFailed,
};

export function wareStatusFor(status: Exclude<RemoteStatus, "deleted">): number {
  return FROM_REMOTE[status];
}

/** SKU status as JD reports it: 1 on sale, 2 off sale, 4 deleted. */
export function skuStatus(ware: SimWare): number {
  if (ware.deleted) return 4;
  return ware.wareStatus === JD_WARE_STATUS.onSale ? 1 : 2;
}

/** The Ware shape of searchWare4Valid / findWareById (no SKUs: those come from searchSkuList). */
export function wareWire(w: SimWare): Record<string, unknown> {
  return {
    wareId: w.wareId,
    title: w.title,
    categoryId: w.categoryId,
    brandId: w.brandId,
    outerId: w.outerId,
    itemNum: w.itemNum,
    wareStatus: w.wareStatus,
    length: w.length,
    width: w.width,
    height: w.height,
    weight: w.weight,
    props: w.props.map((p) => ({ ...p, attrValues: [...p.attrValues] })),
    images: w.images.map((img, i) => ({ ...img, imgId: w.wareId * 100 + i })),
    logo: w.images[0]?.imgUrl ?? "",
    introduction: w.introduction,
    jdPrice: w.jdPrice,
    marketPrice: w.marketPrice,
    stockNum: w.skus.reduce((sum, s) => sum + s.stockNum, 0),
    colType: 0,
    shopId: 10_233_981,
    created: w.created,
    modified: w.modified,
    ...(w.onlineTime ? { onlineTime: w.onlineTime } : {}),
    ...(w.offlineTime ? { offlineTime: w.offlineTime } : {}),
  };
}

/** The Sku shape of searchSkuList. */
export function skuWire(w: SimWare, s: SimJdSku): Record<string, unknown> {
  return {
    skuId: s.skuId,
    wareId: w.wareId,
    outerId: s.outerId,
    jdPrice: s.jdPrice,
    stockNum: s.stockNum,
    status: skuStatus(w),
    saleAttrs: s.saleAttrs.map((a) => ({ ...a, attrValues: [...a.attrValues] })),
    ...(s.barCode ? { barCode: s.barCode } : {}),
    categoryId: w.categoryId,
    wareTitle: w.title,
    skuName: [w.title, ...s.saleAttrs.flatMap((a) => a.attrValues)].join(" "),
    logo: w.images.find((img) => img.colorId === s.saleAttrs[0]?.attrValues[0])?.imgUrl ?? w.images[0]?.imgUrl ?? "",
    created: s.created,
    modified: s.modified,
  };
}

export function simListing(w: SimWare): SimListing {
  return {
    itemId: String(w.wareId),
    title: w.title,
    status: w.deleted ? "deleted" : mapJdWareStatus(w.wareStatus),
    rawStatus: String(w.wareStatus),
    ...(w.opReason && (w.wareStatus === 4 || w.wareStatus === 1028) ? { rejectReason: w.opReason } : {}),
    images: w.images.map((img) => img.imgUrl),
    skus: w.skus.map((s) => ({
      sellerSku: s.outerId,
      skuId: String(s.skuId),
      price: s.jdPrice.toFixed(2),
      quantity: s.stockNum,
      status: String(skuStatus(w)),
    })),
    createdAt: new Date(w.created).toISOString(),
    updatedAt: new Date(w.modified).toISOString(),
  };
}
