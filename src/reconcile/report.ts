import { stringify } from "csv-stringify/sync";
import { NotFoundError } from "../catalog/errors.js";
import type { Db } from "../db.js";
import type { DriftKind } from "./compare.js";

export interface RunView {
  id: string;
  channelAccountId: string;
  channel: string;
  trigger: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  pagesFetched: number;
  remoteCount: number;
  expectedCount: number;
  counts: unknown;
  repaired: number;
  error: string | null;
}

export interface ItemView {
  id: string;
  kind: DriftKind;
  productId: string | null;
  sellerSku: string | null;
  itemId: string | null;
  field: string | null;
  expected: string | null;
  actual: string | null;
  action: string;
}

type RunRow = Awaited<ReturnType<Db["reconcileRun"]["findFirstOrThrow"]>>;

function runView(r: RunRow, channel: string): RunView {
  return {
    id: r.id,
    channelAccountId: r.channelAccountId,
    channel,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    pagesFetched: r.pagesFetched,
    remoteCount: r.remoteCount,
    expectedCount: r.expectedCount,
    counts: r.counts,
    repaired: r.repaired,
    error: r.error,
  };
}

async function channelsOf(db: Db, accountIds: string[]): Promise<Map<string, string>> {
  const rows = await db.channelAccount.findMany({
    where: { id: { in: [...new Set(accountIds)] } },
    select: { id: true, channel: true },
  });
  return new Map(rows.map((r) => [r.id, r.channel]));
}

/** Newest runs first, optionally of one channel; cursor = the last run id of the previous page. */
export async function listRuns(
  db: Db,
  opts: { channel?: string; limit?: number; cursor?: string } = {},
): Promise<{ items: RunView[]; nextCursor: string | null }> {
  const limit = opts.limit ?? 50;
  const accountIds = opts.channel
    ? (await db.channelAccount.findMany({ where: { channel: opts.channel }, select: { id: true } })).map((a) => a.id)
    : undefined;
  const rows = await db.reconcileRun.findMany({
    where: accountIds ? { channelAccountId: { in: accountIds } } : {},
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, limit);
  const channels = await channelsOf(
    db,
    page.map((r) => r.channelAccountId),
  );
  return {
    items: page.map((r) => runView(r, channels.get(r.channelAccountId) ?? "?")),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export async function getRun(db: Db, runId: string): Promise<RunView> {
  const row = await db.reconcileRun.findUnique({ where: { id: runId } });
  if (!row) throw new NotFoundError(`reconcile run ${runId}`);
  const channels = await channelsOf(db, [row.channelAccountId]);
  return runView(row, channels.get(row.channelAccountId) ?? "?");
}

/** One page of a run's items in id order; cursor = the last item id of the previous page. */
export async function runItems(
  db: Db,
  runId: string,
  opts: { kind?: DriftKind; limit?: number; cursor?: string } = {},
): Promise<{ items: ItemView[]; nextCursor: string | null }> {
  const limit = opts.limit ?? 500;
  const rows = await db.reconcileItem.findMany({
    where: {
      runId,
      ...(opts.kind ? { kind: opts.kind } : {}),
      ...(opts.cursor ? { id: { gt: BigInt(opts.cursor) } } : {}),
    },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((i) => ({
      id: i.id.toString(),
      kind: i.kind,
      productId: i.productId,
      sellerSku: i.sellerSku,
      itemId: i.itemId,
      field: i.field,
      expected: i.expected,
      actual: i.actual,
      action: i.action,
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}

/** Every item of a run, a page at a time (exports of large runs never hold them all). */
export async function* allItems(db: Db, runId: string, pageSize = 5000): AsyncGenerator<ItemView> {
  let cursor: string | undefined;
  for (;;) {
    const page = await runItems(db, runId, { limit: pageSize, ...(cursor ? { cursor } : {}) });
    yield* page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

export const CSV_COLUMNS = [
  "kind",
  "field",
  "seller_sku",
  "item_id",
  "product_id",
  "expected",
  "actual",
  "action",
] as const;

/**
 * A cell a spreadsheet will not run: text starting with = + - @ (or a tab / carriage return, which some programs
 * strip before looking) gets a leading apostrophe. Plain numbers such as -5 are left as they are.
 */
export function safeCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (/^[-+]?\d+(\.\d+)?$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvRow(item: ItemView): string {
  return stringify([
    [item.kind, item.field, item.sellerSku, item.itemId, item.productId, item.expected, item.actual, item.action].map(
      safeCell,
    ),
  ]);
}

/** The run as CSV (header + one row per item) or JSON ({ run, items }), streamed in chunks. */
export async function* exportRun(db: Db, runId: string, format: "csv" | "json"): AsyncGenerator<string> {
  const run = await getRun(db, runId);
  if (format === "csv") {
    yield stringify([[...CSV_COLUMNS]]);
    let chunk = "";
    for await (const item of allItems(db, runId)) {
      chunk += csvRow(item);
      if (chunk.length > 64_000) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
    return;
  }
  yield `{"run":${JSON.stringify(run)},"items":[`;
  let first = true;
  let chunk = "";
  for await (const item of allItems(db, runId)) {
    chunk += `${first ? "" : ","}\n${JSON.stringify(item)}`;
    first = false;
    if (chunk.length > 64_000) {
      yield chunk;
      chunk = "";
    }
  }
  yield `${chunk}\n]}\n`;
}
