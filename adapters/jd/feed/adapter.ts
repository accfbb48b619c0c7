import { join } from "node:path";
import { PermanentError } from "../../core/errors.js";
import type {
  AdapterOptions,
  CanonicalListing,
  ChannelAdapter,
  ChannelCapabilities,
  ItemOutcome,
  ListRemoteOptions,
  PriceStockUpdate,
  PushResult,
  RemoteListing,
  RemoteStatus,
  TokenPair,
  ValidationIssue,
} from "../../core/types.js";
import { throwIfInvalid } from "../../core/validation.js";
import { serialized, writeFileAtomic } from "../../feed/atomic.js";
import { feedDirFrom } from "../../feed/location.js";
import { priceStockProblem } from "../../feed/rules.js";
import { JD_CAPABILITIES, JD_FEED_CHANNEL } from "../capabilities.js";
import {
  barCodeOf,
  cmToMm,
  type JdMappingOptions,
  jdPriceOf,
  propsOf,
  resolveBrandId,
  saleAttrsOf,
} from "../payload.js";
import { validateJdListing } from "../rules.js";
import {
  actionOf,
  beijingIso,
  CONFIRMATION_COLUMNS,
  type ConfirmationColumn,
  FEED_ACTIONS,
  type FeedAction,
  JD_FEED_COLUMNS,
  type JdFeedRow,
  parseFeedTime,
  parseStatusWord,
  readCsv,
  renderCsv,
  STATUS_WORDS,
} from "./csv.js";

export { JD_FEED_COLUMNS } from "./csv.js";

export interface JdFeedAdapterOptions extends AdapterOptions {
  /** Directory of the file; defaults to baseUrl read as a path or a file: URL. */
  feedDir?: string;
  /** Default "jd-pavilion-listings.csv". */
  fileName?: string;
  /** The operator's confirmations; default "jd-pavilion-confirmations.csv" beside the listings file. */
  confirmationsFileName?: string;
  brandIds?: Record<string, string | number>;
}

/** The operator's word on one listing, from the confirmations file or confirm(). */
export interface JdFeedConfirmation {
  /** Product outerId or any SKU outerId of the listing. */
  key: string;
  status: RemoteStatus;
  wareId?: string;
  /** Reject reason or remark. */
  note?: string;
  /** When the operator confirmed (default: now for confirm(), the file's mtime for hand-written rows). */
  at: number;
}

export const JD_FEED_CAPABILITIES: ChannelCapabilities = Object.freeze({
  ...JD_CAPABILITIES,
  /** One file rewrite carries any number of SKUs, price and stock together. */
  maxPriceStockBatch: 1000,
  combinedPriceStock: true,
  maxPageSize: 1000,
});

const ACTION_RANK: Record<FeedAction, number> = { priceStock: 1, update: 2, create: 3, delist: 4 };

/**
 * JD feed mode, for exporters without JOS credentials: the Pakistan Pavilion operator uploads a spreadsheet instead of
 * the adapter calling the API. Every write rewrites the CSV (atomically); what the file holds is what listRemote
 * reads back. A listing is "pending" until the operator confirms it (confirm() or a row in the confirmations file)
 * at or after its last change; a change made after the confirmation makes it pending again, with the action the
 * operator still has to carry out in the Action column.
 */
export class JdFeedAdapter implements ChannelAdapter {
  readonly channel = JD_FEED_CHANNEL;
  readonly capabilities: ChannelCapabilities = JD_FEED_CAPABILITIES;
  /** Absolute path of the listings CSV. */
  readonly feedPath: string;
  readonly confirmationsPath: string;
  private readonly mapping: JdMappingOptions;
  private readonly now: () => number;

  constructor(private readonly opts: JdFeedAdapterOptions) {
    const dir = feedDirFrom(opts.baseUrl, JD_FEED_CHANNEL, opts.feedDir);
    this.feedPath = join(dir, opts.fileName ?? "jd-pavilion-listings.csv");
    this.confirmationsPath = join(dir, opts.confirmationsFileName ?? "jd-pavilion-confirmations.csv");
    this.mapping = opts.brandIds ? { brandIds: opts.brandIds } : {};
    this.now = opts.now ?? Date.now;
  }

  /** JD's rules, except that a brand name is enough: the operator picks the brand id when uploading. */
  validate(listing: CanonicalListing): ValidationIssue[] {
    return validateJdListing(listing, { ...this.mapping, requireBrandId: false });
  }

