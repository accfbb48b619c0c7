import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DeepLProvider } from "../../src/localize/providers/deepl.js";
import {
  TranslationPermanentError,
  TranslationThrottledError,
  TranslationTransientError,
} from "../../src/localize/providers/errors.js";
import { GoogleTranslateProvider } from "../../src/localize/providers/google.js";
import { createProvider } from "../../src/localize/providers/index.js";
import { LibreTranslateProvider } from "../../src/localize/providers/libreTranslate.js";

const toZh = { source: "en", target: "zh-Hans", format: "html" } as const;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
});
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
});

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a failure");
}

describe("LibreTranslate provider", () => {
  const provider = new LibreTranslateProvider({
    baseUrl: "https://libre.test/",
    apiKey: "libre-secret",
    timeoutMs: 2000,
  });

  it("posts {q, source, target, format, api_key} and reads translatedText (array for many)", async () => {
    nock("https://libre.test")
      .post("/translate", {
        q: ["<p>Ball</p>", "Football"],
        source: "en",
        target: "zh",
        format: "html",
        api_key: "libre-secret",
      })
      .reply(200, { translatedText: ["<p>球</p>", "足球"] });
    expect(await provider.translate(["<p>Ball</p>", "Football"], toZh)).toEqual(["<p>球</p>", "足球"]);
  });

  it("sends a single text as a string and reads a string back", async () => {
    nock("https://libre.test")
      .post("/translate", (b) => b.q === "Football" && b.format === "text")
      .reply(200, { translatedText: "足球" });
    expect(await provider.translate(["Football"], { ...toZh, format: "text" })).toEqual(["足球"]);
  });

  it("maps 429 to throttled (Retry-After), 403 to permanent, 500 and network errors to transient", async () => {
    const api = nock("https://libre.test");
    api.post("/translate").reply(429, { error: "Slowdown: 10 per 1 minute" }, { "retry-after": "7" });
    const throttled = await failure(provider.translate(["a"], toZh));
    expect(throttled).toBeInstanceOf(TranslationThrottledError);
    expect((throttled as TranslationThrottledError).waitMs).toBe(7000);

    api.post("/translate").reply(403, { error: "Invalid API key" });
    const denied = await failure(provider.translate(["a"], toZh));
    expect(denied).toBeInstanceOf(TranslationPermanentError);
    expect(denied.message).toContain("Invalid API key");
    expect(JSON.stringify({ ...denied, m: denied.message })).not.toContain("libre-secret");

    api.post("/translate").reply(500, { error: "boom" });
    expect(await failure(provider.translate(["a"], toZh))).toBeInstanceOf(TranslationTransientError);

    api.post("/translate").replyWithError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
    expect(await failure(provider.translate(["a"], toZh))).toBeInstanceOf(TranslationTransientError);

    api.post("/translate").reply(400, { error: "zh-Hans is not supported" });
    expect(await failure(provider.translate(["a"], toZh))).toBeInstanceOf(TranslationPermanentError);
  });

  it("treats an answer of the wrong shape as transient", async () => {
    nock("https://libre.test")
      .post("/translate")
      .reply(200, { translatedText: ["only one"] });
    expect(await failure(provider.translate(["a", "b"], toZh))).toBeInstanceOf(TranslationTransientError);
  });
});

describe("DeepL provider", () => {
  it("uses api-free for :fx keys, the DeepL-Auth-Key header, text[], ZH-HANS and tag_handling html", async () => {
    nock("https://api-free.deepl.com", { reqheaders: { authorization: "DeepL-Auth-Key abc-123:fx" } })
      .post("/v2/translate", { text: ["<p>Ball</p>"], source_lang: "EN", target_lang: "ZH-HANS", tag_handling: "html" })
      .reply(200, { translations: [{ detected_source_language: "EN", text: "<p>球</p>" }] });
    const provider = new DeepLProvider({ apiKey: "abc-123:fx" });
    expect(await provider.translate(["<p>Ball</p>"], toZh)).toEqual(["<p>球</p>"]);
  });

  it("uses api.deepl.com for paid keys and sends at most 50 texts per request", async () => {
    const texts = Array.from({ length: 60 }, (_, i) => `t${i}`);
    const api = nock("https://api.deepl.com", { reqheaders: { authorization: "DeepL-Auth-Key paid-key" } });
    api
      .post("/v2/translate", (b) => b.text.length === 50 && !("tag_handling" in b))
      .reply(200, (_u, b) => ({ translations: (b as { text: string[] }).text.map((t) => ({ text: `zh-${t}` })) }));
    api
      .post("/v2/translate", (b) => b.text.length === 10)
      .reply(200, (_u, b) => ({ translations: (b as { text: string[] }).text.map((t) => ({ text: `zh-${t}` })) }));
    const out = await new DeepLProvider({ apiKey: "paid-key" }).translate(texts, { ...toZh, format: "text" });
    expect(out).toHaveLength(60);
    expect(out[59]).toBe("zh-t59");
  });

  it("maps 456 (quota) and 429 to throttled, 403 to permanent, 503 to transient", async () => {
    const provider = new DeepLProvider({ apiKey: "k:fx" });
    const api = nock("https://api-free.deepl.com");
    api.post("/v2/translate").reply(456, { message: "Quota exceeded" });
    const quota = await failure(provider.translate(["a"], toZh));
    expect(quota).toBeInstanceOf(TranslationThrottledError);
    expect(quota).toMatchObject({ code: "QUOTA_EXCEEDED", waitMs: 3_600_000 });

    api.post("/v2/translate").reply(429, { message: "Too many requests" });
    expect(await failure(provider.translate(["a"], toZh))).toBeInstanceOf(TranslationThrottledError);

    api.post("/v2/translate").reply(403, { message: "Authorization failed" });
    const auth = await failure(provider.translate(["a"], toZh));
    expect(auth).toBeInstanceOf(TranslationPermanentError);
    expect(auth.message).not.toContain("k:fx");

    api.post("/v2/translate").reply(503, "Service Unavailable");
    expect(await failure(provider.translate(["a"], toZh))).toBeInstanceOf(TranslationTransientError);
  });
});

