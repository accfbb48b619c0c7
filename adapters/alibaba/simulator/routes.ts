import type { SimFile } from "../../core/simulator/httpServer.js";
import type { TokenStore } from "../../core/simulator/tokenStore.js";
import { parseGmt } from "../time.js";
import type { AlibabaCatalog } from "./catalog.js";
import { admitProduct, type SimEnforcement } from "./enforcement.js";
import type { SimPhotobank } from "./photobank.js";
import {
  type ContentRules,
  parseEditInventory,
  parseEditPrice,
  parseIdList,
  parseProductInfoParam,
} from "./productInfo.js";
import { briefWire, listingStatusOf, productInfoWire } from "./products.js";
import { attributeWire, type SimTaxonomy } from "./taxonomy.js";
import { BizFailure, GatewayFailure, okResult, okTop, partialResult, photobankErrorBody } from "./wire.js";

export interface RouteContext {
  params: Record<string, string>;
  appKey: string;
  catalog: AlibabaCatalog;
  tokens: TokenStore;
  content: ContentRules;
  maxPageSize: number;
  maxSearchPageSize: number;
  windowCap: number;
  offsetMinutes: number;
  taxonomy: SimTaxonomy;
  photobank: SimPhotobank;
  enforcement: SimEnforcement;
  /** Files of a multipart call, by field name. */
  files: Record<string, SimFile>;
}

export interface Route {
  /** Needs a valid access_token. */
  auth: boolean;
  run(ctx: RouteContext): Record<string, unknown>;
}

const invalid = (message: string) => new BizFailure("B_PRODUCT_PARAM_INVALID", message);
const noCategory = (id: string) =>
  new BizFailure("BUSINESS_CATEGORY_NOT_EXIST", `Category ${id} does not exist or has no sub-categories`);

