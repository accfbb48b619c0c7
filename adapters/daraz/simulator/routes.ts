import type { TokenStore } from "../../core/simulator/tokenStore.js";
import type { DarazCatalog } from "./catalog.js";
import { parseMigratePayload } from "./imagePayload.js";
import type { DarazImageStore } from "./imageStore.js";
import { parsePriceQuantityPayload, parseProductPayload, parseSellerSkuList } from "./payloadRules.js";
import { PRODUCT_FILTERS, type ProductFilter, productWire } from "./products.js";
import type { DarazTaxonomyStore } from "./taxonomyStore.js";
import { IopFailure, okBody } from "./wire.js";

export interface RouteContext {
  params: Record<string, string>;
  appKey: string;
  catalog: DarazCatalog;
  tokens: TokenStore;
  maxPageSize: number;
  taxonomy: DarazTaxonomyStore;
  images: DarazImageStore;
}

export interface Route {
  method: "GET" | "POST" | "ANY";
  /** Needs a valid access_token. */
  auth: boolean;
  run(ctx: RouteContext): Record<string, unknown>;
}

const MAX_SKUS_PER_CALL = 50;
const MAX_SKU_SELLER_LIST = 100;

/** The Daraz API paths the simulator serves, each answering in the real response shape. */
export const DARAZ_ROUTES: Record<string, Route> = {
  "/auth/token/create": {
    method: "ANY",
    auth: false,
    run: ({ params, tokens, appKey }) => {
      if (!params.code) throw new IopFailure("MissingParameter", "Missing parameter code");
      if (!tokens.redeemCode(params.code)) throw new IopFailure("InvalidCode", "Invalid authorization code");
      return okBody(tokens.issue(appKey));
    },
  },
  "/auth/token/refresh": {
    method: "ANY",
    auth: false,
    run: ({ params, tokens, appKey }) => {
      if (!params.refresh_token) throw new IopFailure("MissingParameter", "Missing parameter refresh_token");
      const pair = tokens.redeemRefresh(appKey, params.refresh_token);
      if (!pair) throw new IopFailure("IllegalRefreshToken", "The specified refresh token is invalid or expired");
      return okBody(pair);
    },
  },
  "/products/get": {
    method: "GET",
    auth: true,
    run: ({ params, catalog, maxPageSize }) => {
      const filter = (params.filter ?? "all") as ProductFilter;
      if (!PRODUCT_FILTERS.includes(filter))
        throw new IopFailure("InvalidParameter", `Invalid filter ${params.filter}`);
      const skuSellerList =
        params.sku_seller_list !== undefined
          ? parseSellerSkuList(params.sku_seller_list, "sku_seller_list", MAX_SKU_SELLER_LIST)
          : undefined;
      const page = catalog.query({
        filter,
        offset: intParam(params.offset, "offset", 0),
        limit: Math.min(intParam(params.limit, "limit", 20), maxPageSize),
        ...(skuSellerList ? { skuSellerList } : {}),
        ...timeParam(params.update_after, "updateAfter"),
        ...timeParam(params.update_before, "updateBefore"),
        ...timeParam(params.create_after, "createAfter"),
        ...timeParam(params.create_before, "createBefore"),
      });
      // Like Daraz, an empty page carries no products key at all.
      const data: Record<string, unknown> = { total_products: page.total };
      if (page.products.length > 0) data.products = page.products.map(productWire);
      return okBody({ data });
    },
  },
  "/product/item/get": {
    method: "GET",
    auth: true,
    run: ({ params, catalog }) => {
      if (!params.item_id && !params.seller_sku)
        throw new IopFailure("MissingParameter", "item_id or seller_sku is required");
      const product = catalog.get(
        params.item_id ? { itemId: Number(params.item_id) } : { sellerSku: params.seller_sku ?? "" },
      );
      if (!product) throw new IopFailure("208", "Product not found", "ISV");
      return okBody({ data: productWire(product) });
    },
  },
  "/product/create": {
    method: "POST",
    auth: true,
    run: ({ params, catalog }) => okBody({ data: catalog.create(parseProductPayload(params.payload)) }),
  },
  "/product/update": {
    method: "POST",
    auth: true,
    run: ({ params, catalog }) => {
      catalog.update(parseProductPayload(params.payload));
      return okBody();
    },
  },
  "/product/price_quantity/update": {
    method: "POST",
    auth: true,
    run: ({ params, catalog }) => {
      catalog.priceQuantity(parsePriceQuantityPayload(params.payload, MAX_SKUS_PER_CALL));
      return okBody();
    },
  },
  "/product/deactivate": {
    method: "POST",
    auth: true,
    run: ({ params, catalog }) => {
      catalog.deactivate(parseSellerSkuList(params.seller_sku_list, "seller_sku_list", MAX_SKUS_PER_CALL));
      return okBody({ data: {} });
    },
  },
  "/product/remove": {
    method: "POST",
    auth: true,
    run: ({ params, catalog }) => {
      catalog.remove(parseSellerSkuList(params.seller_sku_list, "seller_sku_list", MAX_SKUS_PER_CALL));
      return okBody();
    },
  },
  "/category/tree/get": {
    method: "GET",
    auth: false,
    run: ({ taxonomy }) => okBody({ data: taxonomy.tree() }),
  },
  "/category/attributes/get": {
    method: "GET",
    auth: false,
    run: ({ params, taxonomy }) => {
      const id = params.primary_category_id;
      if (!id) throw new IopFailure("MissingParameter", "Missing parameter primary_category_id");
      if (!/^\d+$/.test(id)) throw new IopFailure("InvalidParameter", `Invalid primary_category_id: ${id}`);
      return okBody({ data: taxonomy.attributesOf(id) });
    },
  },
  "/images/migrate": {
    method: "POST",
    auth: true,
    run: ({ params, images }) => okBody({ batch_id: images.migrate(parseMigratePayload(params.payload)) }),
  },
  "/image/response/get": {
    method: "GET",
    auth: true,
    run: ({ params, images }) => {
      if (!params.batch_id) throw new IopFailure("MissingParameter", "Missing parameter batch_id");
      const answer = images.answer(params.batch_id);
      if (answer.state === "unknown")
        throw new IopFailure("5", `E005: Invalid Request Format: unknown batch_id ${params.batch_id}`);
      if (answer.state === "processing") {
        throw new IopFailure(
          "1000",
          "E1000: Internal Application Error: the images of this batch are still being migrated, call again later",
          "ISP",
        );
      }
      return okBody({
        data: { images: answer.images, ...(answer.errors.length > 0 ? { errors: answer.errors } : {}) },
      });
    },
  },
};

function intParam(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new IopFailure("InvalidParameter", `Invalid ${name}: ${raw}`);
  return n;
}

function timeParam<K extends string>(raw: string | undefined, key: K): Partial<Record<K, number>> {
  if (raw === undefined || raw === "") return {};
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw new IopFailure("InvalidParameter", `Invalid ISO-8601 time: ${raw}`);
  return { [key]: ms } as Partial<Record<K, number>>;
}
