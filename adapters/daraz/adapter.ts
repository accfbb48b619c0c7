import { chunk } from "../core/chunk.js";
import { clientOptionsFrom } from "../core/clientOptions.js";
import { type ChannelError, isChannelError } from "../core/errors.js";
import { failedItem, pendingResult, rethrowChannelStop } from "../core/outcomes.js";
import { retryRead } from "../core/retry.js";
import { TokenRefresher } from "../core/tokenRefresher.js";
import type {
  AdapterOptions,
  CallContext,
  CanonicalListing,
  ChannelAdapter,
  ChannelCapabilities,
  ChannelMediaStore,
  ChannelTaxonomy,
  ItemOutcome,
  ListRemoteOptions,
  PriceStockUpdate,
  PushResult,
  RemoteListing,
  TokenPair,
  ValidationIssue,
} from "../core/types.js";
import { PLAIN_DECIMAL, throwIfInvalid } from "../core/validation.js";
import { tokenPairFrom } from "./auth.js";
import { DARAZ_CAPABILITIES, DARAZ_CHANNEL, DARAZ_LIMITS } from "./capabilities.js";
import { DarazClient, type DarazOk } from "./client.js";
import { type DarazMediaOptions, DarazMediaStore } from "./media.js";
import { buildPriceQuantityPayload, buildProductPayload } from "./payload.js";
import { asRecord, parseDarazProduct, parseProductsPage } from "./remote.js";
import { validateDarazListing } from "./rules.js";
import { DarazTaxonomy } from "./taxonomy.js";

export interface DarazAdapterOptions extends AdapterOptions {
  /** OAuth gateway for /auth/token/*, when it differs from baseUrl. */
  authBaseUrl?: string;
  /** Enforce marketplace-hosted images in validate() (off when unset). */
  imageHostAllowlist?: string[];
  /** Poll interval and bounded wait of image migration batches. */
  media?: DarazMediaOptions;
}

export class DarazAdapter implements ChannelAdapter {
  readonly channel = DARAZ_CHANNEL;
  readonly capabilities: ChannelCapabilities = DARAZ_CAPABILITIES;
  readonly taxonomy: ChannelTaxonomy;
  readonly media: ChannelMediaStore;
  private readonly client: DarazClient;
  private readonly tokens: TokenRefresher;

  constructor(private readonly opts: DarazAdapterOptions) {
    this.client = new DarazClient(clientOptionsFrom(opts));
    this.tokens = new TokenRefresher(DARAZ_CHANNEL, opts, this.client, async (refreshToken, ctx) => {
      const res = await this.client.post(
        "/auth/token/refresh",
        { refresh_token: refreshToken },
        { signal: ctx.signal, auth: false },
      );
      return tokenPairFrom(res, opts.now?.() ?? Date.now());
    });
    const read = <T>(call: () => Promise<T>, signal: AbortSignal | undefined) => this.read(call, signal);
    this.taxonomy = new DarazTaxonomy(this.client, read);
    this.media = new DarazMediaStore(this.client, read, opts.media);
  }

  validate(listing: CanonicalListing): ValidationIssue[] {
    return validateDarazListing(
      listing,
      this.opts.imageHostAllowlist ? { imageHosts: this.opts.imageHostAllowlist } : {},
    );
  }

  async findBySellerSku(sellerSku: string, ctx: CallContext = {}): Promise<RemoteListing | null> {
    const res = await this.read(
      () =>
        this.client.get(
          "/products/get",
          { filter: "all", sku_seller_list: JSON.stringify([sellerSku]), offset: 0, limit: 10 },
          { signal: ctx.signal },
        ),
      ctx.signal,
    );
    const match = parseProductsPage(res.data).products.find((p) =>
      (Array.isArray(p.skus) ? p.skus : []).some((s) => asRecord(s).SellerSku === sellerSku),
    );
    return match ? parseDarazProduct(match) : null;
  }

  async create(listing: CanonicalListing, ctx: CallContext = {}): Promise<PushResult> {
    this.assertValid(listing);
    const res = await this.client.post(
      "/product/create",
      { payload: JSON.stringify(buildProductPayload(listing)) },
      { signal: ctx.signal },
    );
    const data = asRecord(res.data);
    const skuList = Array.isArray(data.sku_list) ? data.sku_list.map(asRecord) : [];
    const skuIds = new Map(skuList.map((s) => [String(s.seller_sku ?? ""), String(s.sku_id ?? "")]));
    return {
      itemId: String(data.item_id ?? ""),
      status: "pending",
      skus: listing.variants.map((v) => {
        const skuId = skuIds.get(v.sellerSku);
        return { sellerSku: v.sellerSku, price: v.price, quantity: v.quantity, ...(skuId ? { skuId } : {}) };
      }),
    };
  }

  async update(listing: CanonicalListing, itemId: string, ctx: CallContext = {}): Promise<PushResult> {
    this.assertValid(listing);
    await this.client.post(
      "/product/update",
      { payload: JSON.stringify(buildProductPayload(listing, itemId)) },
      { signal: ctx.signal },
    );
    // The update itself answers only code "0"; read the product back for its status (content edits may send it to
    // QC again). The write already succeeded, so a failed read-back must not fail the update.
    try {
      const res = await this.client.get("/product/item/get", { item_id: itemId }, { signal: ctx.signal });
      const remote = parseDarazProduct(asRecord(res.data));
      return { itemId, status: remote.status, skus: remote.skus };
    } catch (err) {
      if (!isChannelError(err)) throw err;
      return pendingResult(listing, itemId);
    }
  }

