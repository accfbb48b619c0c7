import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdapter } from "../../adapters/core/registry.js";
import type { ChannelAdapter, RemoteListing } from "../../adapters/core/types.js";
import { buildJdWareAdd, exchangeJdAuthCode, type JdAdapterOptions } from "../../adapters/jd/index.js";
import { josSign } from "../../adapters/jd/sign.js";
import {
  JD_SIM_APP,
  type JdSimulatorHandle,
  type JdSimulatorOptions,
  startJdSimulator,
} from "../../adapters/jd/simulator/index.js";
import { formatBeijingTime } from "../../adapters/jd/time.js";
import { jdFootball } from "./jd.fixtures.js";
import { simControl } from "./simControl.js";

interface RawOptions {
  business?: Record<string, unknown> | string | null;
  appKey?: string;
  secret?: string;
  token?: string | null;
  timestamp?: string | null;
  sign?: string | null;
  v?: string | null;
  get?: boolean;
}

/** A hand-built JOS call, so each test breaks one rule at a time. */
async function raw(sim: JdSimulatorHandle, method: string | null, o: RawOptions = {}) {
  const params: Record<string, string> = { app_key: o.appKey ?? sim.appKey };
  if (method) params.method = method;
  if (o.timestamp !== null) params.timestamp = o.timestamp ?? formatBeijingTime(Date.now());
  if (o.v !== null) params.v = o.v ?? "2.0";
  if (o.token) params.access_token = o.token;
  if (o.business !== null) {
    params["360buy_param_json"] = typeof o.business === "string" ? o.business : JSON.stringify(o.business ?? {});
  }
  const sign = o.sign === undefined ? josSign(o.secret ?? sim.appSecret, params) : o.sign;
  if (sign) params.sign = sign;
  const res = o.get
    ? await fetch(`${sim.baseUrl}?${new URLSearchParams(params)}`)
    : await fetch(sim.baseUrl, {
        method: "POST",
        body: new URLSearchParams(params),
        headers: { "content-type": "application/x-www-form-urlencoded;charset=utf-8" },
      });
  return { status: res.status, body: (await res.json()) as Record<string, Record<string, unknown>> };
}

const errorCode = (r: { body: Record<string, Record<string, unknown>> }) => r.body.error_response?.code;
const result = (r: { body: Record<string, Record<string, unknown>> }, method: string) =>
  r.body[`${method.replace(/\./g, "_")}_responce`] as Record<string, unknown> & { page?: { data: unknown[] } };
const ADD = "jingdong.ware.write.add";
const SEARCH = "jingdong.ware.read.searchWare4Valid";