  async findBySellerSku(sellerSku: string): Promise<RemoteListing | null> {
    const { rows, confirmations } = await this.load();
    const row = rows.find((r) => r.outerId === sellerSku || r.skuOuterId === sellerSku);
    return row ? this.remote(row.outerId, rows, confirmations) : null;
  }

  async create(listing: CanonicalListing): Promise<PushResult> {
    this.assertValid(listing);
    return this.mutate(async (rows, confirmations) => {
      const mine = new Set(listing.variants.map((v) => v.sellerSku));
      const taken = rows.find((r) => r.outerId !== listing.sellerSku && mine.has(r.skuOuterId));
      if (taken) {
        throw new PermanentError(
          `SKU ${taken.skuOuterId} already belongs to ${taken.outerId} in the pavilion file`,
          "DUPLICATE_OUTER_ID",
          JD_FEED_CHANNEL,
        );
      }
      const existing = rows.filter((r) => r.outerId === listing.sellerSku);
      if (existing.some((r) => actionOf(r.action) !== "delist")) {
        throw new PermanentError(
          `${listing.sellerSku} is already in the pavilion file (update it instead)`,
          "DUPLICATE_OUTER_ID",
          JD_FEED_CHANNEL,
        );
      }
      const next = rows.filter((r) => r.outerId !== listing.sellerSku);
      next.push(...this.rowsFor(listing, "create"));
      return { rows: next, result: this.push(listing.sellerSku, next, confirmations) };
    });
  }

  async update(listing: CanonicalListing, itemId: string): Promise<PushResult> {
    this.assertValid(listing);
    return this.mutate(async (rows, confirmations) => {
      const key = rows.some((r) => r.outerId === itemId) ? itemId : listing.sellerSku;
      const old = rows.filter((r) => r.outerId === key);
      if (old.length === 0) {
        throw new PermanentError(`${itemId} is not in the pavilion file`, "NOT_FOUND", JD_FEED_CHANNEL);
      }
      const confirmed = latestConfirmation(old, confirmations) !== undefined;
      const pending = old.map((r) => actionOf(r.action)).find((a) => a === "create");
      const action: FeedAction = !confirmed && pending ? "create" : "update";
      const next = rows.filter((r) => r.outerId !== key);
      next.push(...this.rowsFor(listing, action));
      return { rows: next, result: this.push(listing.sellerSku, next, confirmations) };
    });
  }

  async updatePriceStock(updates: PriceStockUpdate[]): Promise<ItemOutcome[]> {
    return this.mutate(async (rows, confirmations) => {
      const at = beijingIso(this.now());
      const outcomes = updates.map((u): ItemOutcome => {
        const problem = priceStockProblem(u, "yuan > 0 with at most 2 decimals");
        if (problem) return fail(u.sellerSku, "VALIDATION_FAILED", problem);
        const row = rows.find((r) => r.skuOuterId === u.sellerSku);
        if (!row) return fail(u.sellerSku, "SKU_NOT_FOUND", `${u.sellerSku} is not in the pavilion file`);
        const done = isConfirmed(rows, row.outerId, confirmations);
        if (u.price !== undefined) row.marketPrice = toYuan(u.price);
        const jdPrice = u.salePrice ?? u.price;
        if (jdPrice !== undefined) row.jdPrice = toYuan(jdPrice);
        if (u.quantity !== undefined) row.stockNum = String(u.quantity);
        row.action = FEED_ACTIONS[mergeAction(done ? undefined : actionOf(row.action), "priceStock")];
        row.updatedAt = at;
        return { sellerSku: u.sellerSku, ok: true };
      });
      return { rows, result: outcomes };
    });
  }

  /** Marks whole listings for delisting (JD delists wares, not single SKUs); the operator confirms "已下架". */
  async delist(sellerSkus: string[]): Promise<ItemOutcome[]> {
    return this.mutate(async (rows) => {
      const at = beijingIso(this.now());
      const outcomes = sellerSkus.map((sku): ItemOutcome => {
        const row = rows.find((r) => r.skuOuterId === sku || r.outerId === sku);
        if (!row) return fail(sku, "SKU_NOT_FOUND", `${sku} is not in the pavilion file`);
        for (const r of rows.filter((x) => x.outerId === row.outerId)) {
          r.action = FEED_ACTIONS.delist;
          r.updatedAt = at;
        }
        return { sellerSku: sku, ok: true };
      });
      return { rows, result: outcomes };
    });
  }

