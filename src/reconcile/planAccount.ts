import { type CatalogProduct, productInclude, toCatalogProduct } from "../catalog/catalogProduct.js";
import type { Db } from "../db.js";
import { latestRates } from "../localize/fxRates.js";
import type { ChannelAccounts } from "../sync/channelAccounts.js";
import { inputsForPage } from "../sync/resync.js";
import { loadReadiness } from "../taxonomy/loadReadiness.js";
import { type PlanAction, type PlanItem, planActions, planItem } from "./plan.js";

export interface AccountPlan {
  channelAccountId: string;
  channel: string;
  /** Products read from the catalog. */
  scanned: number;
  /** Listings per action (every action present); listings a sync would leave alone are not counted. */
  counts: Record<PlanAction, number>;
  /** The first `limit` items, in product id order. */
  items: PlanItem[];
  truncated: boolean;
}

/**
 * The plan for one channel account: every product of its exporter against what the channel last accepted, a page at
 * a time. Reads the catalog and the listing rows only; no channel is called.
 */
export async function planAccount(
  db: Db,
  accounts: ChannelAccounts,
  channelAccountId: string,
  opts: { limit?: number; pageSize?: number } = {},
): Promise<AccountPlan> {
  const limit = opts.limit ?? 1000;
  const pageSize = opts.pageSize ?? 500;
  const row = await db.channelAccount.findUniqueOrThrow({ where: { id: channelAccountId } });
  const account = await accounts.get(channelAccountId);
  const pricing = { fx: await latestRates(db), now: new Date() };
  const readiness = await loadReadiness(db, channelAccountId);
  const plan: AccountPlan = {
    channelAccountId,
    channel: row.channel,
    scanned: 0,
    counts: Object.fromEntries(planActions.map((a) => [a, 0])) as Record<PlanAction, number>,
    items: [],
    truncated: false,
  };
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.product.findMany({
      where: { exporterId: row.exporterId },
      include: { ...productInclude, listings: { where: { channelAccountId } } },
      orderBy: { id: "asc" },
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    const products = rows.map(toCatalogProduct);
    const inputs = await inputsForPage(db, account, readiness, products);
    for (const [i, r] of rows.entries()) {
      plan.scanned += 1;
      const product = products[i] as CatalogProduct;
      const item = planItem(product, r.listings[0], account, pricing, inputs(product.id));
      if (!item) continue;
      plan.counts[item.action] += 1;
      if (plan.items.length < limit) plan.items.push(item);
      else plan.truncated = true;
    }
    if (rows.length < pageSize) return plan;
    cursor = rows.at(-1)?.id;
  }
}

/** Plans for every account on a channel. */
export async function planChannel(
  db: Db,
  accounts: ChannelAccounts,
  channel: string,
  opts: { limit?: number } = {},
): Promise<AccountPlan[]> {
  const rows = await db.channelAccount.findMany({ where: { channel }, select: { id: true }, orderBy: { id: "asc" } });
  const out: AccountPlan[] = [];
  for (const r of rows) out.push(await planAccount(db, accounts, r.id, opts));
  return out;
}

const clip = (value: string | null, width: number) => {
  if (value === null) return "-";
  const flat = value.replace(/\s+/g, " ");
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
};

/** A readable table: one block per listing, one line per changed field. */
export function formatPlan(plans: AccountPlan[]): string {
  const lines: string[] = [];
  for (const p of plans) {
    const summary = Object.entries(p.counts)
      .filter(([, n]) => n > 0)
      .map(([a, n]) => `${a} ${n}`)
      .join(", ");
    lines.push(`${p.channel} (account ${p.channelAccountId}): ${p.scanned} products, ${summary || "nothing to do"}`);
    if (p.items.length === 0) continue;
    const rows: string[][] = [["SKU", "ACTION", "CALL", "FIELD", "VARIANT", "BEFORE", "AFTER"]];
    for (const item of p.items) {
      const head = [item.sku, item.action, item.call];
      if (item.action === "hold") {
        rows.push([...head, "holds", "", "", clip((item.holds ?? []).join("; "), 60)]);
        continue;
      }
      const changes =
        item.action === "create"
          ? item.changes.filter((c) => ["title", "price", "stock"].includes(c.field))
          : item.changes;
      if (changes.length === 0) rows.push([...head, item.acceptedUnknown ? item.parts.join("+") : "", "", "", ""]);
      changes.forEach((c, i) => {
        rows.push([
          ...(i === 0 ? head : ["", "", ""]),
          c.field,
          c.sellerSku ?? "",
          clip(c.before, 32),
          clip(c.after, 32),
        ]);
      });
    }
    const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? "").length)));
    for (const r of rows)
      lines.push(
        `  ${r
          .map((cell, col) => cell.padEnd(widths[col] ?? 0))
          .join("  ")
          .trimEnd()}`,
      );
    if (p.truncated) lines.push(`  ... ${Object.values(p.counts).reduce((a, b) => a + b, 0) - p.items.length} more`);
  }
  return lines.join("\n");
}