describe("Google Cloud Translation v2 provider", () => {
  const provider = new GoogleTranslateProvider({ apiKey: "AIza-secret" });

  it("posts {q[], source, target, format} with ?key= and reads data.translations[].translatedText", async () => {
    nock("https://translation.googleapis.com")
      .post("/language/translate/v2", { q: ["<p>Ball</p>", "Football"], source: "en", target: "zh-CN", format: "html" })
      .query({ key: "AIza-secret" })
      .reply(200, { data: { translations: [{ translatedText: "<p>球</p>" }, { translatedText: "足球" }] } });
    expect(await provider.translate(["<p>Ball</p>", "Football"], toZh)).toEqual(["<p>球</p>", "足球"]);
  });

  const googleError = (code: number, reason: string, message: string) => ({
    error: { code, message, errors: [{ message, domain: "usageLimits", reason }], status: "PERMISSION_DENIED" },
  });

  it("maps rate and daily quota reasons to throttled, keyInvalid and forbidden to permanent, 5xx to transient", async () => {
    const api = nock("https://translation.googleapis.com").post("/language/translate/v2").query(true);
    api.reply(403, googleError(403, "userRateLimitExceeded", "User Rate Limit Exceeded"));
    const rate = await failure(provider.translate(["a"], toZh));
    expect(rate).toBeInstanceOf(TranslationThrottledError);
    expect(rate).toMatchObject({ code: "userRateLimitExceeded", waitMs: 60_000 });

    nock("https://translation.googleapis.com")
      .post("/language/translate/v2")
      .query(true)
      .reply(403, googleError(403, "dailyLimitExceeded", "Daily Limit Exceeded"));
    expect(await failure(provider.translate(["a"], toZh))).toMatchObject({
      errorClass: "throttled",
      waitMs: 3_600_000,
    });

    nock("https://translation.googleapis.com")
      .post("/language/translate/v2")
      .query(true)
      .reply(400, googleError(400, "keyInvalid", "API key not valid. Please pass a valid API key."));
    const bad = await failure(provider.translate(["a"], toZh));
    expect(bad).toBeInstanceOf(TranslationPermanentError);
    expect(bad.message).not.toContain("AIza-secret");

    nock("https://translation.googleapis.com")
      .post("/language/translate/v2")
      .query(true)
      .reply(403, googleError(403, "accessNotConfigured", "Cloud Translation API has not been used in project"));
    expect(await failure(provider.translate(["a"], toZh))).toBeInstanceOf(TranslationPermanentError);

    nock("https://translation.googleapis.com").post("/language/translate/v2").query(true).reply(502, "bad gateway");
    expect(await failure(provider.translate(["a"], toZh))).toBeInstanceOf(TranslationTransientError);
  });
});

describe("createProvider", () => {
  it("is null without a provider and needs a URL or key for the others", () => {
    expect(createProvider({ TRANSLATION_PROVIDER: "none" })).toBeNull();
    expect(() => createProvider({ TRANSLATION_PROVIDER: "libretranslate" })).toThrow(/TRANSLATION_URL/);
    expect(() => createProvider({ TRANSLATION_PROVIDER: "deepl" })).toThrow(/TRANSLATION_API_KEY/);
    expect(createProvider({ TRANSLATION_PROVIDER: "google", TRANSLATION_API_KEY: "k" })?.name).toBe("google");
  });

  it("keeps the key out of anything that could be logged", () => {
    const p = createProvider({ TRANSLATION_PROVIDER: "deepl", TRANSLATION_API_KEY: "very-secret:fx" });
    expect(JSON.stringify(p)).not.toContain("very-secret");
  });
});