  async *listRemote(opts: ListRemoteOptions = {}): AsyncGenerator<RemoteListing> {
    const { rows, confirmations } = await this.load();
    const keys = [...new Set(rows.map((r) => r.outerId))];
    // The whole file is one read: one page.
    opts.onPage?.({ items: keys.length });
    for (const key of keys) {
      const listing = this.remote(key, rows, confirmations);
      const updated = listing.updatedAt ? Date.parse(listing.updatedAt) : 0;
      if (opts.updatedAfter && updated <= opts.updatedAfter.getTime()) continue;
      if (opts.updatedBefore && updated >= opts.updatedBefore.getTime()) continue;
      yield listing;
    }
  }

  /** No tokens in feed mode: nothing expires, so this only echoes the configured token. */
  async refreshToken(): Promise<TokenPair> {
    return { accessToken: this.opts.credentials.accessToken ?? "" };
  }

  /** Records the operator's word on a listing (by product or SKU outer id) in the confirmations file. */
  async confirm(
    key: string,
    word: { status: RemoteStatus; wareId?: string; note?: string; at?: number },
  ): Promise<void> {
    await serialized(this.confirmationsPath, async () => {
      const { rows } = await readCsv(this.confirmationsPath, CONFIRMATION_COLUMNS);
      rows.push({
        key,
        status: STATUS_WORDS[word.status],
        wareId: word.wareId ?? "",
        note: word.note ?? "",
        confirmedAt: beijingIso(word.at ?? this.now()),
      });
      await writeFileAtomic(this.confirmationsPath, renderCsv(CONFIRMATION_COLUMNS, rows));
    });
    // Refresh the Status and Action columns the operator sees.
    await this.mutate(async (rows) => ({ rows, result: undefined }));
  }

  private rowsFor(listing: CanonicalListing, action: FeedAction): JdFeedRow[] {
    const at = beijingIso(this.now());
    const brandId = resolveBrandId(listing, this.mapping.brandIds);
    const props = propsOf(listing)
      .map((p) => `${p.attrId}:${p.attrValues.join(",")}`)
      .join("; ");
    return listing.variants.map((v) => ({
      outerId: listing.sellerSku,
      title: listing.title,
      categoryId: listing.categoryId,
      brandId: brandId !== undefined ? String(brandId) : "",
      brand: listing.brand,
      itemNum: listing.sellerSku,
      skuOuterId: v.sellerSku,
      saleAttrs: saleAttrsOf(v)
        .map((a) => `${a.attrId}:${a.attrValues.join(",")}`)
        .join("; "),
      jdPrice: toYuan(jdPriceOf(v)),
      marketPrice: toYuan(v.price),
      stockNum: String(v.quantity),
      barCode: barCodeOf(v) ?? "",
      lengthMm: String(cmToMm(v.package.lengthCm)),
      widthMm: String(cmToMm(v.package.widthCm)),
      heightMm: String(cmToMm(v.package.heightCm)),
      weightKg: String(v.package.weightKg),
      images: listing.images.join("\n"),
      skuImages: v.images.join("\n"),
      props,
      introduction: listing.description,
      action: FEED_ACTIONS[action],
      status: STATUS_WORDS.pending,
      updatedAt: at,
    }));
  }

  private push(key: string, rows: JdFeedRow[], confirmations: JdFeedConfirmation[]): PushResult {
    const remote = this.remote(key, rows, confirmations);
    return { itemId: remote.itemId, status: remote.status, skus: remote.skus };
  }

  private remote(key: string, rows: JdFeedRow[], confirmations: JdFeedConfirmation[]): RemoteListing {
    const mine = rows.filter((r) => r.outerId === key);
    const first = mine[0];
    const { status, confirmation } = statusOf(mine, confirmations);
    const updated = Math.max(0, ...mine.map((r) => parseFeedTime(r.updatedAt) ?? 0));
    const action = pendingAction(mine, confirmation);
    const listing: RemoteListing = {
      itemId: key,
      sellerSku: key,
      status,
      rawStatus:
        status === "pending" && action ? `${STATUS_WORDS.pending} (${FEED_ACTIONS[action]})` : STATUS_WORDS[status],
      imageCount: first?.images ? first.images.split("\n").filter(Boolean).length : 0,
      skus: mine.map((r) => ({
        sellerSku: r.skuOuterId,
        ...(r.jdPrice !== "" ? { price: r.jdPrice } : {}),
        ...(r.stockNum !== "" && Number.isFinite(Number(r.stockNum)) ? { quantity: Number(r.stockNum) } : {}),
        status: STATUS_WORDS[status],
      })),
    };
    if (first?.title !== undefined) listing.title = first.title;
    if (status === "rejected" && confirmation?.note) listing.rejectReason = confirmation.note;
    if (updated > 0) listing.updatedAt = new Date(updated).toISOString();
    return listing;
  }

