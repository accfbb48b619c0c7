import { chunk } from "../core/chunk.js";
import { clientOptionsFrom } from "../core/clientOptions.js";
import { isChannelError, PermanentError } from "../core/errors.js";
import { errorOutcome, failedItem, rethrowChannelStop } from "../core/outcomes.js";
import { retryRead } from "../core/retry.js";
import { TokenRefresher } from "../core/tokenRefresher.js";
import type {
  AdapterOptions,
  CallContext,
  CanonicalListing,
  ChannelAdapter,
  ChannelCapabilities,
  ImageRules,
  ItemOutcome,
  ListRemoteOptions,
  PriceStockUpdate,
  PushResult,
  RemoteAttribute,
  RemoteListing,
  TokenPair,
  ValidationIssue,
} from "../core/types.js";
import { PLAIN_DECIMAL, throwIfInvalid } from "../core/validation.js";
import { tokenPairFromJd } from "./auth.js";
import { JD_CHANNEL, JD_LIMITS, JD_WARE_STATUS, jdApiCapabilities } from "./capabilities.js";
import { asObject, JdClient, type JdResult } from "./client.js";
import { JdImageZone } from "./imageZone.js";
import { buildJdWareAdd, buildJdWareUpdate, type JdMappingOptions, yuan } from "./payload.js";
import { findReasonText, jdTime, mapJdWareStatus, parseJdPage, parseJdWare } from "./remote.js";
import { type JdImageInfo, validateJdListing } from "./rules.js";
import { JdTaxonomy } from "./taxonomy.js";
import { formatBeijingTime } from "./time.js";

export interface JdAdapterOptions extends AdapterOptions {
  /** OAuth host for /oauth2/*; defaults to https://open-oauth.jd.com, or the gateway's origin for non-JD hosts. */
  authBaseUrl?: string;
  /** Brand name -> JD brand id, when listings carry no attributes.brandId. */
  brandIds?: Record<string, string | number>;
  /** Enforce JD-hosted images in validate() (off when unset). */
  imageHostAllowlist?: string[];
  /** Image facts from the media store, checked against capabilities.imageRules before sending. */
  imageInfo?: (url: string) => JdImageInfo | undefined;
  /** Overrides of JD_IMAGE_RULES (the 800 px / 1 MB rule is legacy and unverified). */
  imageRules?: Partial<ImageRules>;
  /** Image zone folder (picture_cate_id) for uploads; JD's default folder when unset. */
  pictureCategoryId?: number;
  /** Tree level whose categories take wares (default 3, JD's POP tree). */
  leafLevel?: number;
  /** searchWare4Valid page cap (default 100); beyond it listRemote moves on to the next modified-time window. */
  maxPages?: number;
  /** Wait reported for code 2 (App Call Limited); JD names none. Default 1000 ms. */
  throttleWaitMs?: number;
  httpMethod?: "GET" | "POST";
}

const M = {
  add: "jingdong.ware.write.add",
  update: "jingdong.ware.write.updateWare",
  upOrDown: "jingdong.ware.write.upOrDown",
  price: "jingdong.price.write.updateSkuJdPrice",
  stock: "jingdong.stock.write.updateSkuStock",
  searchWares: "jingdong.ware.read.searchWare4Valid",
  findWare: "jingdong.ware.read.findWareById",
  searchSkus: "jingdong.sku.read.searchSkuList",
  opReason: "jingdong.ware.read.findOpReason",
} as const;

/** Ware statuses whose reason (findOpReason) is worth a call: the system took the ware down. */
const REASON_STATUSES = new Set<number>([JD_WARE_STATUS.delistedBySystem, JD_WARE_STATUS.auditFailed]);

interface SkuRef {
  skuId: string;
  wareId: string;
}

export class JdAdapter implements ChannelAdapter {
  readonly channel = JD_CHANNEL;
  readonly capabilities: ChannelCapabilities;
  readonly taxonomy: JdTaxonomy;
  readonly media: JdImageZone;
  private readonly client: JdClient;
  private readonly mapping: JdMappingOptions;
  /** Variant seller SKU (sku outerId) -> JD ids, learned from creates and reads; JD's price/stock calls need skuId. */
  private readonly skuRefs = new Map<string, SkuRef>();
  private readonly tokens: TokenRefresher;
  /** Category id -> its attributes as last read, so create/update route sale attributes and split multi values. */
  private readonly categoryAttrs = new Map<string, RemoteAttribute[]>();

