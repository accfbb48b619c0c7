import nock from "nock";
import { describe, expect, it } from "vitest";
import {
  AuthExpiredError,
  type ChannelError,
  PermanentError,
  ThrottledError,
  TransientError,
} from "../../adapters/core/errors.js";
import { iopSign } from "../../adapters/core/iopSign.js";
import { createAdapter } from "../../adapters/core/registry.js";
import type { ChannelAdapter, RemoteListing, TokenPair } from "../../adapters/core/types.js";
import "../../adapters/daraz/index.js";
import { sialkotFootball } from "./fixtures.js";
import { useNockOffline } from "./nockOffline.js";

const ORIGIN = "https://api.daraz.pk";
const BASE = `${ORIGIN}/rest`;
const NOW = 1_767_225_600_000;
const SECRET = "nock-secret";
const RID = "2101554016564826049331260";

function adapter(extra: { retries?: number; onTokens?: (t: TokenPair) => void } = {}): ChannelAdapter {
  return createAdapter("daraz", {
    baseUrl: BASE,
    credentials: { appKey: "501234", appSecret: SECRET, accessToken: "50000acc", refreshToken: "50001ref" },
    now: () => NOW,
    timeoutMs: 2000,
    readRetry: { retries: extra.retries ?? 0, minTimeoutMs: 1, maxTimeoutMs: 2 },
    ...(extra.onTokens ? { onTokens: extra.onTokens } : {}),
  });
}

async function failure(p: Promise<unknown>): Promise<ChannelError> {
  return p.then(
    () => {
      throw new Error("expected a channel error");
    },
    (e: unknown) => e as ChannelError,
  );
}

/** Real /products/get product shape (numbers and strings mixed, images sometimes a JSON string). */
function product(itemId: number, status: string, skus: Array<{ sku: string; price: number; qty: number }>) {
  return {
    created_time: "1611554725000",
    updated_time: "1767225600000",
    images: '[ "https://pk-live-21.slatic.net/p/a.jpg", "https://pk-live-21.slatic.net/p/b.jpg" ]',
    skus: skus.map((s, i) => ({
      Status: "active",
      quantity: s.qty,
      Images: ["https://pk-live-21.slatic.net/p/a.jpg", "", ""],
      SellerSku: s.sku,
      ShopSku: `${itemId}_PK-${9000 + i}`,
      Url: `https://www.daraz.pk/products/i${itemId}.html`,
      package_width: "10.00",
      package_height: "4.00",
      special_price: 0,
      price: s.price,
      package_length: "10.00",
      package_weight: "0.6",
      Available: s.qty,
      SkuId: 9000 + i,
    })),
    item_id: String(itemId),
    primary_category: "10001958",
    marketImages: "[]",
    attributes: { name: `Football ${itemId}`, description: "<p>ball</p>", brand: "Sialkot Pro" },
    status,
    ...(status === "Rejected"
      ? { rejectReason: [{ suggestion: "", violationDetail: "Wrong Image, No White Background" }] }
      : {}),
  };
}

useNockOffline();

