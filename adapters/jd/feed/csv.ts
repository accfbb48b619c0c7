import { readFile, stat } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { RemoteStatus } from "../../core/types.js";
import { parseBeijingTime } from "../time.js";

/**
 * The pavilion file: one row per SKU, ware columns repeated on each row, headers in Chinese and English, UTF-8 with a
 * BOM and CRLF line ends so Excel/WPS open it as Unicode. Cells that a spreadsheet would run as a formula (= + - @)
 * get a leading apostrophe, which reading strips again.
 */
export const JD_FEED_COLUMNS = [
  ["outerId", "商家商品编码 (Outer ID)"],
  ["title", "商品名称 (Title)"],
  ["categoryId", "类目ID (Category ID)"],
  ["brandId", "品牌ID (Brand ID)"],
  ["brand", "品牌 (Brand)"],
  ["itemNum", "货号 (Item No.)"],
  ["skuOuterId", "SKU商家编码 (SKU Outer ID)"],
  ["saleAttrs", "销售属性 (Sale Attributes)"],
  ["jdPrice", "京东价 (JD Price CNY)"],
  ["marketPrice", "市场价 (Market Price CNY)"],
  ["stockNum", "库存 (Stock)"],
  ["barCode", "条形码 (Bar Code)"],
  ["lengthMm", "长 mm (Length mm)"],
  ["widthMm", "宽 mm (Width mm)"],
  ["heightMm", "高 mm (Height mm)"],
  ["weightKg", "重量 kg (Weight kg)"],
  ["images", "商品图片 (Images)"],
  ["skuImages", "SKU图片 (SKU Images)"],
  ["props", "商品属性 (Properties)"],
  ["introduction", "商品介绍 (Description HTML)"],
  ["action", "操作 (Action)"],
  ["status", "状态 (Status)"],
  ["updatedAt", "更新时间 (Updated At)"],
] as const;

export type JdFeedColumn = (typeof JD_FEED_COLUMNS)[number][0];
export type JdFeedRow = Record<JdFeedColumn, string>;

export const CONFIRMATION_COLUMNS = [
  ["key", "商家编码 (Outer ID)"],
  ["status", "状态 (Status)"],
  ["wareId", "京东商品ID (JD Ware ID)"],
  ["note", "备注 (Note)"],
  ["confirmedAt", "确认时间 (Confirmed At)"],
] as const;

export type ConfirmationColumn = (typeof CONFIRMATION_COLUMNS)[number][0];

export const FEED_ACTIONS = {
  create: "新增 Create",
  update: "更新 Update",
  priceStock: "改价改库存 Price/Stock",
  delist: "下架 Delist",
} as const;
export type FeedAction = keyof typeof FEED_ACTIONS;

export const STATUS_WORDS: Record<RemoteStatus, string> = {
  pending: "待确认 Pending",
  live: "在售 Live",
  rejected: "驳回 Rejected",
  inactive: "已下架 Inactive",
  deleted: "已删除 Deleted",
};

/** Status words an operator may type (Chinese or English). */
export function parseStatusWord(text: string): RemoteStatus | undefined {
  const t = text.trim().toLowerCase();
  if (t === "") return undefined;
  if (/在售|上架|^live|on ?sale|approved/.test(t)) return "live";
  if (/驳回|审核失败|拒绝|reject/.test(t)) return "rejected";
  if (/删除|delete/.test(t)) return "deleted";
  if (/下架|inactive|delist|off ?sale/.test(t)) return "inactive";
  if (/待|pending/.test(t)) return "pending";
  return undefined;
}

export function actionOf(text: string): FeedAction | undefined {
  return (Object.keys(FEED_ACTIONS) as FeedAction[]).find((a) => FEED_ACTIONS[a] === text.trim());
}

const FORMULA = /^'*[=+\-@\t\r]/;

export function protectCell(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value;
}

export function unprotectCell(value: string): string {
  return value.startsWith("'") && FORMULA.test(value) ? value.slice(1) : value;
}

export function renderCsv<K extends string>(
  columns: ReadonlyArray<readonly [K, string]>,
  rows: ReadonlyArray<Record<K, string>>,
): string {
  return stringify(
    rows.map((row) => columns.map(([key]) => protectCell(row[key] ?? ""))),
    { header: true, columns: columns.map(([, header]) => header), bom: true, record_delimiter: "windows" },
  );
}

/** Rows keyed by column key (matched by header, so an operator may reorder columns); [] when the file is missing. */
export async function readCsv<K extends string>(
  path: string,
  columns: ReadonlyArray<readonly [K, string]>,
): Promise<{ rows: Record<K, string>[]; mtimeMs: number }> {
  let text: string;
  let mtimeMs: number;
  try {
    [text, mtimeMs] = await Promise.all([readFile(path, "utf8"), stat(path).then((s) => s.mtimeMs)]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { rows: [], mtimeMs: 0 };
    throw err;
  }
  const records = parse(text, {
    bom: true,
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: false,
  }) as Record<string, string>[];
  const byHeader = new Map(columns.map(([key, header]) => [header, key]));
  const rows = records.map((record) => {
    const row = Object.fromEntries(columns.map(([key]) => [key, ""])) as Record<K, string>;
    for (const [header, value] of Object.entries(record)) {
      const key = byHeader.get(header.trim());
      if (key) row[key] = unprotectCell(value ?? "");
    }
    return row;
  });
  return { rows, mtimeMs };
}

/** ISO 8601 in Beijing time with milliseconds: 2026-01-01T08:00:00.000+08:00 (readable, and exact to compare). */
export function beijingIso(epochMs: number): string {
  return `${new Date(epochMs + 8 * 3600_000).toISOString().slice(0, -1)}+08:00`;
}

/** ISO 8601 or a Beijing 'yyyy-MM-dd HH:mm:ss' typed by the operator. */
export function parseFeedTime(text: string): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const beijing = parseBeijingTime(t);
  if (beijing !== undefined) return beijing;
  const iso = Date.parse(t);
  return Number.isNaN(iso) ? undefined : iso;
}