  constructor(private readonly opts: JdAdapterOptions) {
    this.capabilities = jdApiCapabilities(opts.imageRules);
    this.mapping = opts.brandIds ? { brandIds: opts.brandIds } : {};
    this.client = new JdClient({
      ...clientOptionsFrom(opts),
      ...(opts.throttleWaitMs !== undefined ? { throttleWaitMs: opts.throttleWaitMs } : {}),
      ...(opts.httpMethod ? { httpMethod: opts.httpMethod } : {}),
    });
    this.tokens = new TokenRefresher(JD_CHANNEL, opts, this.client, async (refreshToken, ctx) => {
      const res = await this.client.oauth(
        "/oauth2/refresh_token",
        { grant_type: "refresh_token", refresh_token: refreshToken },
        ctx.signal,
      );
      return tokenPairFromJd(res, opts.now?.() ?? Date.now());
    });
    this.taxonomy = new JdTaxonomy(
      (method, business, signal) => this.read(() => this.client.call(method, business, { signal }), signal),
      {
        ...(opts.leafLevel !== undefined ? { leafLevel: opts.leafLevel } : {}),
        onAttributes: (categoryId, attrs) => this.categoryAttrs.set(categoryId, attrs),
      },
    );
    this.media = new JdImageZone(
      (method, business, file, signal) => this.client.upload(method, business, file, { signal }),
      opts.pictureCategoryId !== undefined ? { pictureCategoryId: opts.pictureCategoryId } : {},
    );
  }

  validate(listing: CanonicalListing): ValidationIssue[] {
    return validateJdListing(listing, {
      ...this.mapping,
      ...(this.capabilities.imageRules ? { imageRules: this.capabilities.imageRules } : {}),
      ...(this.opts.imageHostAllowlist ? { imageHosts: this.opts.imageHostAllowlist } : {}),
      ...(this.opts.imageInfo ? { imageInfo: this.opts.imageInfo } : {}),
    });
  }

  /** By a SKU outerId (variant seller SKU) first, then by the ware's own key (outerId, also sent as itemNum). */
  async findBySellerSku(sellerSku: string, ctx: CallContext = {}): Promise<RemoteListing | null> {
    const wareId = await this.wareIdFor(sellerSku, ctx.signal, true);
    return wareId ? this.loadListing(wareId, ctx.signal) : null;
  }

  async create(listing: CanonicalListing, ctx: CallContext = {}): Promise<PushResult> {
    this.assertValid(listing);
    await this.learnCategory(listing, ctx.signal);
    const res = await this.client.call(
      M.add,
      { ...buildJdWareAdd(listing, this.mappingFor(listing)) },
      { signal: ctx.signal },
    );
    const ware = asObject(res.ware) ?? {};
    const wareId = String(ware.wareId ?? res.wareId ?? "");
    if (!wareId) {
      throw new PermanentError("JD accepted the ware but returned no wareId", "NO_WARE_ID", JD_CHANNEL);
    }
    const skuIds = new Map<string, string>();
    for (const sku of Array.isArray(ware.skus) ? ware.skus : []) {
      const s = asObject(sku) ?? {};
      if (s.outerId !== undefined && s.skuId !== undefined) skuIds.set(String(s.outerId), String(s.skuId));
    }
    return {
      itemId: wareId,
      status: ware.wareStatus !== undefined ? mapJdWareStatus(ware.wareStatus) : "pending",
      skus: listing.variants.map((v) => {
        const skuId = skuIds.get(v.sellerSku);
        if (skuId) this.skuRefs.set(v.sellerSku, { skuId, wareId });
        return {
          sellerSku: v.sellerSku,
          price: v.salePrice ?? v.price,
          quantity: v.quantity,
          ...(skuId ? { skuId } : {}),
        };
      }),
    };
  }

