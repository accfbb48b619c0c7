import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { editProduct } from "../../src/catalog/editProduct.js";
import { saveProduct } from "../../src/catalog/saveProduct.js";
import { aggregate, effectiveStates } from "../../src/localize/contentState.js";
import { LibreTranslateProvider } from "../../src/localize/providers/libreTranslate.js";
import { translateProduct } from "../../src/localize/translateProduct.js";
import { sourceHash } from "../../src/localize/translationMemory.js";
import type { Runtime } from "../../src/runtime.js";
import { createChannelAccount } from "../../src/sync/channelAccounts.js";
import { footballInput, seedBasics } from "../support/seedBasics.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import { createTestRuntime } from "../support/testRuntime.js";
import { type FakeLibreTranslate, startFakeLibreTranslate } from "./fakeLibreTranslate.js";

interface FieldView {
  text: string | string[];
  source: string;
  reviewState: string;
  locked: boolean;
  stale: boolean;
}
interface ContentView {
  version: number;
  locales: {
    locale: string;
    source: string;
    reviewState: string;
    locked: boolean;
    fields: Record<string, FieldView>;
  }[];
  channels: { channel: string; build: string; title: string | null; warnings: { field: string }[] }[];
}

describe("content: machine fill, human edits lock, review, unlock, API", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let app: FastifyInstance;
  let libre: FakeLibreTranslate;
  let exporterId: string;
  let deps: Parameters<typeof translateProduct>[0];

  const content = async (id: string) => (await app.inject({ url: `/api/products/${id}/content` })).json<ContentView>();
  const zh = async (id: string) => (await content(id)).locales.find((l) => l.locale === "zh-Hans");
  /** The row's own source/reviewState/locked always equal the aggregate of its field states. */
  const expectConsistent = async (productId: string) => {
    const row = await rt.db.productContent.findUniqueOrThrow({
      where: { productId_locale: { productId, locale: "zh-Hans" } },
    });
    const agg = aggregate(effectiveStates(row));
    expect({ source: row.source, reviewState: row.reviewState, locked: row.locked }).toEqual(agg);
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    rt = createTestRuntime(t.url, "content");
    ({ exporterId } = await seedBasics(rt.db));
    libre = await startFakeLibreTranslate();
    deps = { db: rt.db, provider: new LibreTranslateProvider({ baseUrl: libre.url }) };
    await createChannelAccount(rt.db, rt.secretKey, {
      exporterId,
      channel: "daraz",
      baseUrl: "http://127.0.0.1:9",
      credentials: { appKey: "k", appSecret: "s", accessToken: "t" },
      settings: { locale: "zh-Hans", categoryMap: { "sports-balls": "10000421" }, maxTitleLength: 12 },
    });
    app = await buildServer(rt, ["daraz"]);
  });
  afterAll(async () => {
    await app.close();
    await rt.close();
    await libre.close();
    await t.drop();
  });

  it("fills a missing locale as machine/unreviewed/unlocked, with an outbox event in the same write", async () => {
    const p = await saveProduct(rt.db, exporterId, footballInput("M-1"), { mode: "create" });
    expect((await content(p.id)).channels[0]).toMatchObject({ channel: "daraz", build: "needs_translation" });
    const events = await rt.db.outboxEvent.count({ where: { aggregateId: p.id } });

    const out = await translateProduct(deps, { productId: p.id, locale: "zh-Hans" });
    expect(out).toMatchObject({ outcome: "updated", sourceLocale: "en", version: 2 });
    expect(out.written).toEqual(["title", "description", "bullets", "keywords"]);
    const events2 = await rt.db.outboxEvent.findMany({ where: { aggregateId: p.id }, orderBy: { id: "asc" } });
    expect(events2).toHaveLength(events + 1);
    expect(events2.at(-1)).toMatchObject({ eventType: "product.updated", payload: { parts: ["content"] } });

    const view = await content(p.id);
    const locale = view.locales.find((l) => l.locale === "zh-Hans")!;
    expect(locale).toMatchObject({ source: "machine", reviewState: "machine", locked: false });
    expect(locale.fields.title).toEqual({
      text: "手工缝制 比赛 足球 号 5",
      source: "machine",
      reviewState: "machine",
      locked: false,
      stale: false,
    });
    expect(locale.fields.description?.text).toBe("<p>32 片</p>");
    expect(view.locales.find((l) => l.locale === "en")?.fields.title).toMatchObject({ source: "human", locked: true });
    // The preview shows what Daraz (zh-Hans, 12-character titles here) would get, with the cut as a warning.
    expect(view.channels[0]).toMatchObject({ build: "ready", warnings: [{ field: "title" }] });
    expect(Array.from(view.channels[0]?.title ?? "").length).toBeLessThanOrEqual(12);
    await expectConsistent(p.id);
    // A second run has nothing to do and calls nobody.
    const calls = libre.requests.length;
    expect(await translateProduct(deps, { productId: p.id, locale: "zh-Hans" })).toMatchObject({
      outcome: "nothing_to_do",
    });
    expect(libre.requests.length).toBe(calls);
  });

  it("a human edit is versioned (If-Match), locks the field and is remembered; machine never overwrites it", async () => {
    const p = await saveProduct(rt.db, exporterId, footballInput("M-2"), { mode: "create" });
    await translateProduct(deps, { productId: p.id, locale: "zh-Hans" });
    const stale = await app.inject({
      method: "PUT",
      url: `/api/products/${p.id}/content/zh-Hans`,
      headers: { "if-match": '"1"' },
      payload: { title: "手工缝制比赛足球（人工）" },
    });
    expect(stale.statusCode).toBe(409);
    const ok = await app.inject({
      method: "PUT",
      url: `/api/products/${p.id}/content/zh-Hans`,
      headers: { "if-match": '"2"' },
      payload: { title: "手工缝制比赛足球（人工）" },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"3"');
    expect(ok.json().content.fields.title).toMatchObject({ source: "human", reviewState: "human", locked: true });
    expect(ok.json().content.fields.description).toMatchObject({ source: "machine", locked: false });
    await expectConsistent(p.id);
    const memory = await rt.db.translationMemory.findFirstOrThrow({
      where: { sourceHash: sourceHash("Hand-Stitched Match Football Size 5"), targetLocale: "zh-Hans" },
    });
    expect(memory).toMatchObject({ origin: "human", targetText: "手工缝制比赛足球（人工）" });

    // The English source changes everywhere; the translation refreshes what it may and leaves the human title.
    await editProduct(rt.db, p.id, undefined, (cur) => ({
      ...cur,
      content: cur.content.map((c) =>
        c.locale === "en" ? { ...c, title: "New Hand-Stitched Football", description: "<p>New panels</p>" } : c,
      ),
    }));
    expect((await zh(p.id))?.fields.description?.stale).toBe(true);
    const out = await translateProduct(deps, { productId: p.id, locale: "zh-Hans" });
    expect(out.written).toEqual(["description"]);
    const after = await zh(p.id);
    expect(after?.fields.title).toMatchObject({ text: "手工缝制比赛足球（人工）", source: "human", locked: true });
    expect(after?.fields.description).toMatchObject({ text: "<p>新 片</p>", source: "machine", stale: false });
    await expectConsistent(p.id);

    // Unlocking hands the title back to machine translation, which now refreshes it from the new source.
    const unlock = await app.inject({
      method: "POST",
      url: `/api/products/${p.id}/content/zh-Hans/unlock`,
      payload: { fields: ["title"] },
    });
    expect(unlock.json().content.fields.title).toMatchObject({ source: "human", locked: false });
    expect((await translateProduct(deps, { productId: p.id, locale: "zh-Hans" })).written).toEqual(["title"]);
    expect((await zh(p.id))?.fields.title).toMatchObject({ text: "新 手工缝制 足球", source: "machine" });
    await expectConsistent(p.id);
  });

  it("review marks machine fields reviewed (not human ones) and teaches the memory", async () => {
    const p = await saveProduct(rt.db, exporterId, footballInput("M-3"), { mode: "create" });
    await translateProduct(deps, { productId: p.id, locale: "zh-Hans" });
    await app.inject({ method: "PUT", url: `/api/products/${p.id}/content/zh-Hans`, payload: { keywords: ["足球"] } });
    const res = await app.inject({ method: "POST", url: `/api/products/${p.id}/content/zh-Hans/review` });
    expect(res.statusCode).toBe(200);
    const fields = res.json().content.fields;
    expect(fields.title).toMatchObject({ source: "machine", reviewState: "reviewed", locked: false });
    expect(fields.keywords).toMatchObject({ source: "human", reviewState: "human", locked: true });
    expect(res.json().content).toMatchObject({ source: "human", reviewState: "reviewed", locked: false });
    await expectConsistent(p.id);
    const approved = await rt.db.translationMemory.findFirstOrThrow({
      where: { sourceHash: sourceHash("<p>32 panels</p>"), targetLocale: "zh-Hans" },
    });
    expect(approved.origin).toBe("human");
    // Reviewing again changes nothing.
    const again = await app.inject({ method: "POST", url: `/api/products/${p.id}/content/zh-Hans/review` });
    expect(again.json().outcome).toBe("unchanged");
  });

  it("human content from the product API is locked: translation leaves it alone even when the source changes", async () => {
    const input = footballInput("M-4", {
      content: [
        { locale: "en", title: "Match Football", description: "<p>Ball</p>" },
        { locale: "zh-Hans", title: "比赛用球（人工）", description: "<p>球</p>" },
      ],
    });
    const p = await saveProduct(rt.db, exporterId, input, { mode: "create" });
    await editProduct(rt.db, p.id, undefined, (cur) => ({
      ...cur,
      content: cur.content.map((c) => (c.locale === "en" ? { ...c, title: "Match Football Size 5" } : c)),
    }));
    const calls = libre.requests.length;
    expect(await translateProduct(deps, { productId: p.id, locale: "zh-Hans" })).toMatchObject({
      outcome: "nothing_to_do",
      written: [],
    });
    expect(libre.requests.length).toBe(calls);
    expect((await zh(p.id))?.fields.title).toMatchObject({ text: "比赛用球（人工）", source: "human", locked: true });
  });

  it("validates edits, and asking for a translation without a provider is refused", async () => {
    const p = await saveProduct(rt.db, exporterId, footballInput("M-5"), { mode: "create" });
    const noTitle = await app.inject({
      method: "PUT",
      url: `/api/products/${p.id}/content/ur`,
      payload: { description: "<p>x</p>" },
    });
    expect(noTitle.statusCode).toBe(400);
    const unknown = await app.inject({ method: "POST", url: `/api/products/${p.id}/content/ur/review` });
    expect(unknown.statusCode).toBe(404);
    const ask = await app.inject({ method: "POST", url: `/api/products/${p.id}/content/zh-Hans/translate` });
    expect(ask.statusCode).toBe(409);
  });

  it("manages glossary terms through the API", async () => {
    const put = await app.inject({
      method: "PUT",
      url: "/api/glossary",
      payload: { sourceLocale: "en", targetLocale: "zh-Hans", term: "Sialkot", translation: null },
    });
    expect(put.statusCode).toBe(200);
    const list = await app.inject({ url: "/api/glossary?sourceLocale=en" });
    expect(list.json().items).toEqual([expect.objectContaining({ term: "Sialkot", translation: null })]);
    const del = await app.inject({
      method: "DELETE",
      url: "/api/glossary",
      payload: { sourceLocale: "en", targetLocale: "zh-Hans", term: "Sialkot" },
    });
    expect(del.json()).toMatchObject({ deleted: true });
  });
});
