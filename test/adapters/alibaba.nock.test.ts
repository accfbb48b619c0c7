import nock from "nock";
import { describe, expect, it } from "vitest";
import type { AlibabaAdapterOptions } from "../../adapters/alibaba/index.js";
import "../../adapters/alibaba/index.js";
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
import { alibabaFootball } from "./fixtures.js";
import { useNockOffline } from "./nockOffline.js";

const ORIGIN = "https://openapi-api.alibaba.com";
const BASE = `${ORIGIN}/rest`;
const NOW = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const SECRET = "nock-secret";
const RID = "2140e3d917672256000001234";

function adapter(
  extra: { retries?: number; onTokens?: (t: TokenPair) => void } & Partial<
    Omit<AlibabaAdapterOptions, "onTokens">
  > = {},
): ChannelAdapter {
  const { retries, onTokens, ...rest } = extra;
  return createAdapter("alibaba", {
    baseUrl: BASE,
    credentials: { appKey: "501234", appSecret: SECRET, accessToken: "50000acc", refreshToken: "50001ref" },
    now: () => NOW,
    timeoutMs: 2000,
    readRetry: { retries: retries ?? 0, minTimeoutMs: 1, maxTimeoutMs: 2 },
    ...(onTokens ? { onTokens } : {}),
    ...rest,
  } as AlibabaAdapterOptions);
}

async function failure(p: Promise<unknown>): Promise<ChannelError> {
  return p.then(
    () => {
      throw new Error("expected a channel error");
    },
    (e: unknown) => e as ChannelError,
  );
}

const ok = (result: Record<string, unknown>) => ({
  code: "0",
  request_id: RID,
  result: { success: true, ...result, trace_id: RID },
});
const bizError = (msgCode: string, message: string) => ({
  code: "0",
  request_id: RID,
  result: { success: false, msg_code: msgCode, message, trace_id: RID },
});

/** get/v2 product_info as the platform answers it. */
function productInfo(
  id: number,
  opts: { status?: string; audit?: string; skus?: Array<{ code: string; skuId: number; price: number; qty: number }> },
) {
  return {
    basic_info: {
      product_id: id,
      title: `Football ${id}`,
      keywords: ["football"],
      description: "<p>ball</p>",
      product_images: [
        { image_url: "https://sc04.alicdn.com/kf/a.jpg" },
        { image_url: "https://sc04.alicdn.com/kf/b.jpg" },
      ],
      language: "en_US",
      status: opts.status ?? "online",
      audit_status: opts.audit ?? "approved",
      create_timestamp: NOW - 86_400_000,
      last_modified_timestamp: NOW,
      owner_ali_id: 2208876543210,
      model_number: "SP-MATCH-32",
    },
    category_info: { category_id: 100005471, category_name: "Sports & Entertainment/Team Sports/Soccer/Soccer Balls" },
    attributes: [{ attribute_name: "material", attribute_value: "PU Leather" }],
    logistics_info: { weight: "0.6", dimension: { length: 23, width: 23, height: 23 } },
    trade_info: {
      moq: 50,
      unit: "Piece",
      price: { price_type: "TIERED", currency: "USD", tiered_price: [{ quantity: 50, price: 14.5 }] },
      inventory: 200,
      sku_info: (opts.skus ?? [{ code: `SKU-${id}`, skuId: id * 10, price: 14.5, qty: 10 }]).map((s) => ({
        sku_id: s.skuId,
        sku_code: s.code,
        sku_price: s.price,
        inventory: s.qty,
        sale_attributes: [{ attribute_name: "color", attribute_value: "White" }],
      })),
    },
  };
}

function brief(id: number, gmtModified: string) {
  return {
    id,
    product_id: String(id),
    subject: `Football ${id}`,
    status: "approved",
    display: "Y",
    language: "en_US",
    category_id: 100005471,
    keywords: ["football"],
    main_image: { images: ["https://sc04.alicdn.com/kf/a.jpg"] },
    gmt_create: "2025-12-01 10:00:00",
    gmt_modified: gmtModified,
  };
}

useNockOffline();