  private async load(): Promise<{ rows: JdFeedRow[]; confirmations: JdFeedConfirmation[] }> {
    const [{ rows }, confirmations] = await Promise.all([
      readCsv(this.feedPath, JD_FEED_COLUMNS),
      this.readConfirmations(),
    ]);
    return { rows: rows.filter((r) => r.outerId !== "" && r.skuOuterId !== ""), confirmations };
  }

  private async readConfirmations(): Promise<JdFeedConfirmation[]> {
    const { rows, mtimeMs } = await readCsv<ConfirmationColumn>(this.confirmationsPath, CONFIRMATION_COLUMNS);
    return rows.flatMap((r): JdFeedConfirmation[] => {
      const status = parseStatusWord(r.status);
      if (!r.key.trim() || !status) return [];
      return [
        {
          key: r.key.trim(),
          status,
          at: parseFeedTime(r.confirmedAt) ?? Math.floor(mtimeMs),
          ...(r.wareId.trim() ? { wareId: r.wareId.trim() } : {}),
          ...(r.note.trim() ? { note: r.note.trim() } : {}),
        },
      ];
    });
  }

  /** Read, change and rewrite the file as one step (serialized per file within this process); status columns refreshed. */
  private mutate<T>(
    change: (rows: JdFeedRow[], confirmations: JdFeedConfirmation[]) => Promise<{ rows: JdFeedRow[]; result: T }>,
  ): Promise<T> {
    return serialized(this.feedPath, async () => {
      const { rows, confirmations } = await this.load();
      const out = await change(rows, confirmations);
      for (const key of new Set(out.rows.map((r) => r.outerId))) {
        const mine = out.rows.filter((r) => r.outerId === key);
        const { status, confirmation } = statusOf(mine, confirmations);
        for (const r of mine) {
          r.status = STATUS_WORDS[status];
          // The Action column says what the operator still has to do: nothing, for rows confirmed since they changed.
          if (confirmation && confirmation.at >= (parseFeedTime(r.updatedAt) ?? 0)) r.action = "";
        }
      }
      await writeFileAtomic(this.feedPath, renderCsv(JD_FEED_COLUMNS, out.rows));
      return out.result;
    });
  }

  private assertValid(listing: CanonicalListing): void {
    throwIfInvalid(this.validate(listing), "JD", JD_FEED_CHANNEL);
  }
}

/** The newest confirmation naming the listing (its outer id or one of its SKUs). */
function latestConfirmation(rows: JdFeedRow[], confirmations: JdFeedConfirmation[]): JdFeedConfirmation | undefined {
  const keys = new Set(rows.flatMap((r) => [r.outerId, r.skuOuterId]));
  let latest: JdFeedConfirmation | undefined;
  for (const c of confirmations) if (keys.has(c.key) && (!latest || c.at >= latest.at)) latest = c;
  return latest;
}

function statusOf(
  rows: JdFeedRow[],
  confirmations: JdFeedConfirmation[],
): { status: RemoteStatus; confirmation?: JdFeedConfirmation } {
  const confirmation = latestConfirmation(rows, confirmations);
  const updated = Math.max(0, ...rows.map((r) => parseFeedTime(r.updatedAt) ?? 0));
  if (confirmation && confirmation.at >= updated) return { status: confirmation.status, confirmation };
  return { status: "pending" };
}

function isConfirmed(rows: JdFeedRow[], key: string, confirmations: JdFeedConfirmation[]): boolean {
  const mine = rows.filter((r) => r.outerId === key);
  return statusOf(mine, confirmations).status !== "pending";
}

/** The biggest action among rows changed after the operator's last confirmation. */
function pendingAction(rows: JdFeedRow[], confirmation: JdFeedConfirmation | undefined): FeedAction | undefined {
  let action: FeedAction | undefined;
  for (const r of rows) {
    if (confirmation && confirmation.at >= (parseFeedTime(r.updatedAt) ?? 0)) continue;
    const a = actionOf(r.action);
    if (a) action = mergeAction(action, a);
  }
  return action;
}

/** A change on top of one the operator has not carried out yet keeps the bigger of the two. */
function mergeAction(current: FeedAction | undefined, next: FeedAction): FeedAction {
  return current && ACTION_RANK[current] > ACTION_RANK[next] ? current : next;
}

function toYuan(decimal: string): string {
  return Number(decimal).toFixed(2);
}

function fail(sellerSku: string, code: string, message: string): ItemOutcome {
  return { sellerSku, ok: false, error: { errorClass: "permanent", code, message } };
}
