import nock from "nock";
import { describe, expect, it } from "vitest";
import {
  AuthExpiredError,
  type ChannelError,
  PermanentError,
  ThrottledError,
  TransientError,
} from "../../adapters/core/errors.js";
import { createAdapter } from "../../adapters/core/registry.js";
import type { ChannelAdapter, RemoteListing, TokenPair } from "../../adapters/core/types.js";
import "../../adapters/jd/index.js";
import { josSign } from "../../adapters/jd/sign.js";
import { jdFootball } from "./jd.fixtures.js";
import { useNockOffline } from "./nockOffline.js";

const ORIGIN = "https://api.jd.com";
const OAUTH = "https://open-oauth.jd.com";
const NOW = Date.UTC(2026, 0, 1, 0, 0, 0);
const SECRET = "nock-jd-secret";

function adapter(
  extra: { retries?: number; onTokens?: (t: TokenPair) => void; throttleWaitMs?: number; get?: boolean } = {},
): ChannelAdapter {
  return createAdapter("jd", {
    baseUrl: `${ORIGIN}/routerjson`,
    credentials: { appKey: "JDKEY01", appSecret: SECRET, accessToken: "acc-token-1", refreshToken: "ref-token-1" },
    now: () => NOW,
    timeoutMs: 2000,
    readRetry: { retries: extra.retries ?? 0, minTimeoutMs: 1, maxTimeoutMs: 2 },
    ...(extra.onTokens ? { onTokens: extra.onTokens } : {}),
    ...(extra.throttleWaitMs ? { throttleWaitMs: extra.throttleWaitMs } : {}),
    ...(extra.get ? { httpMethod: "GET" } : {}),
  } as Parameters<typeof createAdapter>[1]);
}

async function failure(p: Promise<unknown>): Promise<ChannelError> {
  return p.then(
    () => {
      throw new Error("expected a channel error");
    },
    (e: unknown) => e as ChannelError,
  );
}

type Form = Record<string, string>;
const biz = (form: Form) => JSON.parse(form["360buy_param_json"] ?? "{}") as Record<string, unknown>;
/** nock on POST /routerjson for one JOS method, capturing the forms it saw. */
function jos(method: string, seen: Form[] = []) {
  return nock(ORIGIN).post("/routerjson", (form: Form) => {
    if (form.method !== method) return false;
    seen.push(form);
    return true;
  });
}
const ok = (method: string, body: Record<string, unknown>) => ({
  [`${method.replace(/\./g, "_")}_responce`]: { code: "0", ...body },
});
const jdError = (code: string, zh: string, en: string) => ({ error_response: { code, zh_desc: zh, en_desc: en } });

/** searchWare4Valid Ware shape (no skus) and searchSkuList Sku shape, as JD returns them. */
function ware(wareId: number, status: number, outerId: string, title = "巴基斯坦手工足球") {
  return {
    wareId,
    title,
    categoryId: 1467,
    brandId: 352118,
    outerId,
    itemNum: outerId,
    wareStatus: status,
    jdPrice: 98,
    marketPrice: 128,
    stockNum: 200,
    images: [{ colorId: "0000000000", imgIndex: 1, imgUrl: "jfs/t1/a.jpg", imgId: 1 }],
    created: 1_767_200_000_000,
    modified: NOW,
    shopId: 10233981,
  };
}
function sku(wareId: number, skuId: number, outerId: string, jdPrice: number, stockNum: number) {
  return { skuId, wareId, outerId, jdPrice, stockNum, status: 1, saleAttrs: [], wareTitle: "巴基斯坦手工足球" };
}

useNockOffline();