describe("Alibaba.com adapter against recorded response shapes (nock)", () => {
  it("creates a product: signed system params in the query, product_info only in the form body, then reads the status", async () => {
    let query: Record<string, string> = {};
    let body: Record<string, string> = {};
    const scope = nock(ORIGIN)
      .post("/rest/alibaba/icbu/product/listing/v2", (b: Record<string, string>) => {
        body = b;
        return true;
      })
      .query((q) => {
        query = q as Record<string, string>;
        return true;
      })
      .reply(200, ok({ data: 1600987654321 }))
      .get("/rest/alibaba/icbu/product/status/get/v2")
      .query((q) => q.product_id === "1600987654321")
      .reply(200, ok({ data: { status: "pending" } }));
    const result = await adapter().create(alibabaFootball());
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      itemId: "1600987654321",
      status: "pending",
      skus: [
        { sellerSku: "SKC-FB-PRO-5-WHT", price: "14.50", quantity: 120 },
        { sellerSku: "SKC-FB-PRO-4-YLW", price: "12.50", quantity: 80 },
      ],
    });
    expect(Object.keys(query).sort()).toEqual(["access_token", "app_key", "sign", "sign_method", "timestamp"]);
    expect(query).toMatchObject({ app_key: "501234", sign_method: "sha256", timestamp: String(NOW) });
    expect(Object.keys(body)).toEqual(["product_info"]);
    const { sign, ...unsigned } = query;
    expect(sign).toBe(iopSign(SECRET, "/alibaba/icbu/product/listing/v2", { ...unsigned, ...body }));
    const info = JSON.parse(body.product_info ?? "{}");
    expect(info.basic_info.language).toBe("en_US");
    expect(info.trade_info.price).toMatchObject({ price_type: "TIERED", currency: "USD" });
    expect(info.trade_info.sku_info).toHaveLength(2);
  });

  it("a failed status read after a successful create still answers the product id as pending", async () => {
    nock(ORIGIN)
      .post("/rest/alibaba/icbu/product/listing/v2")
      .query(true)
      .reply(200, ok({ data: 1600987654321 }))
      .get("/rest/alibaba/icbu/product/status/get/v2")
      .query(true)
      .reply(502, "<html>502 Bad Gateway</html>");
    expect(await adapter().create(alibabaFootball())).toMatchObject({ itemId: "1600987654321", status: "pending" });
  });

  it("updates with basic_info.product_id, then reads the product back", async () => {
    let info: Record<string, Record<string, unknown>> = {};
    nock(ORIGIN)
      .post("/rest/alibaba/icbu/product/update/v2", (b: Record<string, string>) => {
        info = JSON.parse(b.product_info ?? "{}");
        return true;
      })
      .query(true)
      .reply(200, ok({ data: null }))
      .get("/rest/alibaba/icbu/product/get/v2")
      .query((q) => q.product_id === "1600000000007")
      .reply(200, ok({ product_info: productInfo(1600000000007, { audit: "pending" }) }));
    const pushed = await adapter().update(alibabaFootball(), "1600000000007");
    expect(info.basic_info?.product_id).toBe(1600000000007);
    expect(pushed).toMatchObject({ itemId: "1600000000007", status: "pending" });
    expect(pushed.skus[0]).toMatchObject({ skuId: "16000000000070" });
  });

  describe("error classes", () => {
    const create = () => adapter().create(alibabaFootball());
    const replyCreate = (status: number, body: unknown, headers?: Record<string, string>) =>
      nock(ORIGIN)
        .post("/rest/alibaba/icbu/product/listing/v2")
        .query(true)
        .reply(status, body as nock.Body, headers);

    it("a business error in an HTTP 200 body -> permanent with msg_code and message", async () => {
      replyCreate(
        200,
        bizError("B_PRICE_SEQUENCE_INVALID", "Tiered prices must descend as the quantity rises, without duplicates"),
      );
      const err = await failure(create());
      expect(err).toBeInstanceOf(PermanentError);
      expect(err.code).toBe("B_PRICE_SEQUENCE_INVALID");
      expect(err.message).toContain("Tiered prices must descend");
      expect(err.message).toContain(RID);
    });

    it("CHK_CAT_NOT_LEAF / CHK_BASIC_MAX_LENGTH / B_CONTAINS_INVALID_IMAGE -> permanent", async () => {
      for (const code of [
        "CHK_CAT_NOT_LEAF",
        "CHK_BASIC_MAX_LENGTH",
        "B_CONTAINS_INVALID_IMAGE",
        "B_PRICE_SCALE_INVALID",
      ]) {
        replyCreate(200, bizError(code, "nope"));
        expect(await failure(create())).toMatchObject({ errorClass: "permanent", code });
      }
    });

    it("S_COMMON_INTERNAL_ERROR, B_PRODUCT_INFO_TRANSLATION_FAILED, PUB_BIZCHECK_PRODUCT_NOT_EDITABLE -> transient", async () => {
      for (const code of [
        "S_COMMON_INTERNAL_ERROR",
        "B_PRODUCT_INFO_TRANSLATION_FAILED",
        "PUB_BIZCHECK_PRODUCT_NOT_EDITABLE",
      ]) {
        replyCreate(200, bizError(code, "later"));
        const err = await failure(create());
        expect(err).toBeInstanceOf(TransientError);
        expect(err.code).toBe(code);
      }
    });

    it("ApiCallLimit on HTTP 200 and on 429 -> throttled with the ban seconds; a bare 429 -> Retry-After", async () => {
      replyCreate(200, {
        type: "ISV",
        code: "ApiCallLimit",
        message: "Api access frequency exceeds the limit. this ban will last 3 seconds",
        request_id: RID,
      });
      const first = await failure(create());
      expect(first).toBeInstanceOf(ThrottledError);
      expect((first as ThrottledError).waitMs).toBe(3000);
      replyCreate(429, {
        type: "ISP",
        code: "ApiCallLimit",
        message: "this ban will last 12 seconds",
        request_id: RID,
      });
      expect(await failure(create())).toMatchObject({ errorClass: "throttled", waitMs: 12_000 });
      replyCreate(429, "Too Many Requests", { "Retry-After": "7" });
      expect(await failure(create())).toMatchObject({ errorClass: "throttled", waitMs: 7000 });
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

    it("HTTP 5xx, ISP/SYSTEM, truncated JSON and a reset connection -> transient", async () => {
      replyCreate(502, "<html><body>502 Bad Gateway</body></html>");
      expect(await failure(create())).toMatchObject({ errorClass: "transient", code: "HTTP_502" });
      replyCreate(200, { type: "ISP", code: "ServiceError", message: "Internal service error", request_id: RID });
      expect(await failure(create())).toBeInstanceOf(TransientError);
      replyCreate(200, { type: "SYSTEM", code: "E0001", message: "System busy", request_id: RID });
      expect(await failure(create())).toBeInstanceOf(TransientError);
      replyCreate(200, '{"code":"0","result":{"success":true,"data":16009', { "content-type": "application/json" });
      expect(await failure(create())).toMatchObject({ errorClass: "transient", code: "MALFORMED_RESPONSE" });
      nock(ORIGIN)
        .post("/rest/alibaba/icbu/product/listing/v2")
        .query(true)
        .replyWithError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
      expect(await failure(create())).toBeInstanceOf(TransientError);
    });

    it("AppWhiteIpLimit / IncompleteSignature / InvalidAppKey -> permanent", async () => {
      for (const code of ["AppWhiteIpLimit", "IncompleteSignature", "InvalidAppKey", "InsufficientPermission"]) {
        replyCreate(200, { type: "ISV", code, message: `${code} happened`, request_id: RID });
        expect(await failure(create())).toMatchObject({ errorClass: "permanent", code });
      }
    });
  });

  it("pages listRemote over two pages until total_item, reading each product with get/v2", async () => {
    const scope = nock(ORIGIN)
      .get("/rest/alibaba/icbu/product/list")
      .query((q) => q.current_page === "1" && q.page_size === "2" && q.gmt_modified_from === "2025-12-31 08:00:00")
      .reply(
        200,
        ok({
          current_page: 1,
          page_size: 2,
          total_item: 3,
          products: [brief(101, "2026-01-01 07:00:00"), brief(102, "2026-01-01 06:00:00")],
        }),
      )
      .get("/rest/alibaba/icbu/product/list")
      .query((q) => q.current_page === "2" && q.page_size === "2")
      .reply(200, ok({ current_page: 2, page_size: 2, total_item: "3", products: [brief(103, "2026-01-01 05:00:00")] }))
      .get("/rest/alibaba/icbu/product/get/v2")
      .query((q) => q.product_id === "101")
      .reply(200, ok({ product_info: productInfo(101, {}) }))
      .get("/rest/alibaba/icbu/product/get/v2")
      .query((q) => q.product_id === "102")
      .reply(200, ok({ product_info: productInfo(102, { audit: "pending" }) }))
      .get("/rest/alibaba/icbu/product/get/v2")
      .query((q) => q.product_id === "103")
      .reply(200, ok({ product_info: productInfo(103, { status: "offline" }) }));
    const seen: RemoteListing[] = [];
    for await (const item of adapter().listRemote({ pageSize: 2, updatedAfter: new Date("2025-12-31T00:00:00Z") })) {
      seen.push(item);
    }
    expect(scope.isDone()).toBe(true);
    expect(seen.map((r) => [r.itemId, r.status, r.sellerSku])).toEqual([
      ["101", "live", "SKU-101"],
      ["102", "pending", "SKU-102"],
      ["103", "inactive", "SKU-103"],
    ]);
    expect(seen[0]).toMatchObject({
      title: "Football 101",
      imageCount: 2,
      rawStatus: "online/approved",
      updatedAt: "2026-01-01T00:00:00.000Z",
      skus: [{ sellerSku: "SKU-101", skuId: "1010", price: "14.5", quantity: 10 }],
    });
  });

  it("splits the time window when one query holds more than the cap", async () => {
    const scope = nock(ORIGIN)
      .get("/rest/alibaba/icbu/product/list")
      .query((q) => q.current_page === "1" && q.gmt_modified_to === undefined)
      .reply(200, ok({ total_item: 3, products: [brief(3, "2026-01-01 07:00:00"), brief(2, "2026-01-01 06:00:00")] }))
      .get("/rest/alibaba/icbu/product/list")
      .query((q) => q.current_page === "1" && q.gmt_modified_to === "2026-01-01 06:00:00")
      .reply(200, ok({ total_item: 2, products: [brief(2, "2026-01-01 06:00:00"), brief(1, "2026-01-01 05:00:00")] }));
    for (const id of [3, 2, 1]) {
      scope
        .get("/rest/alibaba/icbu/product/get/v2")
        .query((q) => q.product_id === String(id))
        .reply(200, ok({ product_info: productInfo(id, {}) }));
    }
    const seen: string[] = [];
    for await (const item of adapter({ listWindowCap: 2 }).listRemote({ pageSize: 2 })) seen.push(item.itemId);
    expect(scope.isDone()).toBe(true);
    expect(seen).toEqual(["3", "2", "1"]);
  });

  it("caps the page size at 30 and retries a page after a 5xx", async () => {
    const scope = nock(ORIGIN)
      .get("/rest/alibaba/icbu/product/list")
      .query((q) => q.page_size === "30")
      .reply(503, "<html>503 Service Temporarily Unavailable</html>")
      .get("/rest/alibaba/icbu/product/list")
      .query((q) => q.page_size === "30")
      .reply(200, ok({ total_item: 0, products: [] }));
    const seen: RemoteListing[] = [];
    for await (const item of adapter({ retries: 2 }).listRemote({ pageSize: 500 })) seen.push(item);
    expect(seen).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it("finds a listing by a variant's sku_code through search/v2, matching sku_code exactly", async () => {
    nock(ORIGIN)
      .get("/rest/alibaba/icbu/product/search/v2")
      .query((q) => q.sku_code === "B-2" && q.page_size === "20")
      .reply(
        200,
        ok({
          product_info: [
            productInfo(8, { skus: [{ code: "B-22", skuId: 80, price: 5, qty: 1 }] }),
            productInfo(7, {
              status: "offline",
              skus: [
                { code: "B-1", skuId: 70, price: 5, qty: 1 },
                { code: "B-2", skuId: 71, price: 6, qty: 2 },
              ],
            }),
          ],
          page: { page_index: 1, page_size: 20, total_item: 2, total_page: 1 },
        }),
      )
      .get("/rest/alibaba/icbu/product/search/v2")
      .query((q) => q.sku_code === "NOPE")
      .reply(200, bizError("B_PRODUCT_NOT_FOUND", "Product not found"));
    expect(await adapter().findBySellerSku("B-2")).toMatchObject({
      itemId: "7",
      status: "inactive",
      sellerSku: "B-1",
      skus: [expect.objectContaining({ sellerSku: "B-1" }), expect.objectContaining({ sellerSku: "B-2", skuId: "71" })],
    });
    expect(await adapter().findBySellerSku("NOPE")).toBeNull();
  });

  it("reads the reject reason of a rejected listing from status/get/v2", async () => {
    nock(ORIGIN)
      .get("/rest/alibaba/icbu/product/search/v2")
      .query(true)
      .reply(
        200,
        ok({
          product_info: [productInfo(9, { audit: "rejected", skus: [{ code: "R-1", skuId: 90, price: 5, qty: 1 }] })],
        }),
      )
      .get("/rest/alibaba/icbu/product/status/get/v2")
      .query((q) => q.product_id === "9")
      .reply(200, ok({ data: { status: "failed", status_desc: "Prohibited keyword in title: replica" } }));
    expect(await adapter().findBySellerSku("R-1")).toMatchObject({
      status: "rejected",
      rejectReason: "Prohibited keyword in title: replica",
    });
  });

  it("price/stock: one product per call, SKU ids read from get/v2, sku_price[] and sku_inventory[] never with SPU values", async () => {
    const calls: Array<{ path: string; body: Record<string, string> }> = [];
    const record = (path: string) => (b: Record<string, string>) => {
      calls.push({ path, body: b });
      return true;
    };
    const scope = nock(ORIGIN)
      .get("/rest/alibaba/icbu/product/get/v2")
      .query((q) => q.product_id === "11")
      .reply(
        200,
        ok({
          product_info: productInfo(11, {
            skus: [
              { code: "A-1", skuId: 111, price: 5, qty: 1 },
              { code: "A-2", skuId: 112, price: 6, qty: 1 },
            ],
          }),
        }),
      )
      .post("/rest/icbu/product/edit-price", record("price"))
      .query(true)
      .reply(200, ok({ data: null }))
      .post("/rest/icbu/product/edit-inventory", record("inventory"))
      .query(true)
      .reply(200, ok({ data: null }))
      .post("/rest/icbu/product/edit-inventory", record("inventory"))
      .query(true)
      .reply(200, bizError("PUB_BIZCHECK_PRODUCT_NOT_EDITABLE", "The product is under audit"));
    const outcomes = await adapter().updatePriceStock([
      { sellerSku: "A-1", itemId: "11", price: "5.50", quantity: 4 },
      { sellerSku: "A-2", itemId: "11", quantity: 9 },
      { sellerSku: "C-1", itemId: "12", skuId: "121", quantity: 2 },
      { sellerSku: "A-1", itemId: "11", price: "5.555" },
    ]);
    expect(scope.isDone()).toBe(true);
    expect(calls.map((c) => [c.path, c.body.product_id])).toEqual([
      ["price", "11"],
      ["inventory", "11"],
      ["inventory", "12"],
    ]);
    expect(JSON.parse(calls[0]?.body.sku_price ?? "")).toEqual([{ sku_id: 111, price: 5.5 }]);
    expect(calls[0]?.body.price).toBeUndefined();
    expect(JSON.parse(calls[1]?.body.sku_inventory ?? "")).toEqual([
      { sku_id: 111, inventory: 4 },
      { sku_id: 112, inventory: 9 },
    ]);
    expect(calls[1]?.body.inventory).toBeUndefined();
    expect(outcomes).toEqual([
      { sellerSku: "A-1", ok: true },
      { sellerSku: "A-2", ok: true },
      {
        sellerSku: "C-1",
        ok: false,
        error: {
          errorClass: "transient",
          code: "PUB_BIZCHECK_PRODUCT_NOT_EDITABLE",
          message: expect.stringContaining("under audit"),
        },
      },
      {
        sellerSku: "A-1",
        ok: false,
        error: expect.objectContaining({ errorClass: "permanent", code: "VALIDATION_FAILED" }),
      },
    ]);
  });

  it("throws (does not swallow) a throttle in the middle of a price/stock batch", async () => {
    nock(ORIGIN)
      .post("/rest/icbu/product/edit-price")
      .query(true)
      .reply(200, { type: "ISV", code: "ApiCallLimit", message: "this ban will last 1 seconds", request_id: RID });
    const err = await failure(
      adapter().updatePriceStock([{ sellerSku: "A", itemId: "1", skuId: "2", price: "10.00" }]),
    );
    expect(err).toBeInstanceOf(ThrottledError);
  });

  it("delists through batch/update/status and maps per-item errors[] to each seller SKU", async () => {
    let form: Record<string, string> = {};
    nock(ORIGIN)
      .get("/rest/alibaba/icbu/product/search/v2")
      .query((q) => q.sku_code === "A-1")
      .reply(
        200,
        ok({
          product_info: [
            productInfo(21, {
              skus: [
                { code: "A-1", skuId: 1, price: 5, qty: 1 },
                { code: "A-2", skuId: 2, price: 5, qty: 1 },
              ],
            }),
          ],
        }),
      )
      .get("/rest/alibaba/icbu/product/search/v2")
      .query((q) => q.sku_code === "B-1")
      .reply(200, ok({ product_info: [productInfo(22, { skus: [{ code: "B-1", skuId: 3, price: 5, qty: 1 }] })] }))
      .get("/rest/alibaba/icbu/product/search/v2")
      .query((q) => q.sku_code === "GONE")
      .reply(200, bizError("B_PRODUCT_NOT_FOUND", "Product not found"))
      .post("/rest/alibaba/icbu/product/batch/update/status", (b: Record<string, string>) => {
        form = b;
        return true;
      })
      .query(true)
      .reply(200, {
        code: "0",
        request_id: RID,
        result: {
          success: false,
          message: "1 of 2 products failed",
          updated_product_ids: [21],
          errors: [
            { product_id: 22, msg_code: "B_PRODUCT_STATUS_INVALID", message: "Product 22 is locked by a promotion" },
          ],
        },
      });
    const outcomes = await adapter().delist(["A-1", "A-2", "B-1", "GONE"]);
    expect(JSON.parse(form.product_id_list ?? "")).toEqual([21, 22]);
    expect(form.action).toBe("offline");
    expect(outcomes).toEqual([
      { sellerSku: "A-1", ok: true },
      { sellerSku: "A-2", ok: true },
      {
        sellerSku: "B-1",
        ok: false,
        error: {
          errorClass: "permanent",
          code: "B_PRODUCT_STATUS_INVALID",
          message: "Product 22 is locked by a promotion",
        },
      },
      {
        sellerSku: "GONE",
        ok: false,
        error: expect.objectContaining({ errorClass: "permanent", code: "B_PRODUCT_NOT_FOUND" }),
      },
    ]);
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
        refresh_token: "50001new",
        expires_in: 2_592_000,
        refresh_expires_in: 5_184_000,
        account_platform: "ICBU",
        account_id: "2208876543210",
        code: "0",
        request_id: RID,
      });
    const seen: TokenPair[] = [];
    const tokens = await adapter({ onTokens: (t) => seen.push(t) }).refreshToken();
    expect(tokens).toEqual({
      accessToken: "50000new",
      refreshToken: "50001new",
      expiresAt: new Date(NOW + 2_592_000_000).toISOString(),
    });
    expect(seen).toEqual([tokens]);
    expect(query.access_token).toBeUndefined();
  });
});
