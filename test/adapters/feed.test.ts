import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdapter, registeredChannels } from "../../adapters/core/registry.js";
import type { CanonicalListing, RemoteListing } from "../../adapters/core/types.js";
import {
  CSV_COLUMNS,
  escapeXml,
  type FeedAdapter,
  htmlToText,
  type RunningFeedServer,
  startFeedServer,
  writeFileAtomic,
} from "../../adapters/feed/index.js";
import {
  type FeedConsumerHandle,
  parseFeedXml,
  startFeedConsumerSimulator,
} from "../../adapters/feed/simulator/index.js";
import { sialkotFootball } from "./fixtures.js";

const LINK = "https://bokataa.example.pk/p/{sellerSku}";

function feedAdapter(dir: string, extra: Record<string, unknown> = {}): FeedAdapter {
  return createAdapter("feed", {
    baseUrl: dir,
    credentials: { appKey: "", appSecret: "" },
    linkTemplate: LINK,
    ...extra,
  } as Parameters<typeof createAdapter>[1]) as FeedAdapter;
}

const football = (prefix = "SKC-FB-PRO", patch: Partial<CanonicalListing> = {}) => ({
  ...sialkotFootball({ channel: "feed", skuPrefix: prefix }),
  ...patch,
});

describe("feed channel", () => {
  let dir: string;
  let feed: FeedAdapter;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tijarat-feed-test-"));
    feed = feedAdapter(dir);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const xml = () => readFileSync(join(dir, "feed.xml"), "utf8");
  const csvRows = () =>
    parse(readFileSync(join(dir, "feed.csv")), { bom: true, columns: true }) as Array<Record<string, string>>;

  it("is registered as feed", () => {
    expect(registeredChannels()).toContain("feed");
    expect(feed.capabilities).toMatchObject({ currency: "PKR", reviewsNewListings: true, combinedPriceStock: true });
  });

  it("writes one CSV row per variant with Google Merchant columns", async () => {
    await feed.create(football());
    const text = readFileSync(join(dir, "feed.csv"), "utf8");
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.split("\n")[0]).toBe(CSV_COLUMNS.join(","));
    const rows = csvRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      id: "SKC-FB-PRO-5-WHT",
      item_group_id: "SKC-FB-PRO",
      link: "https://bokataa.example.pk/p/SKC-FB-PRO",
      image_link: "https://pk-live-21.slatic.net/p/sialkot-football-white.jpg",
      availability: "in_stock",
      price: "4500.00 PKR",
      sale_price: "",
      brand: "Sialkot Pro",
      mpn: "SP-MATCH-32",
      condition: "new",
      color: "White",
      size: "5",
      shipping_weight: "0.6 kg",
      quantity: "120",
    });
    expect(rows[0]?.additional_image_link?.split(",")).toHaveLength(3);
    expect(rows[1]).toMatchObject({ price: "4000.00 PKR", sale_price: "3800.00 PKR", color: "Yellow" });
    expect(rows[0]?.description).toBe(
      "Hand-stitched in Sialkot by skilled artisans: 32 panels of 1.5 mm PU leather, butyl bladder and a four-layer " +
        "polyester-cotton lining. Holds its shape and air through a full season of matches.\n" +
        "• Circumference 68-70 cm (size 5)\n• Weight 410-450 g",
    );
    await feedAdapter(dir, { csvBom: true }).updatePriceStock([{ sellerSku: "SKC-FB-PRO-5-WHT", quantity: 0 }]);
    expect([...readFileSync(join(dir, "feed.csv")).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvRows()[0]).toMatchObject({ availability: "out_of_stock", quantity: "0" });
  });

  it("writes an RSS 2.0 feed with g: elements, escaping text and dropping what XML cannot carry", async () => {
    const title = `Tom & Jerry's <Pro> "Match" Ball — فٹ بال ⚽ \u0001`;
    await feed.create(
      football("ESC-1", {
        title,
        description: "<p>Fish &amp; chips &lt;3 &#x263A;</p><script>alert(1)</script>",
        brand: "A&B <Sports>",
      }),
    );
    const text = xml();
    expect(
      text.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"',
      ),
    ).toBe(true);
    expect(text).toContain("<title>Tom &amp; Jerry&apos;s &lt;Pro&gt; &quot;Match&quot; Ball — فٹ بال ⚽ </title>");
    expect(text).toContain("<g:brand>A&amp;B &lt;Sports&gt;</g:brand>");
    expect(text).not.toContain("\u0001");
    expect(text).not.toContain("<script>");
    expect(text).toContain("<g:price>4500.00 PKR</g:price>");
    const parsed = parseFeedXml(text);
    expect(parsed.items).toHaveLength(2);
    expect(parsed.items[0]).toMatchObject({
      id: "ESC-1-5-WHT",
      itemGroupId: "ESC-1",
      title: title.replace("\u0001", ""),
      description: "Fish & chips <3 ☺",
      brand: "A&B <Sports>",
      price: "4500.00",
      currency: "PKR",
      quantity: 120,
    });
    expect(parsed.items[1]?.salePrice).toBe("3800.00");
    expect(escapeXml("\uD800 lone surrogate & \uFFFE")).toBe(" lone surrogate &amp; ");
    expect(htmlToText("<ul><li>One</li><li>Two &nbsp;</li></ul>")).toBe("• One\n• Two");
    // CSV quoting carries the same text through.
    expect(csvRows()[0]?.title).toBe(title);
  });

  it("rewrites atomically: readers always see a whole file, no temp files stay, a failed write keeps the old one", async () => {
    await feed.create(football("ATOM-0"));
    const inodeBefore = statSync(join(dir, "feed.xml")).ino;
    let reads = 0;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const text = await readFile(join(dir, "feed.xml"), "utf8");
        expect(text.endsWith("</channel>\n</rss>\n")).toBe(true);
        reads += 1;
      }
    })();
    for (let i = 1; i <= 25; i++) await feed.updatePriceStock([{ sellerSku: "ATOM-0-5-WHT", quantity: i }]);
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(statSync(join(dir, "feed.xml")).ino).not.toBe(inodeBefore);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(parseFeedXml(xml()).items[0]?.quantity).toBe(25);

    const target = join(dir, "feed.xml");
    const before = xml();
    await expect(writeFileAtomic(target, 42 as unknown as string)).rejects.toThrow();
    expect(xml()).toBe(before);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("serializes concurrent writers on one directory", async () => {
    const other = feedAdapter(dir);
    await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? feed : other).create(football(`PAR-${i}`))));
    const state = JSON.parse(readFileSync(join(dir, "feed-state.json"), "utf8"));
    expect(Object.keys(state.products).sort()).toEqual(["PAR-0", "PAR-1", "PAR-2", "PAR-3", "PAR-4", "PAR-5"]);
    expect(state.revision).toBe(6);
    expect(parseFeedXml(xml()).items).toHaveLength(12);
  });

  it("delists out of the feed files, keeps the item in the store, and filters listRemote by time", async () => {
    let clock = Date.UTC(2026, 0, 1);
    const timed = feedAdapter(dir, { now: () => clock });
    await timed.create(football("OLD"));
    clock += 60_000;
    await timed.create(football("NEW"));
    expect(await timed.delist(["OLD-5-WHT", "OLD-4-YLW", "NOPE"])).toEqual([
      { sellerSku: "OLD-5-WHT", ok: true },
      { sellerSku: "OLD-4-YLW", ok: true },
      expect.objectContaining({ sellerSku: "NOPE", ok: false }),
    ]);
    expect(parseFeedXml(xml()).items.map((i) => i.itemGroupId)).toEqual(["NEW", "NEW"]);
    expect(await timed.findBySellerSku("OLD")).toMatchObject({
      status: "inactive",
      rawStatus: "removed from the feed",
    });
    const since: RemoteListing[] = [];
    for await (const l of timed.listRemote({ updatedAfter: new Date(Date.UTC(2026, 0, 1, 0, 0, 30)) })) since.push(l);
    expect(since.map((l) => l.itemId)).toEqual(["NEW", "OLD"]);
  });

  it("validates what a consumer needs: link, title, price and currency, image, availability", () => {
    const noLink = feedAdapter(dir, { linkTemplate: undefined });
    expect(noLink.validate(football()).map((i) => i.field)).toEqual(["link"]);
    const bad = football("BAD", { currency: "USD", description: "", images: ["ftp://x/a.jpg"] });
    bad.variants[0]!.quantity = -1;
    bad.variants[1]!.salePrice = "9999.00";
    expect(feed.validate(bad).map((i) => i.field)).toEqual(
      expect.arrayContaining(["currency", "description", "images[0]", "variants[0].quantity", "variants[1].salePrice"]),
    );
    expect(feed.validate({ ...football(), attributes: { link: "https://own.example.pk/ball" } })).toEqual([]);
  });
});

