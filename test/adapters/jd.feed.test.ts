import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAdapter } from "../../adapters/core/registry.js";
import type { RemoteListing } from "../../adapters/core/types.js";
import { JD_FEED_COLUMNS, type JdFeedAdapter } from "../../adapters/jd/index.js";
import { jdFootball } from "./jd.fixtures.js";

describe("JD feed mode (jd-feed): a spreadsheet for the pavilion operator", () => {
  let dir: string;
  let clock: number;
  let feed: JdFeedAdapter;
  const tick = (ms = 1000) => (clock += ms);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tijarat-jd-feed-"));
    clock = Date.UTC(2026, 0, 1, 0, 0, 0);
    feed = createAdapter("jd-feed", {
      baseUrl: pathToFileURL(dir).href,
      credentials: { appKey: "", appSecret: "" },
      now: () => clock,
    }) as JdFeedAdapter;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const fileText = () => readFileSync(feed.feedPath, "utf8");
  const records = () =>
    parse(readFileSync(feed.feedPath), { bom: true, columns: true }) as Array<Record<string, string>>;
  const all = async () => {
    const out: RemoteListing[] = [];
    for await (const l of feed.listRemote()) out.push(l);
    return out;
  };

  it("writes UTF-8 with a BOM, CRLF, bilingual headers and one row per SKU", async () => {
    const listing = jdFootball();
    listing.title = '锡亚尔科特“手工”足球, 5号 "Pro"';
    listing.description = '<p class="intro">手工缝制，32片</p>\n<ul><li>周长 68-70 厘米</li></ul>';
    const pushed = await feed.create(listing);
    expect(pushed).toMatchObject({ itemId: "SKC-FB-PRO", status: "pending" });
    const bytes = readFileSync(feed.feedPath);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = fileText();
    const [header] = text.slice(1).split("\r\n");
    expect(header).toBe(JD_FEED_COLUMNS.map(([, h]) => h).join(","));
    expect(header).toContain("商品名称 (Title)");
    expect(header).toContain("京东价 (JD Price CNY)");
    const rows = records();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      "商家商品编码 (Outer ID)": "SKC-FB-PRO",
      "商品名称 (Title)": listing.title,
      "SKU商家编码 (SKU Outer ID)": "SKC-FB-PRO-5-WHT",
      "销售属性 (Sale Attributes)": "1000000041:白色; 1000000046:5号",
      "京东价 (JD Price CNY)": "128.00",
      "长 mm (Length mm)": "230",
      "商品介绍 (Description HTML)": listing.description,
      "操作 (Action)": "新增 Create",
      "状态 (Status)": "待确认 Pending",
      "更新时间 (Updated At)": "2026-01-01T08:00:00.000+08:00",
    });
    expect(rows[1]).toMatchObject({ "京东价 (JD Price CNY)": "98.00", "市场价 (Market Price CNY)": "108.00" });
    expect(rows[1]?.["长 mm (Length mm)"]).toBe("225");
    const [remote] = await all();
    expect(remote).toMatchObject({ title: listing.title, status: "pending", imageCount: 3 });
    expect(remote?.skus.map((s) => [s.sellerSku, s.price, s.quantity])).toEqual([
      ["SKC-FB-PRO-5-WHT", "128.00", 120],
      ["SKC-FB-PRO-4-YLW", "98.00", 80],
    ]);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("stays pending until the operator confirms; a later change is pending again", async () => {
    await feed.create(jdFootball());
    tick();
    await feed.confirm("SKC-FB-PRO", { status: "live", wareId: "100012345678" });
    expect(await feed.findBySellerSku("SKC-FB-PRO-4-YLW")).toMatchObject({ status: "live", rawStatus: "在售 Live" });
    expect(records().map((r) => [r["状态 (Status)"], r["操作 (Action)"]])).toEqual([
      ["在售 Live", ""],
      ["在售 Live", ""],
    ]);
    tick();
    expect(await feed.updatePriceStock([{ sellerSku: "SKC-FB-PRO-4-YLW", price: "118.00", quantity: 7 }])).toEqual([
      { sellerSku: "SKC-FB-PRO-4-YLW", ok: true },
    ]);
    const changed = await feed.findBySellerSku("SKC-FB-PRO");
    expect(changed).toMatchObject({ status: "pending", rawStatus: "待确认 Pending (改价改库存 Price/Stock)" });
    expect(changed?.skus[1]).toMatchObject({ price: "118.00", quantity: 7 });
    expect(records()[0]?.["状态 (Status)"]).toBe("待确认 Pending");
    tick();
    await feed.confirm("SKC-FB-PRO-4-YLW", { status: "live" });
    expect((await feed.findBySellerSku("SKC-FB-PRO"))?.status).toBe("live");
    tick();
    await feed.delist(["SKC-FB-PRO-5-WHT"]);
    expect(records().map((r) => r["操作 (Action)"])).toEqual(["下架 Delist", "下架 Delist"]);
    tick();
    await feed.confirm("SKC-FB-PRO", { status: "inactive" });
    expect((await feed.findBySellerSku("SKC-FB-PRO"))?.status).toBe("inactive");
  });

  it("reads a confirmations file the operator typed (Chinese status words, Beijing time)", async () => {
    await feed.create(jdFootball());
    writeFileSync(
      feed.confirmationsPath,
      "\uFEFF商家编码 (Outer ID),状态 (Status),京东商品ID (JD Ware ID),备注 (Note),确认时间 (Confirmed At)\r\n" +
        "SKC-FB-PRO,驳回,,主图需白底,2026-01-01 09:00:00\r\n",
    );
    expect(await feed.findBySellerSku("SKC-FB-PRO-5-WHT")).toMatchObject({
      status: "rejected",
      rejectReason: "主图需白底",
    });
    // A confirmation older than the row's last change does not count.
    writeFileSync(
      feed.confirmationsPath,
      "商家编码 (Outer ID),状态 (Status),确认时间 (Confirmed At)\nSKC-FB-PRO,在售,2026-01-01 07:59:59\n",
    );
    expect((await feed.findBySellerSku("SKC-FB-PRO"))?.status).toBe("pending");
  });

  it("guards cells a spreadsheet would run as formulas, and reads them back unchanged", async () => {
    const listing = jdFootball({ title: '=HYPERLINK("http://x")足球' });
    listing.description = "@SUM(A1)<p>足球</p>";
    await feed.create(listing);
    expect(fileText()).toContain('"\'=HYPERLINK(""http://x"")足球"');
    expect(fileText()).toContain("'@SUM(A1)");
    expect((await feed.findBySellerSku("SKC-FB-PRO"))?.title).toBe(listing.title);
    expect(records()[0]?.["商品介绍 (Description HTML)"]).toBe("'@SUM(A1)<p>足球</p>");
  });

  it("keeps listings apart, refuses duplicates and unknown SKUs, and updates in place", async () => {
    await feed.create(jdFootball({ skuPrefix: "A" }));
    await feed.create(jdFootball({ skuPrefix: "B" }));
    await expect(feed.create(jdFootball({ skuPrefix: "A" }))).rejects.toMatchObject({
      errorClass: "permanent",
      code: "DUPLICATE_OUTER_ID",
    });
    tick();
    const updated = await feed.update({ ...jdFootball({ skuPrefix: "B" }), title: "改版 比赛足球" }, "B");
    expect(updated.status).toBe("pending");
    expect((await all()).map((l) => [l.itemId, l.title])).toEqual([
      ["A", "巴基斯坦锡亚尔科特手工缝制5号比赛足球 PU皮革"],
      ["B", "改版 比赛足球"],
    ]);
    expect(records().filter((r) => r["商家商品编码 (Outer ID)"] === "B")[0]?.["操作 (Action)"]).toBe("新增 Create");
    const outcomes = await feed.updatePriceStock([{ sellerSku: "NOPE", quantity: 1 }]);
    expect(outcomes[0]).toMatchObject({ ok: false, error: { errorClass: "permanent", code: "SKU_NOT_FOUND" } });
    await expect(feed.update(jdFootball({ skuPrefix: "C" }), "C")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(feed.validate({ ...jdFootball(), attributes: {} })).toEqual([]);
  });
});
