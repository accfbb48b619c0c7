import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunk } from "../../adapters/core/chunk.js";
import { PermanentError, ThrottledError, TransientError } from "../../adapters/core/errors.js";
import { HttpClient, retryAfterMs } from "../../adapters/core/http.js";
import { retryRead } from "../../adapters/core/retry.js";
import {
  CallCounter,
  createRng,
  FaultInjector,
  type RunningServer,
  type SimRequest,
  startSimServer,
  TokenBucketQuota,
} from "../../adapters/core/simulator/index.js";

describe("simulator kit", () => {
  it("seeded RNG replays", () => {
    const a = createRng(42);
    const b = createRng(42);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from({ length: 5 }, createRng(43))).not.toEqual(seqA);
  });

  it("token bucket: burst, refill per app, off at rate 0", () => {
    let t = 0;
    const q = new TokenBucketQuota({ ratePerSec: 2, burst: 2 }, () => t);
    expect([q.take("a").ok, q.take("a").ok, q.take("a").ok]).toEqual([true, true, false]);
    expect(q.take("b").ok).toBe(true);
    const denied = q.take("a");
    expect(denied.ok ? 0 : denied.retryAfterMs).toBe(500);
    t += 500;
    expect(q.take("a").ok).toBe(true);
    q.configure({ ratePerSec: 0 });
    expect(Array.from({ length: 100 }, () => q.take("a").ok).every(Boolean)).toBe(true);
  });

  it("fault injector: next-N counters first, seeded rates replay, token expiry is consumed once", () => {
    const f = new FaultInjector(7, {
      throttleNext: 1,
      serverErrorNext: 1,
      timeoutNext: 1,
      malformedNext: 1,
      latencyMs: 3,
    });
    expect([f.plan(), f.plan(), f.plan(), f.plan(), f.plan()]).toEqual([
      { latencyMs: 3, before: "timeout" },
      { latencyMs: 3, before: "server_error" },
      { latencyMs: 3, before: "throttle" },
      { latencyMs: 3, after: "malformed" },
      { latencyMs: 3 },
    ]);
    const run = () => {
      const g = new FaultInjector(99, { serverErrorRate: 0.3 });
      return Array.from({ length: 50 }, () => g.plan().before ?? "-").join("");
    };
    expect(run()).toBe(run());
    expect(run()).toContain("server_error");
    expect(run()).toContain("-");
    f.set({ expireTokens: "all" });
    expect([f.takeTokenExpiry(), f.takeTokenExpiry()]).toEqual(["all", undefined]);
    f.set({ serverErrorRate: 5 });
    expect(f.current().serverErrorRate).toBe(1);
    f.reset();
    expect(f.plan()).toEqual({ latencyMs: 0 });
  });

  it("call counter", () => {
    const c = new CallCounter();
    c.hit("/b");
    c.hit("/a");
    c.hit("/b");
    expect(c.counts()).toEqual({ "/a": 1, "/b": 2 });
    expect(Object.keys(c.counts())).toEqual(["/a", "/b"]);
    c.reset();
    expect(c.counts()).toEqual({});
  });

  it("chunk", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 50)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe("sim server + HTTP helper", () => {
  let server: RunningServer;
  const seen: SimRequest[] = [];

  beforeAll(async () => {
    server = await startSimServer((req) => {
      seen.push(req);
      switch (req.path) {
        case "/echo":
          return { json: { query: req.query, body: req.body } };
        case "/hang":
          return { hang: true };
        case "/busy":
          return { status: 429, text: "slow down", headers: { "retry-after": "3" } };
        case "/boom":
          return { status: 500, json: { error: "x" } };
        case "/nope":
          return { status: 404, text: "missing" };
        case "/garbage":
          return { text: "<html>oops</html>" };
        default:
          return { json: { ok: true } };
      }
    });
  });
  afterAll(() => server.close());

  const http = new HttpClient({ channel: "test", timeoutMs: 1000 });
  const fail = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => e,
    );

  it("parses query, urlencoded and JSON bodies", async () => {
    const form = await http.send({
      method: "POST",
      url: `${server.url}/echo`,
      query: { a: "1" },
      form: { payload: '{"x":[1]}', b: "a b&c" },
    });
    expect(form.json).toEqual({ query: { a: "1" }, body: { payload: '{"x":[1]}', b: "a b&c" } });
    const json = await http.send({ method: "POST", url: `${server.url}/echo`, json: { n: 1 } });
    expect(json.json).toEqual({ query: {}, body: { n: 1 } });
    expect(server.port).toBeGreaterThan(0);
  });

  it("maps timeouts, caller aborts, 429, 5xx, 4xx, non-JSON and refused connections", async () => {
    expect(await fail(http.send({ method: "GET", url: `${server.url}/hang`, timeoutMs: 50 }))).toMatchObject({
      errorClass: "transient",
      code: "TIMEOUT",
    });
    const controller = new AbortController();
    const aborted = fail(http.send({ method: "GET", url: `${server.url}/hang`, signal: controller.signal }));
    controller.abort();
    expect(await aborted).toMatchObject({ errorClass: "transient", code: "ABORTED" });
    const busy = await fail(http.send({ method: "GET", url: `${server.url}/busy` }));
    expect(busy).toBeInstanceOf(ThrottledError);
    expect((busy as ThrottledError).waitMs).toBe(3000);
    expect(await fail(http.send({ method: "GET", url: `${server.url}/boom` }))).toMatchObject({
      errorClass: "transient",
      code: "HTTP_500",
    });
    expect(await fail(http.send({ method: "GET", url: `${server.url}/nope` }))).toMatchObject({
      errorClass: "permanent",
      code: "HTTP_404",
    });
    expect(await fail(http.send({ method: "GET", url: `${server.url}/garbage` }))).toMatchObject({
      errorClass: "transient",
      code: "MALFORMED_RESPONSE",
    });
    expect(await fail(http.send({ method: "GET", url: "http://127.0.0.1:1/x" }))).toMatchObject({
      errorClass: "transient",
      code: "ECONNREFUSED",
    });
  });

  it("lets a channel classify a reply first", async () => {
    const custom = new HttpClient({
      channel: "test",
      classify: (r) =>
        r.status === 200 && (r.json as { ok?: boolean }).ok ? new PermanentError("no", "CUSTOM", "test") : undefined,
    });
    expect(await fail(custom.send({ method: "GET", url: `${server.url}/other` }))).toMatchObject({ code: "CUSTOM" });
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(retryAfterMs("2")).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs("soon")).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe("retryRead", () => {
  const fast = { retries: 3, minTimeoutMs: 1, maxTimeoutMs: 2 };

  it("retries transient errors only", async () => {
    let calls = 0;
    const value = await retryRead(async () => {
      calls += 1;
      if (calls < 3) throw new TransientError("flaky", "HTTP_503", "test");
      return "ok";
    }, fast);
    expect([value, calls]).toEqual(["ok", 3]);

    for (const err of [new PermanentError("bad", "X", "test"), new ThrottledError("slow", "T", "test", 1000)]) {
      let n = 0;
      await expect(
        retryRead(async () => {
          n += 1;
          throw err;
        }, fast),
      ).rejects.toBe(err);
      expect(n).toBe(1);
    }
  });

  it("gives up after the configured retries, and does not retry at retries 0", async () => {
    let n = 0;
    const failing = async () => {
      n += 1;
      throw new TransientError("down", "HTTP_503", "test");
    };
    await expect(retryRead(failing, fast)).rejects.toBeInstanceOf(TransientError);
    expect(n).toBe(4);
    n = 0;
    await expect(retryRead(failing, { retries: 0 })).rejects.toBeInstanceOf(TransientError);
    expect(n).toBe(1);
  });
});