/** The ICBU API paths the simulator serves (GET or POST, as documented), each answering in the real shape. */
export const ALIBABA_ROUTES: Record<string, Route> = {
  "/auth/token/create": {
    auth: false,
    run: ({ params, tokens, appKey }) => {
      if (!params.code) throw new GatewayFailure("MissingParameter", "Missing parameter code");
      if (!tokens.redeemCode(params.code)) throw new GatewayFailure("InvalidCode", "Invalid authorization code");
      return okTop(tokens.issue(appKey));
    },
  },
  "/auth/token/refresh": {
    auth: false,
    run: ({ params, tokens, appKey }) => {
      if (!params.refresh_token) throw new GatewayFailure("MissingParameter", "Missing parameter refresh_token");
      const pair = tokens.redeemRefresh(appKey, params.refresh_token);
      if (!pair) throw new GatewayFailure("IllegalRefreshToken", "The specified refresh token is invalid or expired");
      return okTop(pair);
    },
  },
  "/alibaba/icbu/product/listing/v2": {
    auth: true,
    run: (ctx) => {
      const input = parseProductInfoParam(ctx.params.product_info, "create", ctx.content);
      admitProduct(input, ctx);
      return okResult({ data: ctx.catalog.create(input) });
    },
  },
  "/alibaba/icbu/product/update/v2": {
    auth: true,
    run: (ctx) => {
      const { params, catalog } = ctx;
      const input = parseProductInfoParam(params.product_info, "update", ctx.content);
      if (!input.productId && params.product_id) input.productId = params.product_id;
      admitProduct(input, ctx, input.productId ? catalog.get({ productId: input.productId }) : undefined);
      catalog.update(input);
      return okResult({ data: null });
    },
  },
  "/alibaba/icbu/category/get/v2": {
    auth: true,
    run: ({ params, taxonomy }) => {
      const parent = params.parent_category_id;
      if (parent === undefined || parent === "") {
        return okResult({ data: taxonomy.children(null).map((c) => taxonomy.categoryWire(c)) });
      }
      if (!taxonomy.get(parent) || taxonomy.isLeaf(parent)) throw noCategory(parent);
      return okResult({ data: taxonomy.children(parent).map((c) => taxonomy.categoryWire(c)) });
    },
  },
  "/alibaba/icbu/category/attribute/get/v2": {
    auth: true,
    run: ({ params, taxonomy }) => {
      const id = params.category_id;
      if (!id) throw invalid("category_id is required");
      if (!taxonomy.get(id)) throw noCategory(id);
      if (!taxonomy.isLeaf(id)) {
        throw new BizFailure("CHK_CAT_NOT_LEAF", `Category ${id} is not a leaf category; attributes belong to leaves`);
      }
      const attributes = taxonomy.attributesOf(id);
      return okResult({
        data: {
          category_attributes: attributes.filter((a) => !a.sale).map(attributeWire),
          sale_attributes: attributes.filter((a) => a.sale).map(attributeWire),
        },
      });
    },
  },
  "/alibaba/icbu/photobank/upload": {
    auth: true,
    run: ({ params, files, photobank }) => {
      if (!params.file_name) throw new GatewayFailure("MissingParameter", "Missing parameter file_name");
      const file = files.image_bytes;
      if (!file) throw new GatewayFailure("MissingParameter", "Missing parameter image_bytes");
      const verdict = photobank.upload(params.file_name, file.bytes);
      if (!verdict.ok) return photobankErrorBody(verdict.code, verdict.message);
      const { fileId, url, fileName } = verdict.photo;
      return okResult({ response_object: { file_id: fileId, photobank_url: url, file_name: fileName } });
    },
  },
  "/alibaba/icbu/product/status/get/v2": {
    auth: true,
    run: ({ params, catalog }) => {
      if (!params.product_id) throw invalid("product_id is required");
      return okResult({ data: listingStatusOf(catalog.get({ productId: params.product_id })) });
    },
  },
  "/alibaba/icbu/product/get/v2": {
    auth: true,
    run: ({ params, catalog, offsetMinutes }) => {
      if (!params.product_id && !params.sku_id) throw invalid("product_id or sku_id is required");
      const product = catalog.get(params.product_id ? { productId: params.product_id } : { skuId: params.sku_id });
      return okResult({ product_info: productInfoWire(product, offsetMinutes) });
    },
  },
  "/alibaba/icbu/product/search/v2": {
    auth: true,
    run: ({ params, catalog, maxSearchPageSize, offsetMinutes }) => {
      if (!params.sku_code && !params.model_number) throw invalid("sku_code or model_number is required");
      const pageIndex = intParam(params.page_index, "page_index", 1, 1);
      const pageSize = intParam(params.page_size, "page_size", maxSearchPageSize, 1);
      if (pageSize > maxSearchPageSize) throw invalid(`page_size must be at most ${maxSearchPageSize}`);
      const found = catalog.search({
        ...(params.sku_code ? { skuCode: params.sku_code } : {}),
        ...(params.model_number ? { modelNumber: params.model_number } : {}),
      });
      if (found.length === 0) throw new BizFailure("B_PRODUCT_NOT_FOUND", "No product matches the query");
      const page = found.slice((pageIndex - 1) * pageSize, pageIndex * pageSize);
      return okResult({
        product_info: page.map((p) => productInfoWire(p, offsetMinutes)),
        page: {
          page_index: pageIndex,
          page_size: pageSize,
          total_item: found.length,
          total_page: Math.ceil(found.length / pageSize),
        },
      });
    },
  },
  "/alibaba/icbu/product/list": {
    auth: true,
    run: ({ params, catalog, maxPageSize, windowCap, offsetMinutes }) => {
      const page = intParam(params.current_page, "current_page", 1, 1);
      const pageSize = intParam(params.page_size, "page_size", maxPageSize, 1);
      if (pageSize > maxPageSize) throw invalid(`page_size must be at most ${maxPageSize}`);
      const from = timeParam(params.gmt_modified_from, "gmt_modified_from", offsetMinutes);
      const to = timeParam(params.gmt_modified_to, "gmt_modified_to", offsetMinutes);
      const result = catalog.list({
        page,
        pageSize,
        windowCap,
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      });
      return okResult({
        current_page: page,
        page_size: pageSize,
        total_item: result.total,
        products: result.products.map((p) => briefWire(p, offsetMinutes)),
      });
    },
  },
  "/alibaba/icbu/product/batch/update/status": {
    auth: true,
    run: ({ params, catalog }) => {
      const ids = parseIdList(params.product_id_list, "product_id_list");
      const action = params.action;
      if (action !== "online" && action !== "offline") throw invalid("action must be online or offline");
      const { updated, errors } = catalog.batchStatus(ids, action);
      if (errors.length === 0) return okResult({ updated_product_ids: updated });
      // Partial failure: success false, the updated ids, and one errors[] entry per failed product (no msg_code).
      return partialResult({
        message: `${errors.length} of ${ids.length} products failed`,
        updated_product_ids: updated,
        errors,
      });
    },
  },
  "/icbu/product/edit-price": {
    auth: true,
    run: ({ params, catalog }) => {
      if (!params.product_id) throw invalid("product_id is required");
      catalog.editPrice(params.product_id, parseEditPrice(params));
      return okResult({ data: null });
    },
  },
  "/icbu/product/edit-inventory": {
    auth: true,
    run: ({ params, catalog }) => {
      if (!params.product_id) throw invalid("product_id is required");
      catalog.editInventory(params.product_id, parseEditInventory(params));
      return okResult({ data: null });
    },
  },
};

function intParam(raw: string | undefined, name: string, fallback: number, min: number): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw invalid(`Invalid ${name}: ${raw}`);
  return n;
}

function timeParam(raw: string | undefined, name: string, offsetMinutes: number): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const ms = parseGmt(raw, offsetMinutes);
  if (ms === undefined) throw invalid(`${name} must look like yyyy-MM-dd HH:mm:ss, got ${raw}`);
  return ms;
}