  /** Chunks of at most 50 SKUs per call. Throttling and auth errors are thrown (they stop the whole channel). */
  async updatePriceStock(updates: PriceStockUpdate[], ctx: CallContext = {}): Promise<ItemOutcome[]> {
    const outcomes = new Map<PriceStockUpdate, ItemOutcome>();
    const sendable: PriceStockUpdate[] = [];
    for (const update of updates) {
      const problem = priceStockProblem(update);
      if (problem) outcomes.set(update, failedItem(update.sellerSku, "permanent", "VALIDATION_FAILED", problem));
      else sendable.push(update);
    }
    for (const group of chunk(sendable, DARAZ_LIMITS.maxSkusPerPriceCall)) {
      const payload = JSON.stringify(buildPriceQuantityPayload(group));
      const results = await this.batch(
        group.map((u) => u.sellerSku),
        () => this.client.post("/product/price_quantity/update", { payload }, { signal: ctx.signal }),
      );
      group.forEach((u, i) => {
        outcomes.set(u, results[i] ?? failedItem(u.sellerSku, "transient", "NO_RESULT", "no result"));
      });
    }
    return updates.map((u) => outcomes.get(u) ?? failedItem(u.sellerSku, "transient", "NO_RESULT", "no result"));
  }

  /** Deactivates SKUs (the listing stays on Daraz, hidden), at most 50 seller SKUs per call. */
  async delist(sellerSkus: string[], ctx: CallContext = {}): Promise<ItemOutcome[]> {
    const outcomes: ItemOutcome[] = [];
    for (const group of chunk(sellerSkus, DARAZ_LIMITS.maxSkusPerDeactivate)) {
      outcomes.push(
        ...(await this.batch(group, () =>
          this.client.post("/product/deactivate", { seller_sku_list: JSON.stringify(group) }, { signal: ctx.signal }),
        )),
      );
    }
    return outcomes;
  }

  async *listRemote(opts: ListRemoteOptions = {}): AsyncGenerator<RemoteListing> {
    const limit = Math.max(1, Math.min(opts.pageSize ?? this.capabilities.maxPageSize, this.capabilities.maxPageSize));
    let offset = 0;
    for (;;) {
      const params = {
        filter: "all",
        offset,
        limit,
        update_after: opts.updatedAfter ? isoSeconds(opts.updatedAfter) : undefined,
        update_before: opts.updatedBefore ? isoSeconds(opts.updatedBefore) : undefined,
      };
      const res = await this.read(() => this.client.get("/products/get", params, { signal: opts.signal }), opts.signal);
      const page = parseProductsPage(res.data);
      opts.onPage?.({ items: page.products.length });
      for (const product of page.products) yield parseDarazProduct(product);
      offset += page.products.length;
      if (page.products.length === 0 || offset >= page.total) return;
    }
  }

  refreshToken(ctx: CallContext = {}): Promise<TokenPair> {
    return this.tokens.refresh(ctx);
  }

  private read<T>(call: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    return retryRead(call, this.opts.readRetry, signal);
  }

  private assertValid(listing: CanonicalListing): void {
    throwIfInvalid(this.validate(listing), "Daraz", DARAZ_CHANNEL);
  }

  /**
   * One batch call -> one outcome per SKU. Daraz names failing SKUs in `detail`; the SKUs it does not name were not
   * applied either (the call is all-or-nothing), so they come back transient and the engine sends them again.
   */
  private async batch(sellerSkus: string[], call: () => Promise<DarazOk>): Promise<ItemOutcome[]> {
    try {
      await call();
      return sellerSkus.map((sellerSku) => ({ sellerSku, ok: true }));
    } catch (err) {
      rethrowChannelStop(err);
      return sellerSkus.map((sku) => batchOutcome(sku, err));
    }
  }
}

function batchOutcome(sellerSku: string, err: ChannelError): ItemOutcome {
  const errorClass = err.errorClass === "permanent" ? "permanent" : "transient";
  const named = err.details?.filter((d) => d.sellerSku);
  if (!named || named.length === 0) return failedItem(sellerSku, errorClass, err.code, err.message);
  const mine = named.find((d) => d.sellerSku === sellerSku);
  if (mine) return failedItem(sellerSku, errorClass, mine.code ?? err.code, mine.message);
  return failedItem(
    sellerSku,
    "transient",
    "BATCH_REJECTED",
    `Not applied: another SKU in the same call failed (${err.message})`,
  );
}

function priceStockProblem(u: PriceStockUpdate): string | undefined {
  if (!u.sellerSku && !u.skuId) return "A seller SKU or SkuId is required";
  if (u.price === undefined && u.salePrice === undefined && u.quantity === undefined) return "Nothing to update";
  if (u.quantity !== undefined && (!Number.isInteger(u.quantity) || u.quantity < 0)) {
    return `Quantity must be a whole number >= 0, got ${u.quantity}`;
  }
  if (u.price !== undefined && (!PLAIN_DECIMAL.test(u.price) || Number(u.price) <= 0))
    return `Price must be > 0, got "${u.price}"`;
  if (u.salePrice !== undefined && (!PLAIN_DECIMAL.test(u.salePrice) || Number(u.salePrice) <= 0)) {
    return `Sale price must be > 0, got "${u.salePrice}"`;
  }
  return undefined;
}

/** ISO-8601 without milliseconds, as the Daraz filters expect (2026-01-31T10:00:00+00:00). */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}