describe("Daraz adapter against recorded response shapes (nock)", () => {
  it("creates a product: signed system params in the query, payload only in the form body", async () => {
    const listing = sialkotFootball();
    let query: Record<string, string> = {};
    let body: Record<string, string> = {};
    const scope = nock(ORIGIN)
      .post("/rest/product/create", (b: Record<string, string>) => {
        body = b;
        return true;
      })
      .query((q) => {
        query = q as Record<string, string>;
        return true;
      })
      .reply(200, {
        data: {
          item_id: 3069252927,
          sku_list: [
            { shop_sku: "3069252927_PK-15298395971", seller_sku: "SKC-FB-PRO-4-YLW", sku_id: 15298395971 },
            { shop_sku: "3069252927_PK-15298395970", seller_sku: "SKC-FB-PRO-5-WHT", sku_id: 15298395970 },
          ],
        },
        code: "0",
        request_id: RID,
      });
    const result = await adapter().create(listing);
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      itemId: "3069252927",
      status: "pending",
      skus: [
        { sellerSku: "SKC-FB-PRO-5-WHT", skuId: "15298395970", price: "4500.00", quantity: 120 },
        { sellerSku: "SKC-FB-PRO-4-YLW", skuId: "15298395971", price: "4000.00", quantity: 80 },
      ],
    });
    expect(Object.keys(query).sort()).toEqual(["access_token", "app_key", "sign", "sign_method", "timestamp"]);
    expect(query).toMatchObject({
      app_key: "501234",
      sign_method: "sha256",
      timestamp: String(NOW),
      access_token: "50000acc",
    });
    expect(Object.keys(body)).toEqual(["payload"]);
    const { sign, ...unsigned } = query;
    expect(sign).toBe(iopSign(SECRET, "/product/create", { ...unsigned, ...body }));
    const payload = JSON.parse(body.payload ?? "{}");
    expect(Array.isArray(payload.Request.Product.Images.Image)).toBe(true);
    expect(Array.isArray(payload.Request.Product.Skus.Sku)).toBe(true);
    expect(Array.isArray(payload.Request.Product.Skus.Sku[0].Images.Image)).toBe(true);
  });

  it("pages listRemote over two pages until total_products (sent as a string)", async () => {
    const scope = nock(ORIGIN)
      .get("/rest/products/get")
      .query((q) => q.offset === "0" && q.limit === "2" && q.filter === "all")
      .reply(200, {
        code: "0",
        data: {
          total_products: "3",
          products: [
            product(101, "Active", [{ sku: "A-1", price: 4500, qty: 10 }]),
            product(102, "Pending QC", [{ sku: "B-1", price: 3800, qty: 0 }]),
          ],
        },
        request_id: RID,
      })
      .get("/rest/products/get")
      .query((q) => q.offset === "2" && q.limit === "2")
      .reply(200, {
        code: "0",
        data: { total_products: "3", products: [product(103, "Rejected", [{ sku: "C-1", price: 99.5, qty: 3 }])] },
        request_id: RID,
      });
    const seen: RemoteListing[] = [];
    for await (const item of adapter().listRemote({ pageSize: 2 })) seen.push(item);
    expect(scope.isDone()).toBe(true);
    expect(seen.map((r) => [r.itemId, r.status, r.sellerSku])).toEqual([
      ["101", "live", "A-1"],
      ["102", "pending", "B-1"],
      ["103", "rejected", "C-1"],
    ]);
    expect(seen[0]).toMatchObject({
      title: "Football 101",
      imageCount: 2,
      rawStatus: "Active",
      updatedAt: "2026-01-01T00:00:00.000Z",
    });
    expect(seen[0]?.skus).toEqual([{ sellerSku: "A-1", skuId: "9000", price: "4500", quantity: 10, status: "active" }]);
    expect(seen[2]?.rejectReason).toBe("Wrong Image, No White Background");
  });

  it("caps the page size at the channel maximum and retries a page after a 5xx", async () => {
    const scope = nock(ORIGIN)
      .get("/rest/products/get")
      .query((q) => q.limit === "50")
      .reply(503, "<html>503 Service Temporarily Unavailable</html>")
      .get("/rest/products/get")
      .query((q) => q.limit === "50")
      .reply(200, { code: "0", data: { total_products: 0 }, request_id: RID });
    const seen: RemoteListing[] = [];
    for await (const item of adapter({ retries: 2 }).listRemote({ pageSize: 500 })) seen.push(item);
    expect(seen).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  describe("error classes", () => {
    const create = () => adapter().create(sialkotFootball());
    const replyCreate = (status: number, body: unknown, headers?: Record<string, string>) =>
      nock(ORIGIN)
        .post("/rest/product/create")
        .query(true)
        .reply(status, body as nock.Body, headers);

    it("ApiCallLimit on HTTP 200 -> throttled with the ban seconds", async () => {
      replyCreate(200, {
        type: "ISV",
        code: "ApiCallLimit",
        message: "Api access frequency exceeds the limit. this ban will last 3 seconds",
        request_id: RID,
      });
      const err = await failure(create());
      expect(err).toBeInstanceOf(ThrottledError);
      expect((err as ThrottledError).waitMs).toBe(3000);
      expect(err.code).toBe("ApiCallLimit");
    });

    it("ApiCallLimit on HTTP 429 -> throttled with the ban seconds", async () => {
      replyCreate(429, {
        type: "ISP",
        code: "ApiCallLimit",
        message: "The request has exceeded the api limit, this ban will last 12 seconds",
        request_id: RID,
      });
      const err = await failure(create());
      expect(err).toBeInstanceOf(ThrottledError);
      expect((err as ThrottledError).waitMs).toBe(12_000);
    });

    it("a bare HTTP 429 -> throttled for Retry-After", async () => {
      replyCreate(429, "Too Many Requests", { "Retry-After": "7" });
      const err = await failure(create());
      expect(err).toBeInstanceOf(ThrottledError);
      expect((err as ThrottledError).waitMs).toBe(7000);
    });

    it("IllegalAccessToken -> auth expired", async () => {
      replyCreate(200, {
        type: "ISV",
        code: "IllegalAccessToken",
        message: "The specified access token is invalid or expired",
        request_id: RID,
      });
      const err = await failure(create());
      expect(err).toBeInstanceOf(AuthExpiredError);
      expect(err.code).toBe("IllegalAccessToken");
    });

    it("HTTP 5xx -> transient", async () => {
      replyCreate(502, "<html><body>502 Bad Gateway</body></html>");
      const err = await failure(create());
      expect(err).toBeInstanceOf(TransientError);
      expect(err.code).toBe("HTTP_502");
    });

    it("ISP / SYSTEM errors -> transient", async () => {
      replyCreate(200, {
        type: "ISP",
        code: "ServiceError",
        message: "Internal service error, please retry",
        request_id: RID,
      });
      expect(await failure(create())).toBeInstanceOf(TransientError);
      replyCreate(200, { type: "SYSTEM", code: "E0001", message: "System busy", request_id: RID });
      expect(await failure(create())).toBeInstanceOf(TransientError);
    });

    it("campaign lock THD_IC_ERR_F_IC_ABILITY_PG_004 -> transient", async () => {
      replyCreate(200, {
        type: "ISV",
        code: "501",
        message: "THD_IC_ERR_F_IC_ABILITY_PG_004:THD_IC_ERR_F_IC_ABILITY_PG_004/THD_IC_ERR_F_IC_ABILITY_PG_003",
        request_id: RID,
      });
      const err = await failure(create());
      expect(err).toBeInstanceOf(TransientError);
      expect(err.code).toBe("THD_IC_ERR_F_IC_ABILITY_PG_004");
    });

    it("1001 invalid payload -> permanent with the channel's code and message", async () => {
      replyCreate(200, {
        type: "ISV",
        code: "1001",
        message: "The parameters are not in JSON format",
        request_id: RID,
      });
      const err = await failure(create());
      expect(err).toBeInstanceOf(PermanentError);
      expect(err.code).toBe("1001");
      expect(err.message).toContain("The parameters are not in JSON format");
      expect(err.message).toContain(RID);
    });

    it("500 + BIZ_CHECK_* -> permanent with the business code and the detail", async () => {
      replyCreate(200, {
        type: "ISV",
        code: "500",
        message: "BIZ_CHECK_SALEPROP_ATTRIBUTE_INVALID",
        detail: [{ field: "size", message: "This variation attribute size is not found in the variation label" }],
        request_id: RID,
      });
      const err = await failure(create());
      expect(err).toBeInstanceOf(PermanentError);
      expect(err.code).toBe("BIZ_CHECK_SALEPROP_ATTRIBUTE_INVALID");
      expect(err.message).toContain("size: This variation attribute size is not found");
      expect(err.details).toEqual([
        { field: "size", message: "This variation attribute size is not found in the variation label" },
      ]);
    });

    it("4142 unknown brand (as code, or as the message of code 500) -> permanent 4142", async () => {
      replyCreate(200, { type: "ISV", code: "4142", message: "Brand not found", request_id: RID });
      expect(await failure(create())).toMatchObject({ errorClass: "permanent", code: "4142" });
      replyCreate(200, { type: "ISV", code: "500", message: "4142", request_id: RID });
      expect(await failure(create())).toMatchObject({ errorClass: "permanent", code: "4142" });
    });

    it("IncompleteSignature / InvalidParameter / MissingParameter -> permanent", async () => {
      for (const code of ["IncompleteSignature", "InvalidParameter", "MissingParameter", "InsufficientPermission"]) {
        replyCreate(200, { type: "ISV", code, message: `${code} happened`, request_id: RID });
        expect(await failure(create())).toMatchObject({ errorClass: "permanent", code });
      }
    });

    it("a truncated JSON body -> transient", async () => {
      replyCreate(200, '{"data":{"item_id":30692', { "content-type": "application/json" });
      const err = await failure(create());
      expect(err).toBeInstanceOf(TransientError);
      expect(err.code).toBe("MALFORMED_RESPONSE");
    });

    it("a reset connection -> transient", async () => {
      nock(ORIGIN)
        .post("/rest/product/create")
        .query(true)
        .replyWithError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
      expect(await failure(create())).toBeInstanceOf(TransientError);
    });
  });

  it("splits price/stock into calls of at most 50 SKUs; a detail names the failing SKU", async () => {
    const updates = Array.from({ length: 120 }, (_, i) => ({ sellerSku: `SKU-${i}`, quantity: i }));
    const sizes: number[] = [];
    const scope = nock(ORIGIN)
      .post("/rest/product/price_quantity/update", (b: Record<string, string>) => {
        sizes.push(JSON.parse(b.payload ?? "{}").Request.Product.Skus.Sku.length);
        return true;
      })
      .query(true)
      .times(2)
      .reply(200, { code: "0", request_id: RID })
      .post("/rest/product/price_quantity/update")
      .query(true)
      .reply(200, {
        type: "ISV",
        code: "500",
        message: "Update failed",
        detail: [
          {
            field: "Quantity",
            message: "Negative value is not allowed",
            seller_sku: "SKU-105",
            code: "BIZ_CHECK_QUANTITY_INVALID",
          },
        ],
        request_id: RID,
      });
    const outcomes = await adapter().updatePriceStock(updates);
    expect(scope.isDone()).toBe(true);
    expect(sizes).toEqual([50, 50]);
    expect(outcomes.slice(0, 100).every((o) => o.ok)).toBe(true);
    expect(outcomes[105]).toEqual({
      sellerSku: "SKU-105",
      ok: false,
      error: { errorClass: "permanent", code: "BIZ_CHECK_QUANTITY_INVALID", message: "Negative value is not allowed" },
    });
    expect(outcomes[104]).toMatchObject({ ok: false, error: { errorClass: "transient", code: "BATCH_REJECTED" } });
  });

  it("throws (does not swallow) a throttle in the middle of a price/stock batch", async () => {
    nock(ORIGIN)
      .post("/rest/product/price_quantity/update")
      .query(true)
      .reply(200, { type: "ISV", code: "ApiCallLimit", message: "this ban will last 1 seconds", request_id: RID });
    const err = await failure(adapter().updatePriceStock([{ sellerSku: "A", price: "10.00" }]));
    expect(err).toBeInstanceOf(ThrottledError);
  });

  it("delists through /product/deactivate with seller_sku_list as a JSON array", async () => {
    let list = "";
    nock(ORIGIN)
      .post("/rest/product/deactivate", (b: Record<string, string>) => {
        list = b.seller_sku_list ?? "";
        return true;
      })
      .query(true)
      .reply(200, { code: "0", data: {}, request_id: RID });
    expect(await adapter().delist(["A", "B"])).toEqual([
      { sellerSku: "A", ok: true },
      { sellerSku: "B", ok: true },
    ]);
    expect(JSON.parse(list)).toEqual(["A", "B"]);
  });

  it("refreshes the token through /auth/token/refresh without an access_token", async () => {
    let query: Record<string, string> = {};
    nock(ORIGIN)
      .post("/rest/auth/token/refresh", (b: Record<string, string>) => b.refresh_token === "50001ref")
      .query((q) => {
        query = q as Record<string, string>;
        return true;
      })
      .reply(200, {
        access_token: "50000new",
        country: "pk",
        refresh_token: "50001new",
        account_platform: "seller_center",
        refresh_expires_in: 1_209_600,
        country_user_info: [{ country: "pk", user_id: "100600711", seller_id: "100600711", short_code: "PK1FA6ZU" }],
        expires_in: 604_800,
        account: "seller@example.pk",
        code: "0",
        request_id: RID,
      });
    const seen: TokenPair[] = [];
    const tokens = await adapter({ onTokens: (t) => seen.push(t) }).refreshToken();
    expect(tokens).toEqual({
      accessToken: "50000new",
      refreshToken: "50001new",
      expiresAt: new Date(NOW + 604_800_000).toISOString(),
    });
    expect(seen).toEqual([tokens]);
    expect(query.access_token).toBeUndefined();
  });

  it("finds a listing by seller SKU through /products/get?sku_seller_list", async () => {
    nock(ORIGIN)
      .get("/rest/products/get")
      .query((q) => q.sku_seller_list === '["B-2"]')
      .reply(200, {
        code: "0",
        data: {
          total_products: 1,
          products: [
            product(7, "InActive", [
              { sku: "B-1", price: 5, qty: 1 },
              { sku: "B-2", price: 6, qty: 2 },
            ]),
          ],
        },
        request_id: RID,
      });
    const found = await adapter().findBySellerSku("B-2");
    expect(found).toMatchObject({ itemId: "7", status: "inactive", sellerSku: "B-1" });
  });
});