  /** updateWare (content, SKUs; never images), then a read-back for the status an edit may have sent to audit. */
  async update(listing: CanonicalListing, itemId: string, ctx: CallContext = {}): Promise<PushResult> {
    this.assertValid(listing);
    await this.learnCategory(listing, ctx.signal);
    const known = new Map<string, string>();
    for (const v of listing.variants) {
      const ref = this.skuRefs.get(v.sellerSku);
      if (ref && ref.wareId === itemId) known.set(v.sellerSku, ref.skuId);
    }
    await this.client.call(
      M.update,
      { ...buildJdWareUpdate(listing, itemId, this.mappingFor(listing), known) },
      {
        signal: ctx.signal,
      },
    );
    try {
      const remote = await this.loadListing(itemId, ctx.signal);
      if (remote) return { itemId, status: remote.status, skus: remote.skus };
    } catch (err) {
      if (!isChannelError(err)) throw err;
    }
    return {
      itemId,
      status: "pending",
      skus: listing.variants.map((v) => ({
        sellerSku: v.sellerSku,
        price: v.salePrice ?? v.price,
        quantity: v.quantity,
      })),
    };
  }

  /**
   * One SKU per call, price and stock in separate calls (jdPrice = salePrice when given, else price). SKUs are found
   * by PriceStockUpdate.skuId, else by seller SKU (remembered, or looked up with searchSkuList). Throttling and auth
   * errors are thrown: they stop the whole channel.
   */
  async updatePriceStock(updates: PriceStockUpdate[], ctx: CallContext = {}): Promise<ItemOutcome[]> {
    const outcomes: ItemOutcome[] = [];
    for (const u of updates) {
      const problem = priceStockProblem(u);
      if (problem) {
        outcomes.push(failedItem(u.sellerSku, "permanent", "VALIDATION_FAILED", problem));
        continue;
      }
      const cached = !u.skuId && this.skuRefs.has(u.sellerSku);
      try {
        const skuId = u.skuId ?? (await this.skuIdFor(u.sellerSku, ctx.signal));
        if (!skuId) {
          outcomes.push(failedItem(u.sellerSku, "permanent", "SKU_NOT_FOUND", `No JD SKU has outerId ${u.sellerSku}`));
          continue;
        }
        const jdPrice = u.salePrice ?? u.price;
        if (jdPrice !== undefined) {
          await this.client.call(M.price, { skuId: Number(skuId), jdPrice: yuan(jdPrice) }, { signal: ctx.signal });
        }
        if (u.quantity !== undefined) {
          await this.client.call(M.stock, { skuId: Number(skuId), stockNum: u.quantity }, { signal: ctx.signal });
        }
        outcomes.push({ sellerSku: u.sellerSku, ok: true });
      } catch (err) {
        rethrowChannelStop(err);
        if (cached && err.errorClass === "permanent") this.skuRefs.delete(u.sellerSku);
        outcomes.push(errorOutcome(u.sellerSku, err));
      }
    }
    return outcomes;
  }

  /**
   * JD takes wares off sale as a whole (`upOrDown`, opType 2 -> wareStatus 2): every ware holding one of these seller
   * SKUs is delisted once, and each SKU reports its ware's outcome.
   */
  async delist(sellerSkus: string[], ctx: CallContext = {}): Promise<ItemOutcome[]> {
    const outcomes = new Map<string, ItemOutcome>();
    const byWare = new Map<string, string[]>();
    for (const sellerSku of sellerSkus) {
      try {
        const wareId = this.skuRefs.get(sellerSku)?.wareId ?? (await this.wareIdFor(sellerSku, ctx.signal));
        if (!wareId) {
          outcomes.set(sellerSku, failedItem(sellerSku, "permanent", "SKU_NOT_FOUND", `No JD ware holds ${sellerSku}`));
          continue;
        }
        byWare.set(wareId, [...(byWare.get(wareId) ?? []), sellerSku]);
      } catch (err) {
        rethrowChannelStop(err);
        outcomes.set(sellerSku, errorOutcome(sellerSku, err));
      }
    }
    for (const [wareId, skus] of byWare) {
      try {
        await this.client.call(
          M.upOrDown,
          { wareId: Number(wareId), opType: 2, note: "Delisted by the exporter (Tijarat)" },
          { signal: ctx.signal },
        );
        for (const sku of skus) outcomes.set(sku, { sellerSku: sku, ok: true });
      } catch (err) {
        rethrowChannelStop(err);
        for (const sku of skus) outcomes.set(sku, errorOutcome(sku, err));
      }
    }
    return sellerSkus.map((s) => outcomes.get(s) ?? failedItem(s, "transient", "NO_RESULT", "no result"));
  }

