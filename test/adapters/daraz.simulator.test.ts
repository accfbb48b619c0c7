import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { iopSign } from "../../adapters/core/iopSign.js";
import { createAdapter } from "../../adapters/core/registry.js";
import type { ChannelAdapter } from "../../adapters/core/types.js";
import { buildProductPayload, exchangeDarazAuthCode } from "../../adapters/daraz/index.js";
import { DARAZ_SIM_APP, type DarazSimulatorHandle, startDarazSimulator } from "../../adapters/daraz/simulator/index.js";
import { sialkotFootball } from "./fixtures.js";
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

/** A hand-built IOP call, so tests can break one rule at a time. */
async function raw(sim: DarazSimulatorHandle, method: "GET" | "POST", apiPath: string, o: RawOptions = {}) {
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
    method,
    ...(o.form
      ? { body: new URLSearchParams(o.form), headers: { "content-type": "application/x-www-form-urlencoded" } }
      : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("Daraz simulator enforces the contract", () => {
  let sim: DarazSimulatorHandle;
  let token: string;
  const payload = (p: unknown) => ({ payload: JSON.stringify(p) });

  beforeAll(async () => {
    sim = await startDarazSimulator({ brandAllowlist: ["Sialkot Pro", "No Brand"] });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    sim.reset();
    token = (await sim.testCredentials()).accessToken ?? "";
  });

  it("answers a well-formed call", async () => {
    const res = await raw(sim, "GET", "/products/get", { token, query: { filter: "all" } });
    expect(res).toEqual({
      status: 200,
      body: { code: "0", data: { total_products: 0 }, request_id: expect.any(String) },
    });
  });

  it("rejects missing and bad signatures with IncompleteSignature", async () => {
    expect((await raw(sim, "GET", "/products/get", { token, sign: null })).body.code).toBe("IncompleteSignature");
    expect((await raw(sim, "GET", "/products/get", { token, secret: "wrong" })).body.code).toBe("IncompleteSignature");
    expect((await raw(sim, "GET", "/products/get", { token, sign: "ABC" })).body).toMatchObject({
      type: "ISV",
      code: "IncompleteSignature",
    });
  });

  it("rejects unknown app keys, skewed timestamps and other sign methods", async () => {
    expect((await raw(sim, "GET", "/products/get", { token, appKey: "999" })).body.code).toBe("InvalidAppKey");
    const skewed = await raw(sim, "GET", "/products/get", { token, timestamp: Date.now() - 7201_000 });
    expect(skewed.body.code).toBe("InvalidTimestamp");
    expect((await raw(sim, "GET", "/products/get", { token, timestamp: Date.now() - 7000_000 })).body.code).toBe("0");
    expect((await raw(sim, "GET", "/products/get", { token, signMethod: "md5" })).body.code).toBe("InvalidParameter");
  });

  it("rejects missing and expired access tokens with IllegalAccessToken", async () => {
    expect((await raw(sim, "GET", "/products/get", { token: null })).body.code).toBe("IllegalAccessToken");
    expect((await raw(sim, "GET", "/products/get", { token: "50000forged" })).body.code).toBe("IllegalAccessToken");
    sim.setFaults({ expireTokens: "next" });
    expect((await raw(sim, "GET", "/products/get", { token })).body.code).toBe("IllegalAccessToken");
    expect((await raw(sim, "GET", "/products/get", { token })).body.code).toBe("IllegalAccessToken");
    const other = (await sim.testCredentials()).accessToken ?? "";
    expect((await raw(sim, "GET", "/products/get", { token: other })).body.code).toBe("0");
  });

  it("refuses a payload in the query string", async () => {
    const res = await raw(sim, "POST", "/product/create", {
      token,
      query: payload(buildProductPayload(sialkotFootball())),
    });
    expect(res.body).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("query string") });
    expect(sim.listings()).toHaveLength(0);
  });

  it("answers 1001 when Image or Sku is not an array", async () => {
    const good = buildProductPayload(sialkotFootball());
    const oneImage = structuredClone(good) as unknown as { Request: { Product: Record<string, unknown> } };
    oneImage.Request.Product.Images = { Image: "https://pk-live-21.slatic.net/p/a.jpg" };
    expect((await raw(sim, "POST", "/product/create", { token, form: payload(oneImage) })).body.code).toBe("1001");
    const oneSku = structuredClone(good) as unknown as { Request: { Product: Record<string, unknown> } };
    oneSku.Request.Product.Skus = { Sku: good.Request.Product.Skus.Sku[0] };
    expect((await raw(sim, "POST", "/product/create", { token, form: payload(oneSku) })).body.code).toBe("1001");
    expect((await raw(sim, "POST", "/product/create", { token, form: { payload: "{not json" } })).body.code).toBe(
      "1001",
    );
    expect((await raw(sim, "POST", "/product/create", { token, form: payload(good) })).body.code).toBe("0");
  });

  it("answers 4142 for a brand outside the allowlist, and BIZ_CHECK details for bad SKUs", async () => {
    const unknownBrand = sialkotFootball();
    unknownBrand.brand = "Adidaz";
    const res = await raw(sim, "POST", "/product/create", { token, form: payload(buildProductPayload(unknownBrand)) });
    expect(res.body).toMatchObject({ type: "ISV", code: "4142" });
    const bad = buildProductPayload(sialkotFootball());
    bad.Request.Product.Skus.Sku[0]!.quantity = "-3";
    const biz = await raw(sim, "POST", "/product/create", { token, form: payload(bad) });
    expect(biz.body).toMatchObject({
      code: "500",
      message: expect.stringMatching(/^BIZ_CHECK_QUANTITY_INVALID/),
      detail: [expect.objectContaining({ code: "BIZ_CHECK_QUANTITY_INVALID", seller_sku: "SKC-FB-PRO-5-WHT" })],
    });
  });

  it("refuses duplicate seller SKUs with 4135", async () => {
    const form = payload(buildProductPayload(sialkotFootball()));
    expect((await raw(sim, "POST", "/product/create", { token, form })).body.code).toBe("0");
    expect((await raw(sim, "POST", "/product/create", { token, form })).body).toMatchObject({
      code: "4135",
      message: expect.stringContaining("THD_IC_ERR_F_IC_INFRA_PRODUCT_036"),
    });
  });

  it("caps price/stock at 50 SKUs per call and refuses negative quantities", async () => {
    await raw(sim, "POST", "/product/create", { token, form: payload(buildProductPayload(sialkotFootball())) });
    const skus = (n: number, quantity: string) =>
      payload({
        Request: {
          Product: {
            Skus: { Sku: Array.from({ length: n }, () => ({ SellerSku: "SKC-FB-PRO-5-WHT", Quantity: quantity })) },
          },
        },
      });
    expect((await raw(sim, "POST", "/product/price_quantity/update", { token, form: skus(51, "1") })).body.code).toBe(
      "InvalidParameter",
    );
    expect((await raw(sim, "POST", "/product/price_quantity/update", { token, form: skus(50, "1") })).body.code).toBe(
      "0",
    );
    const negative = await raw(sim, "POST", "/product/price_quantity/update", { token, form: skus(1, "-1") });
    expect(negative.body).toMatchObject({
      code: "500",
      detail: [expect.objectContaining({ seller_sku: "SKC-FB-PRO-5-WHT", field: "Quantity" })],
    });
    const single = payload({
      Request: { Product: { Skus: { Sku: { SellerSku: "SKC-FB-PRO-5-WHT", Quantity: "1" } } } },
    });
    expect((await raw(sim, "POST", "/product/price_quantity/update", { token, form: single })).body.code).toBe("1001");
  });

  it("caps deactivate at 50 seller SKUs and sku_seller_list at 100", async () => {
    const list = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => `S-${i}`));
    expect(
      (await raw(sim, "POST", "/product/deactivate", { token, form: { seller_sku_list: list(51) } })).body.code,
    ).toBe("InvalidParameter");
    expect((await raw(sim, "GET", "/products/get", { token, query: { sku_seller_list: list(101) } })).body.code).toBe(
      "InvalidParameter",
    );
    expect((await raw(sim, "GET", "/products/get", { token, query: { sku_seller_list: list(100) } })).body.code).toBe(
      "0",
    );
  });

  it("answers ApiCallLimit with the ban seconds when the quota is exceeded", async () => {
    sim.setQuota({ ratePerSec: 0.25, burst: 1 });
    expect((await raw(sim, "GET", "/products/get", { token })).body.code).toBe("0");
    const res = await raw(sim, "GET", "/products/get", { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: "ApiCallLimit",
      message: expect.stringMatching(/this ban will last [1-4] seconds/),
    });
  });

  it("serves /product/item/get, /product/remove and the products filters", async () => {
    const created = await raw(sim, "POST", "/product/create", {
      token,
      form: payload(buildProductPayload(sialkotFootball())),
    });
    const itemId = String((created.body.data as { item_id: number }).item_id);
    const item = await raw(sim, "GET", "/product/item/get", { token, query: { item_id: itemId } });
    expect(item.body.data).toMatchObject({
      item_id: Number(itemId),
      status: "Pending QC",
      skus: [expect.objectContaining({ SellerSku: "SKC-FB-PRO-5-WHT" }), expect.anything()],
    });
    const count = async (filter: string) =>
      ((await raw(sim, "GET", "/products/get", { token, query: { filter } })).body.data as { total_products: number })
        .total_products;
    expect(await count("pending")).toBe(1);
    sim.advanceReview();
    expect([await count("pending"), await count("live")]).toEqual([0, 1]);
    const removeAll = { seller_sku_list: JSON.stringify(["SKC-FB-PRO-5-WHT", "SKC-FB-PRO-4-YLW"]) };
    expect((await raw(sim, "POST", "/product/remove", { token, form: removeAll })).body.code).toBe("0");
    expect([await count("all"), await count("deleted")]).toEqual([0, 1]);
    expect((await raw(sim, "GET", "/product/item/get", { token, query: { item_id: itemId } })).body.code).toBe("208");
  });

  it("filters by update_after", async () => {
    await raw(sim, "POST", "/product/create", { token, form: payload(buildProductPayload(sialkotFootball())) });
    const updatedAfter = (iso: string) => raw(sim, "GET", "/products/get", { token, query: { update_after: iso } });
    expect(
      ((await updatedAfter("2000-01-01T00:00:00+05:00")).body.data as { total_products: number }).total_products,
    ).toBe(1);
    expect(
      ((await updatedAfter("2999-01-01T00:00:00+05:00")).body.data as { total_products: number }).total_products,
    ).toBe(0);
    expect((await updatedAfter("yesterday")).body.code).toBe("InvalidParameter");
  });
});

