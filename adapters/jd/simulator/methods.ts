import type { SimFile } from "../../core/simulator/httpServer.js";
import { JD_LIMITS } from "../capabilities.js";
import { parseBeijingTime } from "../time.js";
import type { JdCatalog } from "./catalog.js";
import type { JdSimImageZone } from "./imageZone.js";
import { intParam } from "./params.js";
import { MEDIA_METHODS, TAXONOMY_METHODS } from "./readinessMethods.js";
import type { JdSimTaxonomy } from "./taxonomy.js";
import { skuWire, wareWire } from "./wares.js";
import { invalid } from "./wire.js";

export interface MethodContext {
  /** The business params: 360buy_param_json, parsed. */
  params: Record<string, unknown>;
  /** Multipart file parts (the image zone upload). */
  files: Record<string, SimFile>;
  catalog: JdCatalog;
  taxonomy: JdSimTaxonomy;
  imageZone: JdSimImageZone;
  maxPageSize: number;
  maxPages: number;
  maxSkuPageSize: number;
}

export type JdMethod = (ctx: MethodContext) => Record<string, unknown>;

/** The JOS methods the simulator serves, each answering inside its `<method>_responce` wrapper. */
export const JD_METHODS: Record<string, JdMethod> = {
  ...TAXONOMY_METHODS,
  ...MEDIA_METHODS,
  "jingdong.ware.write.add": ({ params, catalog }) => {
    const ware = catalog.add(params);
    return { ware: { ...wareWire(ware), skus: ware.skus.map((s) => skuWire(ware, s)) } };
  },
  "jingdong.ware.write.updateWare": ({ params, catalog }) => {
    catalog.updateWare(params);
    return { success: true };
  },
  "jingdong.price.write.updateSkuJdPrice": ({ params, catalog }) => {
    catalog.updatePrice(params);
    return { success: true };
  },
  "jingdong.stock.write.updateSkuStock": ({ params, catalog }) => {
    catalog.updateStock(params);
    return { success: true };
  },
  "jingdong.ware.write.upOrDown": ({ params, catalog }) => {
    catalog.upOrDown(params);
    return { success: true };
  },
  "jingdong.ware.read.searchWare4Valid": ({ params, catalog, maxPageSize, maxPages }) => {
    const pageNo = intParam(params.pageNo, "pageNo", 1, 1);
    const pageSize = intParam(params.pageSize, "pageSize", 20, 1);
    if (pageSize > maxPageSize) throw invalid(`pageSize must be at most ${maxPageSize}, got ${pageSize}`);
    const wareIds = idList(params.wareId, "wareId");
    const start = timeParam(params.startModifiedTime, "startModifiedTime");
    const end = timeParam(params.endModifiedTime, "endModifiedTime");
    const statuses = idList(params.wareStatusValue, "wareStatusValue");
    const page = catalog.searchWares({
      pageNo,
      pageSize,
      maxPages,
      ...(wareIds ? { wareIds } : {}),
      ...(statuses ? { statuses } : {}),
      ...(params.itemNum !== undefined && params.itemNum !== "" ? { itemNum: String(params.itemNum) } : {}),
      // Whole seconds, both ends inclusive.
      ...(start !== undefined ? { startModified: start } : {}),
      ...(end !== undefined ? { endModified: end + 999 } : {}),
      ...(typeof params.orderField === "string" ? { orderField: params.orderField } : {}),
      ...(typeof params.orderType === "string" ? { orderType: params.orderType } : {}),
    });
    return { page: { data: page.data.map(wareWire), pageNo, pageSize, totalItem: page.total } };
  },
  "jingdong.ware.read.findWareById": ({ params, catalog }) => {
    const wareId = intParam(params.wareId, "wareId", 0, 1);
    return { ware: wareWire(catalog.find(wareId)) };
  },
  "jingdong.sku.read.searchSkuList": ({ params, catalog, maxSkuPageSize }) => {
    const pageNo = intParam(params.pageNo, "pageNo", 1, 1);
    const pageSize = intParam(params.page_size, "page_size", 20, 1);
    if (pageSize > maxSkuPageSize) throw invalid(`page_size must be at most ${maxSkuPageSize}, got ${pageSize}`);
    const wareIds = idList(params.wareId, "wareId");
    const page = catalog.searchSkus({
      pageNo,
      pageSize,
      ...(wareIds ? { wareIds } : {}),
      ...(params.skuId !== undefined ? { skuId: intParam(params.skuId, "skuId", 0, 1) } : {}),
      ...(params.outId !== undefined && params.outId !== "" ? { outId: String(params.outId) } : {}),
    });
    return {
      page: { data: page.data.map(({ ware, sku }) => skuWire(ware, sku)), pageNo, pageSize, totalItem: page.total },
    };
  },
  "jingdong.ware.read.findOpReason": ({ params, catalog }) => {
    const ware = catalog.find(intParam(params.wareId, "wareId", 0, 1));
    return {
      wareOpReasons: ware.opReason
        ? [
            {
              wareId: ware.wareId,
              opType: ware.wareStatus,
              opReason: ware.opReason,
              opTime: ware.offlineTime ?? ware.modified,
            },
          ]
        : [],
    };
  },
};

/** "1,2,3", [1, 2, 3] or 1; at most 20 ids. */
function idList(raw: unknown, name: string): number[] | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  const parts = Array.isArray(raw) ? raw : String(raw).split(",");
  const ids = parts.map((p) => Number(String(p).trim()));
  if (ids.some((n) => !Number.isInteger(n) || n <= 0)) throw invalid(`${name} must be ids, got ${JSON.stringify(raw)}`);
  if (ids.length > JD_LIMITS.maxWareIdsPerSearch) {
    throw invalid(`${name} takes at most ${JD_LIMITS.maxWareIdsPerSearch} ids, got ${ids.length}`);
  }
  return ids;
}

/** Beijing 'yyyy-MM-dd HH:mm:ss' or epoch ms, floored to the second. */
function timeParam(raw: unknown, name: string): number | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  const ms = typeof raw === "number" ? raw : /^\d+$/.test(String(raw)) ? Number(raw) : parseBeijingTime(String(raw));
  if (ms === undefined || !Number.isFinite(ms)) {
    throw invalid(`${name} must be 'yyyy-MM-dd HH:mm:ss' (Beijing time), got ${JSON.stringify(raw)}`);
  }
  return Math.floor(ms / 1000) * 1000;
}