describe("JD adapter against recorded response shapes (nock)", () => {
  it("creates a ware: signed form POST, Beijing timestamp, business params inside 360buy_param_json", async () => {
    const seen: Form[] = [];
    const scope = jos("jingdong.ware.write.add", seen).reply(
      200,
      ok("jingdong.ware.write.add", {
        ware: {
          wareId: 100012345678,
          wareStatus: 513,
          title: "巴基斯坦锡亚尔科特手工缝制5号比赛足球 PU皮革",
          skus: [
            { skuId: 100098765432, outerId: "SKC-FB-PRO-5-WHT" },
            { skuId: 100098765433, outerId: "SKC-FB-PRO-4-YLW" },
          ],
        },
      }),
    );
    const result = await adapter().create(jdFootball());
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      itemId: "100012345678",
      status: "pending",
      skus: [
        { sellerSku: "SKC-FB-PRO-5-WHT", skuId: "100098765432", price: "128.00", quantity: 120 },
        { sellerSku: "SKC-FB-PRO-4-YLW", skuId: "100098765433", price: "98.00", quantity: 80 },
      ],
    });
    const form = seen[0]!;
    expect(Object.keys(form).sort()).toEqual(
      ["360buy_param_json", "access_token", "app_key", "method", "sign", "timestamp", "v"].sort(),
    );
    expect(form).toMatchObject({ app_key: "JDKEY01", access_token: "acc-token-1", v: "2.0" });
    expect(form.timestamp).toBe("2026-01-01 08:00:00");
    const { sign, ...unsigned } = form;
    expect(sign).toBe(josSign(SECRET, unsigned));
    const { ware: w, skus } = biz(form) as { ware: Record<string, unknown>; skus: Record<string, unknown>[] };
    expect(w).toMatchObject({
      title: "巴基斯坦锡亚尔科特手工缝制5号比赛足球 PU皮革",
      categoryId: 1467,
      brandId: 352118,
      outerId: "SKC-FB-PRO",
      itemNum: "SKC-FB-PRO",
      length: 230,
      width: 230,
      height: 230,
      weight: 0.6,
      jdPrice: 98,
      marketPrice: 128,
      props: [
        { attrId: "1001", attrValues: ["PU皮革"] },
        { attrId: "1002", attrValues: ["巴基斯坦"] },
      ],
    });
    expect(w.introduction).toContain("<p>锡亚尔科特工匠手工缝制");
    expect(w.images).toEqual([
      { colorId: "0000000000", imgIndex: 1, imgUrl: expect.stringContaining("front") },
      { colorId: "0000000000", imgIndex: 2, imgUrl: expect.stringContaining("panels") },
      { colorId: "0000000000", imgIndex: 3, imgUrl: expect.stringContaining("stitching") },
      { colorId: "白色", imgIndex: 1, imgUrl: expect.stringContaining("white") },
      { colorId: "黄色", imgIndex: 1, imgUrl: expect.stringContaining("yellow") },
    ]);
    expect(skus).toEqual([
      {
        saleAttrs: [
          { attrId: "1000000041", attrValues: ["白色"], index: 1 },
          { attrId: "1000000046", attrValues: ["5号"], index: 2 },
        ],
        jdPrice: 128,
        outerId: "SKC-FB-PRO-5-WHT",
        stockNum: 120,
      },
      expect.objectContaining({ outerId: "SKC-FB-PRO-4-YLW", jdPrice: 98, stockNum: 80 }),
    ]);
  });

  it("can call the gateway with GET (all params in the query)", async () => {
    let query: Form = {};
    nock(ORIGIN)
      .get("/routerjson")
      .query((q) => {
        query = q as Form;
        return true;
      })
      .reply(200, ok("jingdong.sku.read.searchSkuList", { page: { data: [], pageNo: 1, pageSize: 20, totalItem: 0 } }))
      .get("/routerjson")
      .query(true)
      .reply(
        200,
        ok("jingdong.ware.read.searchWare4Valid", { page: { data: [], pageNo: 1, pageSize: 20, totalItem: 0 } }),
      );
    expect(await adapter({ get: true }).findBySellerSku("NOPE")).toBeNull();
    expect(query.method).toBe("jingdong.sku.read.searchSkuList");
    expect(JSON.parse(query["360buy_param_json"] ?? "{}")).toEqual({ outId: "NOPE", pageNo: 1, page_size: 20 });
    const { sign, ...unsigned } = query;
    expect(sign).toBe(josSign(SECRET, unsigned));
  });

  it("lists wares ordered by modified time with their SKUs, and maps wareStatus", async () => {
    const wareCalls: Form[] = [];
    const skuCalls: Form[] = [];
    jos("jingdong.ware.read.searchWare4Valid", wareCalls).reply(
      200,
      ok("jingdong.ware.read.searchWare4Valid", {
        page: {
          data: [ware(101, 8, "A"), ware(102, 513, "B"), ware(103, 1028, "C"), ware(104, 2, "D")],
          pageNo: 1,
          pageSize: 50,
          totalItem: 4,
        },
      }),
    );
    jos("jingdong.sku.read.searchSkuList", skuCalls).reply(
      200,
      ok("jingdong.sku.read.searchSkuList", {
        page: {
          data: [sku(101, 9001, "A-1", 128, 10), sku(101, 9002, "A-2", 98.5, 0), sku(102, 9003, "B-1", 60, 3)],
          pageNo: 1,
          pageSize: 100,
          totalItem: 3,
        },
      }),
    );
    const seen: RemoteListing[] = [];
    for await (const item of adapter().listRemote()) seen.push(item);
    expect(seen.map((r) => [r.itemId, r.status, r.rawStatus, r.sellerSku])).toEqual([
      ["101", "live", "8", "A"],
      ["102", "pending", "513", "B"],
      ["103", "rejected", "1028", "C"],
      ["104", "inactive", "2", "D"],
    ]);
    expect(seen[0]).toMatchObject({ title: "巴基斯坦手工足球", imageCount: 1, updatedAt: "2026-01-01T00:00:00.000Z" });
    expect(seen[0]?.skus).toEqual([
      { sellerSku: "A-1", skuId: "9001", price: "128.00", quantity: 10, status: "1" },
      { sellerSku: "A-2", skuId: "9002", price: "98.50", quantity: 0, status: "1" },
    ]);
    expect(biz(wareCalls[0]!)).toEqual({ pageNo: 1, pageSize: 50, orderField: "modified", orderType: "asc" });
    expect(biz(skuCalls[0]!)).toEqual({ wareId: "101,102,103,104", pageNo: 1, page_size: 100 });
  });

  it("findBySellerSku goes sku outerId -> ware, and reads the reason of a failed audit", async () => {
    jos("jingdong.sku.read.searchSkuList").reply(
      200,
      ok("jingdong.sku.read.searchSkuList", {
        page: { data: [sku(103, 9101, "C-1", 60, 1)], pageNo: 1, pageSize: 20, totalItem: 1 },
      }),
    );
    jos("jingdong.ware.read.findWareById").reply(
      200,
      ok("jingdong.ware.read.findWareById", { ware: ware(103, 1028, "C") }),
    );
    jos("jingdong.sku.read.searchSkuList").reply(
      200,
      ok("jingdong.sku.read.searchSkuList", {
        page: { data: [sku(103, 9101, "C-1", 60, 1)], pageNo: 1, pageSize: 100, totalItem: 1 },
      }),
    );
    jos("jingdong.ware.read.findOpReason").reply(
      200,
      ok("jingdong.ware.read.findOpReason", {
        wareOpReasons: [{ wareId: 103, opType: 1028, opReason: "主图含水印，请更换", opTime: NOW }],
      }),
    );
    const found = await adapter().findBySellerSku("C-1");
    expect(found).toMatchObject({ itemId: "103", status: "rejected", rejectReason: "主图含水印，请更换" });
  });

  it("sends price and stock one SKU per call, looking the skuId up by outerId when not given", async () => {
    const prices: Form[] = [];
    const stocks: Form[] = [];
    jos("jingdong.sku.read.searchSkuList").reply(
      200,
      ok("jingdong.sku.read.searchSkuList", {
        page: { data: [sku(101, 9001, "A-1", 128, 10)], pageNo: 1, pageSize: 20, totalItem: 1 },
      }),
    );
    jos("jingdong.price.write.updateSkuJdPrice", prices)
      .times(2)
      .reply(200, ok("jingdong.price.write.updateSkuJdPrice", { success: true }));
    jos("jingdong.stock.write.updateSkuStock", stocks)
      .times(2)
      .reply(200, ok("jingdong.stock.write.updateSkuStock", { success: true }));
    const outcomes = await adapter().updatePriceStock([
      { sellerSku: "A-1", price: "129.90", quantity: 5 },
      { sellerSku: "A-2", skuId: "9002", price: "99.00", salePrice: "89.50", quantity: 0 },
      { sellerSku: "A-3", quantity: -1 },
    ]);
    expect(outcomes.slice(0, 2)).toEqual([
      { sellerSku: "A-1", ok: true },
      { sellerSku: "A-2", ok: true },
    ]);
    expect(outcomes[2]).toMatchObject({ ok: false, error: { errorClass: "permanent", code: "VALIDATION_FAILED" } });
    expect(prices.map(biz)).toEqual([
      { skuId: 9001, jdPrice: 129.9 },
      { skuId: 9002, jdPrice: 89.5 },
    ]);
    expect(stocks.map(biz)).toEqual([
      { skuId: 9001, stockNum: 5 },
      { skuId: 9002, stockNum: 0 },
    ]);
  });

  it("a business failure fails only that SKU, with JD's code and both texts; a throttle stops the batch", async () => {
    jos("jingdong.price.write.updateSkuJdPrice").reply(
      200,
      jdError("10300006", "京东价不能低于成本价", "jdPrice can not be lower than cost price"),
    );
    jos("jingdong.price.write.updateSkuJdPrice").reply(
      200,
      ok("jingdong.price.write.updateSkuJdPrice", { success: true }),
    );
    const outcomes = await adapter().updatePriceStock([
      { sellerSku: "A-1", skuId: "9001", price: "1.00" },
      { sellerSku: "A-2", skuId: "9002", price: "99.00" },
    ]);
    expect(outcomes[0]).toEqual({
      sellerSku: "A-1",
      ok: false,
      error: {
        errorClass: "permanent",
        code: "10300006",
        message: expect.stringMatching(/jdPrice can not be lower than cost price \/ 京东价不能低于成本价/),
      },
    });
    expect(outcomes[1]).toEqual({ sellerSku: "A-2", ok: true });

    jos("jingdong.stock.write.updateSkuStock").reply(200, jdError("2", "App调用次数超限", "App Call Limited"));
    const err = await failure(adapter().updatePriceStock([{ sellerSku: "A-1", skuId: "9001", quantity: 1 }]));
    expect(err).toBeInstanceOf(ThrottledError);
  });

  it("delists a ware once for all of its SKUs (upOrDown opType 2)", async () => {
    const calls: Form[] = [];
    jos("jingdong.sku.read.searchSkuList").reply(
      200,
      ok("jingdong.sku.read.searchSkuList", {
        page: { data: [sku(101, 9001, "A-1", 128, 10)], pageNo: 1, pageSize: 20, totalItem: 1 },
      }),
    );
    jos("jingdong.sku.read.searchSkuList").reply(
      200,
      ok("jingdong.sku.read.searchSkuList", {
        page: { data: [sku(101, 9002, "A-2", 98, 0)], pageNo: 1, pageSize: 20, totalItem: 1 },
      }),
    );
    jos("jingdong.sku.read.searchSkuList").reply(
      200,
      ok("jingdong.sku.read.searchSkuList", { page: { data: [], pageNo: 1, pageSize: 20, totalItem: 0 } }),
    );
    jos("jingdong.ware.read.searchWare4Valid").reply(
      200,
      ok("jingdong.ware.read.searchWare4Valid", { page: { data: [], pageNo: 1, pageSize: 20, totalItem: 0 } }),
    );
    jos("jingdong.ware.write.upOrDown", calls).reply(200, ok("jingdong.ware.write.upOrDown", { success: true }));
    const outcomes = await adapter().delist(["A-1", "A-2", "GONE"]);
    expect(outcomes.slice(0, 2)).toEqual([
      { sellerSku: "A-1", ok: true },
      { sellerSku: "A-2", ok: true },
    ]);
    expect(outcomes[2]).toMatchObject({ ok: false, error: { code: "SKU_NOT_FOUND" } });
    expect(calls.map(biz)).toEqual([{ wareId: 101, opType: 2, note: expect.any(String) }]);
  });

  describe("error classes", () => {
    const create = (a = adapter()) => a.create(jdFootball());
    const replyAdd = (status: number, body: unknown, headers?: Record<string, string>) =>
      jos("jingdong.ware.write.add").reply(status, body as nock.Body, headers);

    it("code 2 App Call Limited -> throttled (default wait, or the configured one)", async () => {
      replyAdd(200, jdError("2", "App调用次数超限", "App Call Limited"));
      const err = await failure(create());
      expect(err).toBeInstanceOf(ThrottledError);
      expect(err.code).toBe("2");
      expect((err as ThrottledError).waitMs).toBe(1000);
      replyAdd(200, jdError("2", "App调用次数超限", "App Call Limited"));
      expect(((await failure(create(adapter({ throttleWaitMs: 5000 })))) as ThrottledError).waitMs).toBe(5000);
    });

    it("codes 7 and 8 -> permanent, and the message says it is the clock", async () => {
      for (const [code, zh, en] of [
        ["7", "缺少时间戳参数", "Missing timestamp"],
        ["8", "非法的时间戳参数", "Invalid timestamp"],
      ] as const) {
        replyAdd(200, jdError(code, zh, en));
        const err = await failure(create());
        expect(err).toBeInstanceOf(PermanentError);
        expect(err.code).toBe(code);
        expect(err.message).toMatch(/clock/);
        expect(err.message).toMatch(/Beijing/);
      }
    });

    it("code 19 token invalid or expired -> auth expired", async () => {
      replyAdd(200, jdError("19", "无效access_token", "Invalid access_token"));
      const err = await failure(create());
      expect(err).toBeInstanceOf(AuthExpiredError);
      expect(err.code).toBe("19");
    });

    it("signature (11, 12), method (14, 15), app key (21) and permission (2001) -> permanent", async () => {
      for (const [code, en] of [
        ["11", "Missing signature"],
        ["12", "Invalid signature"],
        ["14", "Missing method"],
        ["15", "Invalid method"],
        ["21", "Invalid app_key"],
        ["2001", "No permission to call this API"],
      ] as const) {
        replyAdd(200, jdError(code, "错误", en));
        const err = await failure(create());
        expect(err).toBeInstanceOf(PermanentError);
        expect(err.code).toBe(code);
        expect(err.message).toContain(en);
      }
    });

    it("a business failure -> permanent with JD's code and the Chinese and English texts", async () => {
      replyAdd(200, jdError("6001", "类目不是叶子类目", "category is not a leaf category"));
      const err = await failure(create());
      expect(err).toMatchObject({ errorClass: "permanent", code: "6001" });
      expect(err.message).toContain("category is not a leaf category");
      expect(err.message).toContain("类目不是叶子类目");
    });

    it("a failure inside the method wrapper (code not 0, or success false) -> permanent", async () => {
      replyAdd(200, {
        jingdong_ware_write_add_responce: { code: "1", zh_desc: "外部ID重复", en_desc: "outerId already exists" },
      });
      expect(await failure(create())).toMatchObject({ errorClass: "permanent", code: "1" });
      replyAdd(200, { jingdong_ware_write_add_responce: { code: "0", success: false, message: "sku error" } });
      expect(await failure(create())).toMatchObject({ errorClass: "permanent", code: "BUSINESS_FAILED" });
    });

    it("HTTP 5xx, a truncated body, a reset connection and a missing wrapper -> transient", async () => {
      replyAdd(502, "<html><body>502 Bad Gateway</body></html>");
      expect(await failure(create())).toMatchObject({ errorClass: "transient", code: "HTTP_502" });
      replyAdd(200, '{"jingdong_ware_write_add_responce":{"code":"0","ware":{"wareId":1000', {
        "content-type": "application/json",
      });
      expect(await failure(create())).toMatchObject({ errorClass: "transient", code: "MALFORMED_RESPONSE" });
      jos("jingdong.ware.write.add").replyWithError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
      expect(await failure(create())).toBeInstanceOf(TransientError);
      replyAdd(200, { some_other_responce: { code: "0" } });
      expect(await failure(create())).toMatchObject({ errorClass: "transient", code: "UNEXPECTED_RESPONSE" });
    });
  });

  describe("tokens", () => {
    it("refreshToken() calls /oauth2/refresh_token, reports the pair and uses the new token", async () => {
      const seen: TokenPair[] = [];
      let query: Form = {};
      nock(OAUTH)
        .get("/oauth2/refresh_token")
        .query((q) => {
          query = q as Form;
          return true;
        })
        .reply(200, {
          access_token: "acc-token-2",
          expires_in: 86400,
          refresh_token: "ref-token-2",
          scope: "snsapi_base",
          open_id: "abc",
          uid: "123",
          time: NOW,
          token_type: "bearer",
          code: 0,
        });
      const forms: Form[] = [];
      jos("jingdong.sku.read.searchSkuList", forms).reply(
        200,
        ok("jingdong.sku.read.searchSkuList", { page: { data: [], pageNo: 1, pageSize: 20, totalItem: 0 } }),
      );
      jos("jingdong.ware.read.searchWare4Valid").reply(
        200,
        ok("jingdong.ware.read.searchWare4Valid", { page: { data: [], pageNo: 1, pageSize: 20, totalItem: 0 } }),
      );
      const a = adapter({ onTokens: (t) => seen.push(t) });
      const tokens = await a.refreshToken();
      expect(query).toEqual({
        app_key: "JDKEY01",
        app_secret: SECRET,
        grant_type: "refresh_token",
        refresh_token: "ref-token-1",
      });
      expect(tokens).toEqual({
        accessToken: "acc-token-2",
        refreshToken: "ref-token-2",
        expiresAt: "2026-01-02T00:00:00.000Z",
      });
      expect(seen).toEqual([tokens]);
      await a.findBySellerSku("X");
      expect(forms[0]?.access_token).toBe("acc-token-2");
    });

    it("a refused refresh -> auth expired (the seller must authorize again)", async () => {
      nock(OAUTH)
        .get("/oauth2/refresh_token")
        .query(true)
        .reply(200, { code: 402, msg: "refresh_token is invalid", requestId: "r1" });
      const err = await failure(adapter().refreshToken());
      expect(err).toBeInstanceOf(AuthExpiredError);
      expect(err.code).toBe("402");
    });
  });
});