describe("Daraz simulator behaviour", () => {
  it("runs the OAuth code flow and expires tokens after their lifetime", async () => {
    let clock = Date.UTC(2026, 0, 1);
    const sim = await startDarazSimulator({ now: () => clock, accessTokenTtlSec: 60, refreshTokenTtlSec: 600 });
    try {
      const app = {
        baseUrl: sim.baseUrl,
        appKey: DARAZ_SIM_APP.appKey,
        appSecret: DARAZ_SIM_APP.appSecret,
        now: () => clock,
      };
      const code = sim.createAuthCode();
      const tokens = await exchangeDarazAuthCode(app, code);
      await expect(exchangeDarazAuthCode(app, code)).rejects.toMatchObject({
        errorClass: "permanent",
        code: "InvalidCode",
      });
      const adapter = createAdapter("daraz", { ...app, credentials: { ...app, ...tokens }, readRetry: { retries: 0 } });
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

  it("reviews on its own after reviewDelayMs, sends big price changes back to QC, and locks campaign SKUs", async () => {
    let clock = Date.UTC(2026, 0, 1);
    const sim = await startDarazSimulator({ now: () => clock, reviewDelayMs: 5000 });
    try {
      const adapter: ChannelAdapter = createAdapter("daraz", {
        baseUrl: sim.baseUrl,
        credentials: await sim.testCredentials(),
        now: () => clock,
      });
      const listing = sialkotFootball();
      const sku = listing.variants[0]!.sellerSku;
      await adapter.create(listing);
      expect((await adapter.findBySellerSku(sku))?.status).toBe("pending");
      clock += 5000;
      expect((await adapter.findBySellerSku(sku))?.status).toBe("live");
      expect(await adapter.updatePriceStock([{ sellerSku: sku, price: "9000.00" }])).toEqual([
        { sellerSku: sku, ok: true },
      ]);
      expect((await adapter.findBySellerSku(sku))?.status).toBe("pending");
      sim.lockForCampaign([sku]);
      const [locked] = await adapter.updatePriceStock([{ sellerSku: sku, quantity: 1 }]);
      expect(locked).toMatchObject({
        ok: false,
        error: { errorClass: "transient", code: "THD_IC_ERR_F_IC_ABILITY_PG_004" },
      });
    } finally {
      await sim.close();
    }
  });

  it("answers ApiCallLimit with HTTP 429 when configured, and the adapter still reads the ban", async () => {
    const sim = await startDarazSimulator({ throttleHttpStatus: 429, faults: { throttleNext: 1 } });
    try {
      const adapter = createAdapter("daraz", { baseUrl: sim.baseUrl, credentials: await sim.testCredentials() });
      await expect(adapter.findBySellerSku("X")).rejects.toMatchObject({
        errorClass: "throttled",
        waitMs: 1000,
        code: "ApiCallLimit",
      });
    } finally {
      await sim.close();
    }
  });

  it("is steered over HTTP under /_sim/", async () => {
    const sim = await startDarazSimulator();
    try {
      const { get, post } = simControl(sim.baseUrl.replace(/\/rest$/, ""));
      const adapter = createAdapter("daraz", { baseUrl: sim.baseUrl, credentials: await sim.testCredentials() });
      await adapter.create(sialkotFootball());
      expect(await get("counts")).toEqual({ "/product/create": 1 });
      expect(await post("review/advance")).toEqual({ moved: 1 });
      expect(await post("listings/SKC-FB-PRO-5-WHT/edit", { title: "Drifted", quantity: 2 })).toEqual({ ok: true });
      expect((await get("listings")) as unknown).toEqual([
        expect.objectContaining({
          title: "Drifted",
          status: "live",
          skus: expect.arrayContaining([expect.objectContaining({ quantity: 2 })]),
        }),
      ]);
      expect(await post("faults", { serverErrorNext: 2, latencyMs: 1 })).toMatchObject({
        serverErrorNext: 2,
        latencyMs: 1,
      });
      expect(await post("quota", { ratePerSec: 5 })).toEqual({ ratePerSec: 5, burst: 5 });
      expect(await get("state")).toMatchObject({
        channel: "daraz",
        quota: { ratePerSec: 5 },
        faults: { serverErrorNext: 2 },
      });
      expect(await post("listings/NOPE/edit", { title: "x" })).toMatchObject({
        error: expect.stringContaining("NOPE"),
      });
      expect(await post("reset")).toEqual({ ok: true });
      expect(await get("listings")).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