  /**
   * searchWare4Valid ordered by modified time. JD serves pages 1..maxPages only; when a window holds more, the next
   * window starts at the modified second of the last ware read (wares read twice are skipped), so any number of
   * wares is reached unless more than maxPages x pageSize share one second.
   */
  async *listRemote(opts: ListRemoteOptions = {}): AsyncGenerator<RemoteListing> {
    const pageSize = Math.max(1, Math.min(opts.pageSize ?? this.capabilities.maxPageSize, JD_LIMITS.maxPageSize));
    const maxPages = Math.max(1, this.opts.maxPages ?? JD_LIMITS.maxPages);
    const end = opts.updatedBefore ? formatBeijingTime(opts.updatedBefore.getTime()) : undefined;
    let start = opts.updatedAfter ? floorSecond(opts.updatedAfter.getTime()) : undefined;
    const seen = new Set<string>();
    for (;;) {
      let read = 0;
      let total = 0;
      let lastModified: number | undefined;
      for (let pageNo = 1; pageNo <= maxPages; pageNo++) {
        const params: Record<string, unknown> = { pageNo, pageSize, orderField: "modified", orderType: "asc" };
        if (start !== undefined) params.startModifiedTime = formatBeijingTime(start);
        if (end) params.endModifiedTime = end;
        const page = parseJdPage(
          await this.read(() => this.client.call(M.searchWares, params, { signal: opts.signal }), opts.signal),
        );
        total = page.totalItem;
        if (page.data.length === 0) break; // end of the window, or JD's page cap
        opts.onPage?.({ items: page.data.length });
        const fresh = page.data.filter((w) => !seen.has(String(w.wareId ?? "")));
        const skus = await this.skusOf(
          fresh.map((w) => String(w.wareId ?? "")),
          opts.signal,
        );
        for (const ware of page.data) {
          lastModified = jdTime(ware.modified) ?? lastModified;
          const id = String(ware.wareId ?? "");
          if (seen.has(id)) continue;
          seen.add(id);
          yield parseJdWare(ware, skus.get(id) ?? []);
        }
        read += page.data.length;
        if (read >= total) return;
      }
      if (read === 0) return;
      const next = lastModified === undefined ? undefined : floorSecond(lastModified);
      if (next === undefined || (start !== undefined && next <= start)) {
        throw new PermanentError(
          `More than ${read} JD wares share the modified second ${formatBeijingTime(start ?? 0)}; ` +
            "searchWare4Valid cannot page past its page cap there",
          "PAGE_CAP",
          JD_CHANNEL,
        );
      }
      start = next;
    }
  }

  refreshToken(ctx: CallContext = {}): Promise<TokenPair> {
    return this.tokens.refresh(ctx);
  }

  /** `fresh` skips the remembered ids (a lookup must not trust a ware that may since have gone). */
  private async wareIdFor(key: string, signal: AbortSignal | undefined, fresh = false): Promise<string | undefined> {
    const skuId = await this.skuIdFor(key, signal, fresh);
    if (skuId) return this.skuRefs.get(key)?.wareId;
    const res = await this.read(
      () => this.client.call(M.searchWares, { itemNum: key, pageNo: 1, pageSize: 20 }, { signal }),
      signal,
    );
    const ware = parseJdPage(res).data.find((w) => String(w.outerId ?? "") === key || String(w.itemNum ?? "") === key);
    return ware ? String(ware.wareId) : undefined;
  }

  private async skuIdFor(
    sellerSku: string,
    signal: AbortSignal | undefined,
    fresh = false,
  ): Promise<string | undefined> {
    const known = fresh ? undefined : this.skuRefs.get(sellerSku);
    if (known) return known.skuId;
    const res = await this.read(
      () => this.client.call(M.searchSkus, { outId: sellerSku, pageNo: 1, page_size: 20 }, { signal }),
      signal,
    );
    const hit = parseJdPage(res).data.find((s) => String(s.outerId ?? "") === sellerSku);
    if (!hit || hit.skuId === undefined || hit.wareId === undefined) {
      this.skuRefs.delete(sellerSku);
      return undefined;
    }
    const ref = { skuId: String(hit.skuId), wareId: String(hit.wareId) };
    this.skuRefs.set(sellerSku, ref);
    return ref.skuId;
  }

