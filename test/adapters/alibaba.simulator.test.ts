import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AlibabaAdapterOptions, buildProductInfo, exchangeAlibabaAuthCode } from "../../adapters/alibaba/index.js";
import {
  ALIBABA_SIM_APP,
  type AlibabaSimulatorHandle,
  startAlibabaSimulator,
} from "../../adapters/alibaba/simulator/index.js";
import { iopSign } from "../../adapters/core/iopSign.js";
import { createAdapter } from "../../adapters/core/registry.js";
import type { ChannelAdapter } from "../../adapters/core/types.js";
import { alibabaFootball } from "./fixtures.js";
import { simControl } from "./simControl.js";

interface RawOptions {
  query?: Record<string, string>;
  form?: Record<string, string>;
  secret?: string;
  appKey?: string;
  token?: string | null;
  timestamp?: number;
  sign?: string | null;
  signMethod?: string;
}

interface Body {
  code?: string;
  type?: string;
  message?: string;
  result?: Record<string, unknown> & { success?: boolean; msg_code?: string };
  [key: string]: unknown;
}

/** A hand-built IOP call, so tests can break one rule at a time. */
async function raw(sim: AlibabaSimulatorHandle, apiPath: string, o: RawOptions = {}) {
  const system: Record<string, string> = {
    app_key: o.appKey ?? sim.appKey,
    timestamp: String(o.timestamp ?? Date.now()),
    sign_method: o.signMethod ?? "sha256",
  };
  if (o.token) system.access_token = o.token;
  const all = { ...o.query, ...o.form, ...system };
  const sign = o.sign === undefined ? iopSign(o.secret ?? sim.appSecret, apiPath, all) : o.sign;
  const query = new URLSearchParams({ ...o.query, ...system, ...(sign ? { sign } : {}) });
  const res = await fetch(`${sim.baseUrl}${apiPath}?${query}`, {
    method: o.form ? "POST" : "GET",
    ...(o.form
      ? { body: new URLSearchParams(o.form), headers: { "content-type": "application/x-www-form-urlencoded" } }
      : {}),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

const LISTING = "/alibaba/icbu/product/listing/v2";
const info = (mutate?: (i: ReturnType<typeof buildProductInfo>) => void, n = 1) => {
  const productInfo = buildProductInfo(alibabaFootball({ skuPrefix: `SIM-${n}` }));
  mutate?.(productInfo);
  return { product_info: JSON.stringify(productInfo) };
};
const msgCode = (b: Body) => b.result?.msg_code;

describe("Alibaba.com simulator enforces the contract", () => {
  let sim: AlibabaSimulatorHandle;
  let token: string;

  beforeAll(async () => {
    sim = await startAlibabaSimulator();
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    sim.reset();
    token = (await sim.testCredentials()).accessToken ?? "";
  });

  const create = async (n = 1, mutate?: (i: ReturnType<typeof buildProductInfo>) => void) => {
    const res = await raw(sim, LISTING, { token, form: info(mutate, n) });
    return String(res.body.result?.data ?? "");
  };

  it("answers a well-formed call in the v2 shape", async () => {
    const res = await raw(sim, "/alibaba/icbu/product/list", { token });
    expect(res).toEqual({
      status: 200,
      body: {
        code: "0",
        request_id: expect.any(String),
        result: {
          success: true,
          current_page: 1,
          page_size: 30,
          total_item: 0,
          products: [],
          trace_id: expect.any(String),
        },
      },
    });
  });

  it("checks signatures, app keys, timestamps, sign methods and access tokens", async () => {
    const list = "/alibaba/icbu/product/list";
    expect((await raw(sim, list, { token, sign: null })).body.code).toBe("IncompleteSignature");
    expect((await raw(sim, list, { token, secret: "wrong" })).body).toMatchObject({
      type: "ISV",
      code: "IncompleteSignature",
    });
    expect((await raw(sim, list, { token, appKey: "999" })).body.code).toBe("InvalidAppKey");
    expect((await raw(sim, list, { token, timestamp: Date.now() - 7201_000 })).body.code).toBe("InvalidTimestamp");
    expect((await raw(sim, list, { token, signMethod: "md5" })).body.code).toBe("InvalidParameter");
    expect((await raw(sim, list, { token: null })).body.code).toBe("IllegalAccessToken");
    expect((await raw(sim, list, { token: "50000forged" })).body.code).toBe("IllegalAccessToken");
    sim.setFaults({ expireTokens: "next" });
    expect((await raw(sim, list, { token })).body.code).toBe("IllegalAccessToken");
    expect((await raw(sim, "/alibaba/icbu/nope", { token })).body.code).toBe("InvalidApiPath");
  });

  it("refuses callers outside the IP whitelist with AppWhiteIpLimit (off by default)", async () => {
    sim.setIpWhitelist(["203.0.113.7"]);
    const res = await raw(sim, "/alibaba/icbu/product/list", { token });
    expect(res.body).toMatchObject({ code: "AppWhiteIpLimit", message: expect.stringContaining("127.0.0.1") });
    const adapter = createAdapter("alibaba", { baseUrl: sim.baseUrl, credentials: await sim.testCredentials() });
    await expect(adapter.findBySellerSku("X")).rejects.toMatchObject({
      errorClass: "permanent",
      code: "AppWhiteIpLimit",
    });
    sim.setIpWhitelist(["203.0.113.7", "127.0.0.1"]);
    expect((await raw(sim, "/alibaba/icbu/product/list", { token })).body.code).toBe("0");
  });

  it("answers ApiCallLimit with the ban seconds when the quota is exceeded", async () => {
    sim.setQuota({ ratePerSec: 0.25, burst: 1 });
    expect((await raw(sim, "/alibaba/icbu/product/list", { token })).body.code).toBe("0");
    const res = await raw(sim, "/alibaba/icbu/product/list", { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: "ApiCallLimit",
      message: expect.stringMatching(/this ban will last [1-4] seconds/),
    });
  });

  it("validates product_info with the documented msg_codes", async () => {
    const code = async (mutate: (i: ReturnType<typeof buildProductInfo>) => void) =>
      msgCode((await raw(sim, LISTING, { token, form: info(mutate) })).body);
    expect(await code((i) => (i.basic_info.title = "x".repeat(129)))).toBe("CHK_BASIC_MAX_LENGTH");
    expect(await code((i) => (i.basic_info.title = " "))).toBe("B_TITLE_NOT_FOUND");
    expect(
      await code((i) => {
        i.basic_info.product_image = Array.from({ length: 7 }, (_, n) => ({
          image_url: `https://sc04.alicdn.com/${n}.jpg`,
        }));
      }),
    ).toBe("CHK_BASIC_MAX_LENGTH");
    expect(await code((i) => (i.basic_info.product_image = []))).toBe("CHK_BASIC_REQUIRED");
    expect(await code((i) => (i.basic_info.product_image = [{ image_url: "ftp://x/a.jpg" }]))).toBe(
      "B_CONTAINS_INVALID_IMAGE",
    );
    expect(
      await code((i) => {
        i.trade_info.price.tiered_price = [
          { quantity: 50, price: 10 },
          { quantity: 200, price: 10.5 },
        ];
      }),
    ).toBe("B_PRICE_SEQUENCE_INVALID");
    expect(
      await code((i) => {
        i.trade_info.price.tiered_price = [
          { quantity: 50, price: 10 },
          { quantity: 50, price: 9 },
        ];
      }),
    ).toBe("B_PRICE_SEQUENCE_INVALID");
    expect(await code((i) => (i.trade_info.price.tiered_price = [{ quantity: 50, price: 10.125 }]))).toBe(
      "B_PRICE_SCALE_INVALID",
    );
    expect(await code((i) => (i.trade_info.sku_info[0]!.sku_price = 9.999))).toBe("B_PRICE_SCALE_INVALID");
    expect(await code((i) => (i.category_info.category_id = 18))).toBe("CHK_CAT_NOT_LEAF");
    expect(
      await code((i) => {
        i.trade_info.price.tiered_price = [];
        for (const s of i.trade_info.sku_info) delete (s as { sku_price?: number }).sku_price;
      }),
    ).toBe("B_PRICE_ALL_NULL");
    expect(await code((i) => (i.basic_info.keywords = ["a", "b", "c", "d"]))).toBe("B_PRODUCT_PARAM_INVALID");
    expect(await code((i) => (i.trade_info.price.currency = "PKR" as "USD"))).toBe("B_PRODUCT_PARAM_INVALID");
    expect(msgCode((await raw(sim, LISTING, { token, form: { product_info: "{not json" } })).body)).toBe(
      "B_PRODUCT_PARAM_INVALID",
    );
    expect(sim.listings()).toHaveLength(0);
    expect(await create()).toMatch(/^\d{13}$/);
    expect(msgCode((await raw(sim, LISTING, { token, form: info() })).body)).toBe("B_PRODUCT_PARAM_INVALID");
  });

  it("audits new products: pending, edits refused while under audit, then online or rejected", async () => {
    const good = await create(1);
    const bad = await create(2, (i) => (i.basic_info.title = "Replica Match Ball"));
    const status = async (id: string) =>
      (await raw(sim, "/alibaba/icbu/product/status/get/v2", { token, query: { product_id: id } })).body.result?.data;
    expect(await status(good)).toEqual({ status: "pending" });
    const edit = await raw(sim, "/icbu/product/edit-inventory", {
      token,
      form: { product_id: good, inventory: "5" },
    });
    expect(msgCode(edit.body)).toBe("PUB_BIZCHECK_PRODUCT_NOT_EDITABLE");
    expect(sim.advanceReview()).toBe(2);
    expect(await status(good)).toEqual({ status: "online" });
    expect(await status(bad)).toEqual({ status: "failed", status_desc: expect.stringContaining("replica") });
    const got = await raw(sim, "/alibaba/icbu/product/get/v2", { token, query: { product_id: good } });
    expect(got.body.result?.product_info).toMatchObject({
      basic_info: { status: "online", audit_status: "approved" },
      trade_info: { moq: 50, sku_info: [expect.objectContaining({ sku_code: "SIM-1-5-WHT" }), expect.anything()] },
    });
    // A content edit goes back to audit; price and stock edits do not.
    const update = buildProductInfo({ ...alibabaFootball({ skuPrefix: "SIM-1" }), title: "New title" }, good);
    expect(
      (await raw(sim, "/alibaba/icbu/product/update/v2", { token, form: { product_info: JSON.stringify(update) } }))
        .body.result?.success,
    ).toBe(true);
    expect(await status(good)).toEqual({ status: "pending" });
  });

  it("edit-price / edit-inventory: never SPU and SKU values together, never neither", async () => {
    const id = await create();
    sim.advanceReview();
    const got = await raw(sim, "/alibaba/icbu/product/get/v2", { token, query: { product_id: id } });
    const product = got.body.result?.product_info as { trade_info: { sku_info: Array<{ sku_id: number }> } };
    const skuId = String(product.trade_info.sku_info[0]?.sku_id);
    const price = (form: Record<string, string>) =>
      raw(sim, "/icbu/product/edit-price", { token, form: { product_id: id, ...form } });
    const stock = (form: Record<string, string>) =>
      raw(sim, "/icbu/product/edit-inventory", { token, form: { product_id: id, ...form } });
    const spu = JSON.stringify({ price_type: "TIERED", currency: "USD", tiered_price: [{ quantity: 50, price: 9 }] });
    const skuPrice = JSON.stringify([{ sku_id: Number(skuId), price: 9.5 }]);
    expect(msgCode((await price({ price: spu, sku_price: skuPrice })).body)).toBe("B_PRICE_CONFLICT");
    expect(msgCode((await price({})).body)).toBe("B_PRICE_ALL_NULL");
    expect(msgCode((await price({ sku_price: JSON.stringify([{ sku_id: 1, price: 9 }]) })).body)).toBe(
      "B_PRODUCT_PARAM_INVALID",
    );
    expect((await price({ sku_price: skuPrice })).body.result?.success).toBe(true);
    expect(msgCode((await stock({ inventory: "5", sku_inventory: "[]" })).body)).toBe("B_INVENTORY_CONFLICT");
    expect(msgCode((await stock({})).body)).toBe("B_INVENTORY_ALL_NULL");
    expect(msgCode((await stock({ inventory: "5" })).body)).toBe("B_PRODUCT_PARAM_INVALID");
    expect((await stock({ sku_inventory: JSON.stringify({ [skuId]: 7 }) })).body.result?.success).toBe(true);
    expect(sim.listings()[0]?.skus[0]).toMatchObject({ price: "9.5", quantity: 7 });
  });

  it("batch status answers per-item errors[] for partial failure", async () => {
    const live = await create(1);
    const pending = await create(2);
    sim.advanceReview();
    await create(3);
    const res = await raw(sim, "/alibaba/icbu/product/batch/update/status", {
      token,
      form: { product_id_list: JSON.stringify([Number(live), 1600999999999]), action: "offline" },
    });
    expect(res.body.result).toMatchObject({
      success: false,
      updated_product_ids: [Number(live)],
      errors: [{ product_id: "1600999999999", msg_code: "B_PRODUCT_NOT_FOUND", message: expect.any(String) }],
    });
    const online = await raw(sim, "/alibaba/icbu/product/batch/update/status", {
      token,
      form: { product_id_list: JSON.stringify([Number(pending), Number(live)]), action: "online" },
    });
    expect(online.body.result).toMatchObject({ success: true, updated_product_ids: [Number(pending), Number(live)] });
  });

  it("serves list pages of at most 30 and search pages of at most 20", async () => {
    const list = (q: Record<string, string>) => raw(sim, "/alibaba/icbu/product/list", { token, query: q });
    expect(msgCode((await list({ page_size: "31" })).body)).toBe("B_PRODUCT_PARAM_INVALID");
    expect(msgCode((await list({ gmt_modified_from: "2026-01-01T00:00:00Z" })).body)).toBe("B_PRODUCT_PARAM_INVALID");
    const search = (q: Record<string, string>) => raw(sim, "/alibaba/icbu/product/search/v2", { token, query: q });
    expect(msgCode((await search({ sku_code: "X", page_size: "21" })).body)).toBe("B_PRODUCT_PARAM_INVALID");
    expect(msgCode((await search({ sku_code: "X" })).body)).toBe("B_PRODUCT_NOT_FOUND");
  });

  it("injects business errors: the call does no work", async () => {
    const adapter = createAdapter("alibaba", { baseUrl: sim.baseUrl, credentials: await sim.testCredentials() });
    sim.injectBusinessError({ msgCode: "S_COMMON_INTERNAL_ERROR", paths: [LISTING] });
    await expect(adapter.create(alibabaFootball())).rejects.toMatchObject({
      errorClass: "transient",
      code: "S_COMMON_INTERNAL_ERROR",
    });
    sim.injectBusinessError({ msgCode: "B_PRODUCT_INFO_TRANSLATION_FAILED" });
    await expect(adapter.create(alibabaFootball())).rejects.toMatchObject({ errorClass: "transient" });
    expect(sim.listings()).toHaveLength(0);
    expect((await adapter.create(alibabaFootball())).status).toBe("pending");
  });
});

describe("Alibaba.com simulator behaviour", () => {
  it("splits time windows: listRemote reads every product when a window holds more than the cap", async () => {
    let clock = Date.UTC(2026, 0, 1);
    const sim = await startAlibabaSimulator({ now: () => clock, windowCap: 100 });
    try {
      const opts: AlibabaAdapterOptions = {
        baseUrl: sim.baseUrl,
        credentials: await sim.testCredentials(),
        now: () => clock,
        listWindowCap: 100,
      };
      const adapter: ChannelAdapter = createAdapter("alibaba", opts);
      const total = 230;
      for (let n = 0; n < total; n++) {
        // Pairs share a second, so window bounds fall on seconds holding more than one product.
        clock += n % 2 === 0 ? 0 : 61_000;
        await adapter.create(alibabaFootball({ skuPrefix: `WIN-${n}` }));
      }
      const token = (await sim.testCredentials()).accessToken ?? "";
      const beyond = await raw(sim, "/alibaba/icbu/product/list", {
        token,
        timestamp: clock,
        query: { current_page: "5", page_size: "30" },
      });
      expect(beyond.body.result).toMatchObject({ total_item: total, products: [] });

      const before = sim.counts()["/alibaba/icbu/product/list"] ?? 0;
      const ids: string[] = [];
      for await (const item of adapter.listRemote()) ids.push(item.itemId);
      expect(new Set(ids).size).toBe(total);
      expect(ids).toHaveLength(total);
      expect(ids).toEqual([...ids].sort().reverse()); // newest first
      const listCalls = (sim.counts()["/alibaba/icbu/product/list"] ?? 0) - before;
      expect(listCalls).toBeGreaterThan(Math.ceil(total / 30));

      // A bounded window over the last 10 modification seconds: the newest holds 1 product, the 9 before it 2 each.
      const since = new Date(clock - 9 * 61_000);
      const recent: string[] = [];
      for await (const item of adapter.listRemote({ updatedAfter: since })) recent.push(item.itemId);
      expect(recent).toHaveLength(19);
    } finally {
      await sim.close();
    }
  });

  it("runs the OAuth code flow and expires tokens after their lifetime", async () => {
    let clock = Date.UTC(2026, 0, 1);
    const sim = await startAlibabaSimulator({ now: () => clock, accessTokenTtlSec: 60, refreshTokenTtlSec: 600 });
    try {
      const app = {
        baseUrl: sim.baseUrl,
        appKey: ALIBABA_SIM_APP.appKey,
        appSecret: ALIBABA_SIM_APP.appSecret,
        now: () => clock,
      };
      const code = sim.createAuthCode();
      const tokens = await exchangeAlibabaAuthCode(app, code);
      await expect(exchangeAlibabaAuthCode(app, code)).rejects.toMatchObject({
        errorClass: "permanent",
        code: "InvalidCode",
      });
      const adapter = createAdapter("alibaba", {
        ...app,
        credentials: { ...app, ...tokens },
        readRetry: { retries: 0 },
      });
      expect(await adapter.findBySellerSku("X")).toBeNull();
      clock += 61_000;
      await expect(adapter.findBySellerSku("X")).rejects.toMatchObject({ errorClass: "auth_expired" });
      await adapter.refreshToken();
      expect(await adapter.findBySellerSku("X")).toBeNull();
      clock += 601_000;
      await expect(adapter.refreshToken()).rejects.toMatchObject({
        errorClass: "auth_expired",
        code: "IllegalRefreshToken",
      });
    } finally {
      await sim.close();
    }
  });

  it("audits on its own after reviewDelayMs; edits under audit come back transient; the lock can be turned off", async () => {
    let clock = Date.UTC(2026, 0, 1);
    const sim = await startAlibabaSimulator({ now: () => clock, reviewDelayMs: 5000 });
    try {
      const adapter = createAdapter("alibaba", {
        baseUrl: sim.baseUrl,
        credentials: await sim.testCredentials(),
        now: () => clock,
      });
      const listing = alibabaFootball();
      const sku = listing.variants[0]!.sellerSku;
      await adapter.create(listing);
      const [locked] = await adapter.updatePriceStock([{ sellerSku: sku, quantity: 1 }]);
      expect(locked).toMatchObject({
        ok: false,
        error: { errorClass: "transient", code: "PUB_BIZCHECK_PRODUCT_NOT_EDITABLE" },
      });
      clock += 5000;
      expect((await adapter.findBySellerSku(sku))?.status).toBe("live");
      expect(await adapter.updatePriceStock([{ sellerSku: sku, quantity: 1, price: "13.99" }])).toEqual([
        { sellerSku: sku, ok: true },
      ]);
      expect((await adapter.findBySellerSku(sku))?.skus[0]).toMatchObject({ price: "13.99", quantity: 1 });
    } finally {
      await sim.close();
    }
    const open = await startAlibabaSimulator({ lockWhileAuditing: false, reauditOnUpdate: false });
    try {
      const adapter = createAdapter("alibaba", { baseUrl: open.baseUrl, credentials: await open.testCredentials() });
      const listing = alibabaFootball();
      const { itemId } = await adapter.create(listing);
      expect(
        (await adapter.updatePriceStock([{ sellerSku: listing.variants[1]!.sellerSku, quantity: 4 }]))[0]?.ok,
      ).toBe(true);
      open.advanceReview();
      expect((await adapter.update({ ...listing, title: "Edited" }, itemId)).status).toBe("live");
    } finally {
      await open.close();
    }
  });

  it("answers ApiCallLimit with HTTP 429 when configured, and the adapter still reads the ban", async () => {
    const sim = await startAlibabaSimulator({ throttleHttpStatus: 429, faults: { throttleNext: 1 } });
    try {
      const adapter = createAdapter("alibaba", { baseUrl: sim.baseUrl, credentials: await sim.testCredentials() });
      await expect(adapter.findBySellerSku("X")).rejects.toMatchObject({
        errorClass: "throttled",
        waitMs: 1000,
        code: "ApiCallLimit",
      });
    } finally {
      await sim.close();
    }
  });

  it("faults with onlyPaths hit only those paths", async () => {
    const sim = await startAlibabaSimulator();
    try {
      const adapter = createAdapter("alibaba", {
        baseUrl: sim.baseUrl,
        credentials: await sim.testCredentials(),
        readRetry: { retries: 0 },
      });
      sim.setFaults({ serverErrorRate: 1, onlyPaths: ["/alibaba/icbu/product/status/get/v2"] });
      expect(await adapter.create(alibabaFootball())).toMatchObject({ status: "pending" });
      expect(sim.listings()).toHaveLength(1);
    } finally {
      await sim.close();
    }
  });

  it("is steered over HTTP under /_sim/", async () => {
    const sim = await startAlibabaSimulator();
    try {
      const { get, post } = simControl(sim.baseUrl.replace(/\/rest$/, ""));
      const adapter = createAdapter("alibaba", { baseUrl: sim.baseUrl, credentials: await sim.testCredentials() });
      await adapter.create(alibabaFootball());
      expect(await get("counts")).toEqual({
        "/alibaba/icbu/product/listing/v2": 1,
        "/alibaba/icbu/product/status/get/v2": 1,
      });
      expect(await post("review/advance")).toEqual({ moved: 1 });
      expect(await post("listings/SKC-FB-PRO-5-WHT/edit", { title: "Drifted", quantity: 2 })).toEqual({ ok: true });
      expect((await get("listings")) as unknown).toEqual([
        expect.objectContaining({
          title: "Drifted",
          status: "live",
          rawStatus: "online/approved",
          skus: expect.arrayContaining([expect.objectContaining({ sellerSku: "SKC-FB-PRO-5-WHT", quantity: 2 })]),
        }),
      ]);
      expect(await post("faults", { serverErrorNext: 2 })).toMatchObject({ serverErrorNext: 2 });
      expect(await get("state")).toMatchObject({ channel: "alibaba", faults: { serverErrorNext: 2 } });
      expect(await post("reset")).toEqual({ ok: true });
      expect(await get("listings")).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
