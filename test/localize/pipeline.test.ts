import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveGlossaryTerm } from "../../src/localize/glossary.js";
import { LibreTranslateProvider } from "../../src/localize/providers/libreTranslate.js";
import { translateTexts } from "../../src/localize/translate.js";
import { rememberHuman, rememberMachine, sourceHash } from "../../src/localize/translationMemory.js";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.js";
import { type FakeLibreTranslate, startFakeLibreTranslate } from "./fakeLibreTranslate.js";

const pair = { source: "en", target: "zh-Hans" };
const memoryPair = { sourceLocale: "en", targetLocale: "zh-Hans" };

describe("translation pipeline: memory, glossary, provider", () => {
  let t: TestDatabase;
  let libre: FakeLibreTranslate;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    t = await createTestDatabase();
    libre = await startFakeLibreTranslate();
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await libre.close();
    await t.drop();
  });

  it("serves an exact memory match without calling the provider, and counts the hit", async () => {
    await rememberMachine(t.db, memoryPair, "deepl", [{ source: "Match football", target: "比赛足球" }]);
    // No interceptor and no net connect: any provider call would fail the test.
    const unreachable = new LibreTranslateProvider({ baseUrl: "https://libre.unreachable.test" });
    const before = await t.db.translationMemory.findFirstOrThrow({
      where: { sourceHash: sourceHash("Match football") },
    });
    const r = await translateTexts(
      { db: t.db, provider: unreachable },
      [{ text: "Match football", format: "text" }],
      pair,
    );
    expect(r).toEqual({ texts: ["比赛足球"], memoryHits: 1, providerTexts: 0 });
    const after = await t.db.translationMemory.findFirstOrThrow({
      where: { sourceHash: sourceHash("Match football") },
    });
    expect(after.hits).toBe(1);
    expect(after.usedAt.getTime()).toBeGreaterThanOrEqual(before.usedAt.getTime());
  });

  it("sends misses to the provider in one request, stores them, and the next run is served from memory", async () => {
    const provider = new LibreTranslateProvider({ baseUrl: libre.url });
    const items = [
      { text: "Hand-stitched football", format: "text" as const },
      { text: "<p>32 <b>panels</b></p>", format: "html" as const },
    ];
    const first = await translateTexts({ db: t.db, provider }, items, pair);
    expect(first.texts).toEqual(["手工缝制 足球", "<p>32 <b>片</b></p>"]);
    expect(first.providerTexts).toBe(2);
    expect(libre.requests).toHaveLength(1);
    expect(libre.requests[0]).toMatchObject({ source: "en", target: "zh", format: "html" });
    const stored = await t.db.translationMemory.findMany({ where: { origin: "libretranslate" } });
    expect(stored.map((s) => s.sourceHash).sort()).toEqual(items.map((i) => sourceHash(i.text)).sort());

    const second = await translateTexts({ db: t.db, provider }, items, pair);
    expect(second).toEqual({ texts: first.texts, memoryHits: 2, providerTexts: 0 });
    expect(libre.requests).toHaveLength(1);
  });

  it("keeps and maps glossary terms inside sentences (case-insensitive) through a real provider call", async () => {
    await saveGlossaryTerm(t.db, { sourceLocale: "en", targetLocale: "*", term: "Ajrak", translation: null });
    await saveGlossaryTerm(t.db, {
      sourceLocale: "en",
      targetLocale: "zh-Hans",
      term: "full-grain leather",
      translation: "全粒面皮革",
    });
    const provider = new LibreTranslateProvider({ baseUrl: libre.url });
    const r = await translateTexts(
      { db: t.db, provider },
      [
        { text: "Printed ajrak shawl", format: "text" },
        { text: "<p>Wallet from Full-Grain Leather &amp; new</p>", format: "html" },
      ],
      pair,
    );
    expect(r.texts).toEqual(["印花 Ajrak 披肩", "<p>钱包 来自 全粒面皮革 &amp; 新</p>"]);
    // The provider saw placeholders, not the terms to translate.
    expect(JSON.stringify(libre.requests.at(-1))).toContain('translate=\\"no\\"');
  });

  it("a glossary change forgets machine memory holding the term, never human translations", async () => {
    await rememberHuman(t.db, memoryPair, [{ source: "Ajrak bedsheet", target: "Ajrak 床单（人工）" }]);
    await rememberMachine(t.db, memoryPair, "libretranslate", [{ source: "Blue ajrak", target: "蓝色 Ajrak" }]);
    const { invalidated } = await saveGlossaryTerm(t.db, {
      sourceLocale: "en",
      targetLocale: "zh-Hans",
      term: "Ajrak",
      translation: "阿杰拉克",
    });
    expect(invalidated).toBe(2); // "Printed ajrak shawl" and "Blue ajrak"
    const left = await t.db.translationMemory.findMany({
      where: { sourceText: { contains: "jrak", mode: "insensitive" } },
    });
    expect(left.map((l) => [l.sourceText, l.origin])).toEqual([["Ajrak bedsheet", "human"]]);
  });

  it("fails without a provider when the memory lacks a text", async () => {
    await expect(
      translateTexts({ db: t.db, provider: null }, [{ text: "Never seen", format: "text" }], pair),
    ).rejects.toMatchObject({ errorClass: "permanent", code: "NO_PROVIDER" });
  });
});