  private async loadListing(wareId: string, signal: AbortSignal | undefined): Promise<RemoteListing | null> {
    const res = await this.read(() => this.client.call(M.findWare, { wareId: Number(wareId) }, { signal }), signal);
    const ware = asObject(res.ware);
    if (!ware) return null;
    const skus = (await this.skusOf([wareId], signal)).get(wareId) ?? [];
    const reason = REASON_STATUSES.has(Number(ware.wareStatus)) ? await this.reasonFor(wareId, signal) : undefined;
    return parseJdWare(ware, skus, reason);
  }

  /** SKUs of up to 20 wares per searchSkuList call, paged; also refreshes the seller SKU -> skuId memory. */
  private async skusOf(wareIds: string[], signal: AbortSignal | undefined) {
    const out = new Map<string, Record<string, unknown>[]>();
    for (const group of chunk(
      wareIds.filter((id) => id !== ""),
      JD_LIMITS.maxWareIdsPerSearch,
    )) {
      let collected = 0;
      for (let pageNo = 1; ; pageNo++) {
        const params = { wareId: group.join(","), pageNo, page_size: JD_LIMITS.maxSkuPageSize };
        const page = parseJdPage(await this.read(() => this.client.call(M.searchSkus, params, { signal }), signal));
        for (const sku of page.data) {
          const wareId = String(sku.wareId ?? "");
          out.set(wareId, [...(out.get(wareId) ?? []), sku]);
          if (sku.outerId !== undefined && sku.skuId !== undefined) {
            this.skuRefs.set(String(sku.outerId), { skuId: String(sku.skuId), wareId });
          }
        }
        collected += page.data.length;
        if (page.data.length === 0 || collected >= page.totalItem) break;
      }
    }
    return out;
  }

  /** The system's reason for taking a ware down; a failed lookup only loses the reason. */
  private async reasonFor(wareId: string, signal: AbortSignal | undefined): Promise<string | undefined> {
    try {
      const res = await this.read(() => this.client.call(M.opReason, { wareId: Number(wareId) }, { signal }), signal);
      return findReasonText(res);
    } catch (err) {
      rethrowChannelStop(err);
      return undefined;
    }
  }

  /**
   * A JD-id attribute value holding "," is a multiple-choice list or a text with a comma, and only the category's
   * attributes tell which: they are read once when not known yet. A category JD refuses is left for the write to
   * report; any other failure stops the write, so a glitch never sends a list as one value.
   */
  private async learnCategory(listing: CanonicalListing, signal: AbortSignal | undefined): Promise<void> {
    if (this.categoryAttrs.has(listing.categoryId)) return;
    const ambiguous = Object.entries(listing.attributes).some(
      ([key, value]) => /^\d+$/.test(key) && value.includes(","),
    );
    if (!ambiguous) return;
    try {
      await this.taxonomy.categoryAttributes(listing.categoryId, signal ? { signal } : {});
    } catch (err) {
      if (!isChannelError(err) || err.errorClass !== "permanent") throw err;
    }
  }

  private mappingFor(listing: CanonicalListing): JdMappingOptions {
    const attributes = this.categoryAttrs.get(listing.categoryId);
    return attributes ? { ...this.mapping, attributes } : this.mapping;
  }

  private read(call: () => Promise<JdResult>, signal: AbortSignal | undefined): Promise<JdResult> {
    return retryRead(call, this.opts.readRetry, signal);
  }

  private assertValid(listing: CanonicalListing): void {
    throwIfInvalid(this.validate(listing), "JD", JD_CHANNEL);
  }
}

function floorSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function priceStockProblem(u: PriceStockUpdate): string | undefined {
  if (!u.sellerSku && !u.skuId) return "A seller SKU or a JD skuId is required";
  if (u.price === undefined && u.salePrice === undefined && u.quantity === undefined) return "Nothing to update";
  if (u.quantity !== undefined && (!Number.isInteger(u.quantity) || u.quantity < 0)) {
    return `Quantity must be a whole number >= 0, got ${u.quantity}`;
  }
  for (const [name, value] of [
    ["Price", u.price],
    ["Sale price", u.salePrice],
  ] as const) {
    if (value !== undefined && (!PLAIN_DECIMAL.test(value) || Number(value) <= 0)) {
      return `${name} must be yuan > 0 with at most 2 decimals, got "${value}"`;
    }
  }
  return undefined;
}