describe("JD simulator enforces the JOS contract", () => {
  let sim: JdSimulatorHandle;
  let token: string;

  beforeAll(async () => {
    sim = await startJdSimulator({
      apps: [JD_SIM_APP, { appKey: "READONLYAPP", appSecret: "ro-secret", methods: [SEARCH] }],
      maxPages: 2,
    });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    sim.reset();
    token = (await sim.testCredentials()).accessToken ?? "";
  });

  const add = (business: Record<string, unknown>) => raw(sim, ADD, { token, business });
  const ware = (n = 1) => buildJdWareAdd(jdFootball({ skuPrefix: `SIM-${n}` })) as unknown as Record<string, unknown>;

  it("answers a well-formed call inside <method>_responce (sic), by POST or GET", async () => {
    const res = await raw(sim, SEARCH, { token, business: { pageNo: 1, pageSize: 20 } });
    expect(res).toEqual({
      status: 200,
      body: {
        jingdong_ware_read_searchWare4Valid_responce: {
          code: "0",
          page: { data: [], pageNo: 1, pageSize: 20, totalItem: 0 },
        },
      },
    });
    expect(result(await raw(sim, SEARCH, { token, get: true }), SEARCH)?.code).toBe("0");
  });

  it("checks app key (21), method (14, 15) and signature (11, 12)", async () => {
    expect(errorCode(await raw(sim, SEARCH, { token, appKey: "NOPE" }))).toBe("21");
    expect(errorCode(await raw(sim, null, { token }))).toBe("14");
    expect(errorCode(await raw(sim, "jingdong.no.such.method", { token }))).toBe("15");
    expect(errorCode(await raw(sim, SEARCH, { token, sign: null }))).toBe("11");
    expect(errorCode(await raw(sim, SEARCH, { token, secret: "wrong" }))).toBe("12");
    const bad = await raw(sim, SEARCH, { token, sign: "0123456789ABCDEF0123456789ABCDEF" });
    expect(bad).toEqual({
      status: 200,
      body: { error_response: { code: "12", zh_desc: "无效签名", en_desc: "Invalid signature" } },
    });
  });

  it("wants the timestamp in Beijing time within +-6 minutes (7 missing, 8 invalid)", async () => {
    const at = (ms: number) => raw(sim, SEARCH, { token, timestamp: formatBeijingTime(ms) });
    expect(errorCode(await raw(sim, SEARCH, { token, timestamp: null }))).toBe("7");
    expect(errorCode(await raw(sim, SEARCH, { token, timestamp: new Date().toISOString() }))).toBe("8");
    expect(result(await at(Date.now() - 5 * 60_000), SEARCH)?.code).toBe("0");
    expect(result(await at(Date.now() + 5 * 60_000), SEARCH)?.code).toBe("0");
    expect(errorCode(await at(Date.now() - 7 * 60_000))).toBe("8");
    // The classic bug: a UTC machine formatting its own clock is 8 hours behind Beijing.
    const utcWallClock = new Date().toISOString().slice(0, 19).replace("T", " ");
    expect(errorCode(await raw(sim, SEARCH, { token, timestamp: utcWallClock }))).toBe("8");
  });

  it("requires v=2.0 and 360buy_param_json as one JSON object", async () => {
    expect(errorCode(await raw(sim, SEARCH, { token, v: null }))).toBe("9");
    expect(errorCode(await raw(sim, SEARCH, { token, business: null }))).toBe("9");
    expect(errorCode(await raw(sim, SEARCH, { token, business: "pageNo=1" }))).toBe("9");
    expect(errorCode(await raw(sim, SEARCH, { token, business: "[1,2]" }))).toBe("9");
  });

  it("answers 19 for a missing, unknown or other app's token, and 2001 for a method the app may not call", async () => {
    expect(errorCode(await raw(sim, SEARCH, {}))).toBe("19");
    expect(errorCode(await raw(sim, SEARCH, { token: "not-a-token" }))).toBe("19");
    const ro = { appKey: "READONLYAPP", secret: "ro-secret" };
    expect(errorCode(await raw(sim, SEARCH, { ...ro, token }))).toBe("19");
    sim.setFaults({ expireTokens: "next" });
    expect(errorCode(await raw(sim, SEARCH, { token }))).toBe("19");
    expect(errorCode(await raw(sim, SEARCH, { token }))).toBe("19");
  });

  it("throttles with code 2 on HTTP 200, never 429", async () => {
    sim.setQuota({ ratePerSec: 0.25, burst: 1 });
    expect(result(await raw(sim, SEARCH, { token }), SEARCH)?.code).toBe("0");
    const res = await raw(sim, SEARCH, { token });
    expect(res.status).toBe(200);
    expect(res.body.error_response).toMatchObject({ code: "2", en_desc: "App Call Limited" });
  });

  it("validates ware payloads: Chinese title, whole mm, 2-decimal yuan, main image, sale attributes", async () => {
    expect(result(await add(ware()), ADD)?.ware).toMatchObject({ wareStatus: 513 });
    const broken = (patch: (w: Record<string, unknown>, skus: Record<string, unknown>[]) => void) => {
      const body = ware(2) as { ware: Record<string, unknown>; skus: Record<string, unknown>[] };
      patch(body.ware, body.skus);
      return add(body as unknown as Record<string, unknown>);
    };
    const message = async (p: ReturnType<typeof broken>) => {
      const res = await p;
      expect(errorCode(res)).toBe("3001");
      return String(res.body.error_response?.en_desc);
    };
    expect(await message(broken((w) => (w.title = "Hand-stitched football")))).toMatch(/title must be Chinese/);
    expect(await message(broken((w) => (w.length = 22.5)))).toMatch(/ware.length must be whole millimetres/);
    expect(await message(broken((w) => (w.jdPrice = 98.555)))).toMatch(/ware.jdPrice/);
    expect(await message(broken((w) => (w.marketPrice = 50)))).toMatch(/marketPrice must not be below/);
    expect(
      await message(
        broken((w) => {
          w.images = [{ colorId: "白色", imgIndex: 1, imgUrl: "https://img10.360buyimg.com/a.jpg" }];
        }),
      ),
    ).toMatch(/no main image/);
    expect(await message(broken((_w, skus) => (skus[1]!.saleAttrs = [])))).toMatch(/saleAttrs are required/);
    expect(await message(broken((_w, skus) => (skus[0]!.stockNum = -3)))).toMatch(/stockNum/);
    const taken = await add(ware());
    expect(taken.body.error_response).toMatchObject({ code: "3002", en_desc: expect.stringMatching(/SIM-1/) });
    const update = await raw(sim, "jingdong.ware.write.updateWare", {
      token,
      business: { ware: { wareId: 1, images: [] }, skus: [] },
    });
    expect(update.body.error_response?.en_desc).toMatch(/does not change images/);
  });

  it("caps pageSize at 50 and serves empty pages past the page cap while totalItem counts all", async () => {
    for (let n = 1; n <= 5; n++) await add(ware(n));
    expect(errorCode(await raw(sim, SEARCH, { token, business: { pageSize: 51 } }))).toBe("3001");
    const page = async (pageNo: number) =>
      result(await raw(sim, SEARCH, { token, business: { pageNo, pageSize: 2 } }), SEARCH)?.page as {
        data: unknown[];
        totalItem: number;
      };
    expect((await page(2)).data).toHaveLength(2);
    expect(await page(3)).toMatchObject({ data: [], totalItem: 5 });
  });

  it("runs the audit flow: 513 -> 8, an edit -> 520 -> 8, a delist -> 2; a failed audit is 1028 with a reason", async () => {
    const created = result(await add(ware()), ADD)?.ware as { wareId: number };
    const bad = ware(2) as { ware: Record<string, unknown> };
    bad.ware.title = "足球 replica 特价";
    const rejected = result(await add(bad as unknown as Record<string, unknown>), ADD)?.ware as { wareId: number };
    const FIND = "jingdong.ware.read.findWareById";
    const status = async (wareId: number) => {
      const found = result(await raw(sim, FIND, { token, business: { wareId } }), FIND);
      return (found?.ware as { wareStatus: number } | undefined)?.wareStatus;
    };
    expect(sim.advanceReview()).toBe(2);
    expect(await status(created.wareId)).toBe(8);
    expect(await status(rejected.wareId)).toBe(1028);
    const reason = await raw(sim, "jingdong.ware.read.findOpReason", { token, business: { wareId: rejected.wareId } });
    expect(JSON.stringify(reason.body)).toMatch(/replica/);
    const list = await raw(sim, "jingdong.ware.write.upOrDown", {
      token,
      business: { wareId: rejected.wareId, opType: 1 },
    });
    expect(errorCode(list)).toBe("3005");
    const edit = ware() as { ware: Record<string, unknown> };
    delete edit.ware.images;
    edit.ware.wareId = created.wareId;
    await raw(sim, "jingdong.ware.write.updateWare", { token, business: edit as unknown as Record<string, unknown> });
    expect(await status(created.wareId)).toBe(520);
    sim.advanceReview();
    expect(await status(created.wareId)).toBe(8);
    await raw(sim, "jingdong.ware.write.upOrDown", { token, business: { wareId: created.wareId, opType: 2 } });
    expect(await status(created.wareId)).toBe(2);
  });

  it("counts calls by method name, and onlyPaths targets a method", async () => {
    sim.setFaults({ serverErrorNext: 1, onlyPaths: [ADD] });
    expect(result(await raw(sim, SEARCH, { token }), SEARCH)?.code).toBe("0");
    const res = await fetch(sim.baseUrl, {
      method: "POST",
      body: new URLSearchParams({ method: ADD }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(502);
    expect(sim.counts()).toEqual({ [ADD]: 1, [SEARCH]: 1 });
  });
});

describe("JD simulator behaviour with the adapter", () => {
  const started: JdSimulatorHandle[] = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.close()));
  });
  async function setup(simOpts: JdSimulatorOptions, adapterOpts: Partial<JdAdapterOptions> = {}) {
    let clock = Date.UTC(2026, 0, 1);
    const sim = await startJdSimulator({ now: () => clock, ...simOpts });
    started.push(sim);
    const adapter: ChannelAdapter = createAdapter("jd", {
      baseUrl: sim.baseUrl,
      credentials: await sim.testCredentials(),
      now: () => clock,
      readRetry: { retries: 0 },
      ...adapterOpts,
    } as JdAdapterOptions);
    return { sim, adapter, tick: (ms: number) => (clock += ms) };
  }

  it("pages by modified-time windows past the page cap (adapter told the cap, or finding it)", async () => {
    for (const adapterOpts of [{ maxPages: 2 }, {}]) {
      const { sim, adapter, tick } = await setup({ maxPages: 2 }, adapterOpts);
      const ids: string[] = [];
      for (let n = 1; n <= 9; n++) {
        ids.push((await adapter.create(jdFootball({ skuPrefix: `WIN-${n}` }))).itemId);
        tick(30_000);
      }
      const before = sim.counts()["jingdong.ware.read.searchWare4Valid"] ?? 0;
      const pages: number[] = [];
      const listed: RemoteListing[] = [];
      for await (const item of adapter.listRemote({ pageSize: 2, onPage: (p) => pages.push(p.items) })) {
        listed.push(item);
      }
      expect(pages.every((n) => n > 0 && n <= 2)).toBe(true);
      expect(listed.map((l) => l.itemId).sort()).toEqual([...ids].sort());
      expect(listed.every((l) => l.skus.length === 2)).toBe(true);
      // 9 wares, 2 per page, 2 pages per window: at least 3 windows.
      expect((sim.counts()["jingdong.ware.read.searchWare4Valid"] ?? 0) - before).toBeGreaterThanOrEqual(5);
    }
  });

  it("says so when more wares than the cap reaches share one modified second", async () => {
    const { adapter } = await setup({ maxPages: 1 }, { maxPages: 1 });
    for (let n = 1; n <= 3; n++) await adapter.create(jdFootball({ skuPrefix: `SAME-${n}` }));
    const seen: string[] = [];
    const err = await (async () => {
      for await (const item of adapter.listRemote({ pageSize: 2 })) seen.push(item.itemId);
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(2);
    expect(err).toMatchObject({ errorClass: "permanent", code: "PAGE_CAP" });
  });

  it("audits on its own after reviewDelayMs, can delist by rule, and can leave approved wares unlisted", async () => {
    const { sim, adapter, tick } = await setup({
      reviewDelayMs: 5000,
      reviewRule: (w) => (w.title.includes("仿") ? { reason: "疑似仿冒品", outcome: "delisted" } : undefined),
    });
    await adapter.create(jdFootball({ skuPrefix: "AUTO-1" }));
    await adapter.create(jdFootball({ skuPrefix: "AUTO-2", title: "仿真比赛足球 5号" }));
    expect((await adapter.findBySellerSku("AUTO-1-5-WHT"))?.status).toBe("pending");
    tick(5000);
    expect((await adapter.findBySellerSku("AUTO-1-5-WHT"))?.status).toBe("live");
    expect(await adapter.findBySellerSku("AUTO-2")).toMatchObject({
      status: "inactive",
      rawStatus: "4",
      rejectReason: "疑似仿冒品",
    });
    sim.editRemote("AUTO-1-4-YLW", { status: "deleted" });
    expect(await adapter.findBySellerSku("AUTO-1-4-YLW")).toBeNull();

    const unlisted = await setup({ listOnApproval: false });
    await unlisted.adapter.create(jdFootball({ skuPrefix: "NEW-1" }));
    unlisted.sim.advanceReview();
    expect(await unlisted.adapter.findBySellerSku("NEW-1")).toMatchObject({ status: "inactive", rawStatus: "1" });
  });

  it("runs the OAuth code flow and expires tokens after their lifetime (code 19)", async () => {
    let clock = Date.UTC(2026, 0, 1);
    const sim = await startJdSimulator({ now: () => clock, accessTokenTtlSec: 60, refreshTokenTtlSec: 600 });
    started.push(sim);
    const app = { baseUrl: sim.baseUrl, appKey: JD_SIM_APP.appKey, appSecret: JD_SIM_APP.appSecret, now: () => clock };
    const code = sim.createAuthCode();
    const tokens = await exchangeJdAuthCode(app, code);
    await expect(exchangeJdAuthCode(app, code)).rejects.toMatchObject({ errorClass: "auth_expired" });
    const adapter = createAdapter("jd", { ...app, credentials: { ...app, ...tokens }, readRetry: { retries: 0 } });
    expect(await adapter.findBySellerSku("X")).toBeNull();
    clock += 61_000;
    await expect(adapter.findBySellerSku("X")).rejects.toMatchObject({ errorClass: "auth_expired", code: "19" });
    await adapter.refreshToken();
    expect(await adapter.findBySellerSku("X")).toBeNull();
    clock += 601_000;
    await expect(adapter.refreshToken()).rejects.toMatchObject({ errorClass: "auth_expired" });
    expect(sim.counts()["/oauth2/refresh_token"]).toBe(2);
  });

  it("is steered over HTTP under /_sim/", async () => {
    const { sim, adapter } = await setup({});
    const { get, post } = simControl(sim.baseUrl.replace(/\/routerjson$/, ""));
    await adapter.create(jdFootball());
    expect(await get("counts")).toEqual({ "jingdong.ware.write.add": 1 });
    expect(await post("review/advance")).toEqual({ moved: 1 });
    expect(await post("listings/SKC-FB-PRO-5-WHT/edit", { title: "后台改过的标题", price: "111.00" })).toEqual({
      ok: true,
    });
    expect(await get("listings")).toEqual([
      expect.objectContaining({
        title: "后台改过的标题",
        status: "live",
        rawStatus: "8",
        skus: expect.arrayContaining([expect.objectContaining({ sellerSku: "SKC-FB-PRO-5-WHT", price: "111.00" })]),
      }),
    ]);
    expect(await get("state")).toMatchObject({ channel: "jd", baseUrl: sim.baseUrl });
    expect(await post("reset")).toEqual({ ok: true });
    expect(await get("listings")).toEqual([]);
  });
});