describe("feed served over HTTP", () => {
  let sim: FeedConsumerHandle;
  let server: RunningFeedServer;
  let feed: FeedAdapter;
  beforeAll(async () => {
    sim = await startFeedConsumerSimulator();
    server = await startFeedServer({ dir: sim.feedDir });
    feed = feedAdapter(sim.feedDir);
  });
  afterAll(async () => {
    await server.close();
    await sim.close();
  });
  beforeEach(() => sim.reset());

  it("answers with ETag and Last-Modified, and 304 to If-None-Match / If-Modified-Since", async () => {
    expect((await fetch(`${server.url}/feed.xml`)).status).toBe(404);
    await feed.create(football());
    const first = await fetch(`${server.url}/feed.xml`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const etag = first.headers.get("etag") ?? "";
    const lastModified = first.headers.get("last-modified") ?? "";
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(Date.parse(lastModified)).not.toBeNaN();
    expect(parseFeedXml(await first.text()).items).toHaveLength(2);

    const again = await fetch(`${server.url}/feed.xml`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect((await fetch(`${server.url}/feed.xml`, { headers: { "if-none-match": `W/${etag}, "x"` } })).status).toBe(
      304,
    );
    expect((await fetch(`${server.url}/feed.xml`, { headers: { "if-modified-since": lastModified } })).status).toBe(
      304,
    );

    await feed.updatePriceStock([{ sellerSku: "SKC-FB-PRO-5-WHT", price: "4700.00" }]);
    const changed = await fetch(`${server.url}/feed.xml`, { headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(await changed.text()).toContain("<g:price>4700.00 PKR</g:price>");

    const csv = await fetch(`${server.url}/feed.csv`, { method: "HEAD" });
    expect([csv.status, csv.headers.get("content-type")]).toEqual([200, "text/csv; charset=utf-8"]);
    expect((await fetch(`${server.url}/feed.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/feed.xml`, { method: "POST" })).status).toBe(405);
  });

  it("the consumer polls with If-None-Match, publishes pending items and re-reviews changed content", async () => {
    await feed.create(football("POLL"));
    expect(await sim.poll()).toEqual({ status: 200, items: 2 });
    expect(await sim.poll()).toEqual({ status: 304, items: 2 });
    expect(sim.counts()).toEqual({ "GET /feed.xml": 2, "304 /feed.xml": 1 });
    expect((await feed.findBySellerSku("POLL"))?.status).toBe("pending");
    expect(sim.advanceReview()).toBe(2);
    expect(sim.advanceReview()).toBe(0);
    expect((await feed.findBySellerSku("POLL"))?.status).toBe("live");
    await feed.updatePriceStock([{ sellerSku: "POLL-5-WHT", quantity: 3 }]);
    expect((await feed.findBySellerSku("POLL"))?.status).toBe("live");
    await feed.update({ ...football("POLL"), title: "Match Football, new season" }, "POLL");
    expect((await feed.findBySellerSku("POLL"))?.status).toBe("pending");
    expect(sim.advanceReview()).toBe(2);
    expect(sim.listings()).toEqual([expect.objectContaining({ itemId: "POLL", status: "live" })]);
  });

  it("an operator can confirm items by hand (no consumer reporting back)", async () => {
    await feed.create(football("HAND"));
    await feed.confirm("HAND-5-WHT", { status: "live" });
    expect((await feed.findBySellerSku("HAND"))?.status).toBe("pending");
    await feed.confirm("HAND", { status: "rejected", reason: "Bokataa: brand not allowed" });
    expect(await feed.findBySellerSku("HAND-4-YLW")).toMatchObject({
      status: "rejected",
      rejectReason: "Bokataa: brand not allowed",
    });
  });
});
