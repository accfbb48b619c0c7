import { chunk } from "../core/chunk.js";
import { clientOptionsFrom } from "../core/clientOptions.js";
import { isChannelError, TransientError } from "../core/errors.js";
import { errorOutcome, failedItem, pendingResult, rethrowChannelStop } from "../core/outcomes.js";
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
  RemoteStatus,
  TokenPair,
  ValidationIssue,
} from "../core/types.js";
import { throwIfInvalid } from "../core/validation.js";
import { tokenPairFrom } from "./auth.js";
import {
  ALIBABA_CAPABILITIES,
  ALIBABA_CHANNEL,
  ALIBABA_IMAGE_RULES,
  ALIBABA_LIMITS,
  ALIBABA_PATHS,
} from "./capabilities.js";
import { AlibabaClient, type AlibabaOk } from "./client.js";
import { msgCodeClass } from "./errors.js";
import {
  type AttributeNames,
  buildProductInfo,
  buildSkuInventory,
  buildSkuPrices,
  type ProductInfoOptions,
  usesAttributeIds,
} from "./payload.js";
import { AlibabaPhotobank } from "./photobank.js";
import {
  asRecord,
  idString,
  parseListingStatus,
  parseListPage,
  parseProductInfo,
  productInfoOf,
  resultOf,
  searchResults,
} from "./remote.js";
import { alibabaPriceProblem, validateAlibabaListing } from "./rules.js";
import { AlibabaTaxonomy } from "./taxonomy.js";
import { attributeNamesOf } from "./taxonomyWire.js";
import { formatGmt } from "./time.js";

export interface AlibabaAdapterOptions extends AdapterOptions {
  /** OAuth gateway for /auth/token/*, when it differs from baseUrl. */
  authBaseUrl?: string;
  /** Enforce photobank-hosted images in validate() (off when unset). */
  imageHostAllowlist?: string[];
  /** Sales unit when the listing has no `unit` attribute. Default "Piece". */
  unit?: string;
  shippingTemplateId?: string;
  /** Items one list query serves before its pages run dry (about 5,000, unverified). listRemote walks past it. */
  listWindowCap?: number;
  /** Offset of the platform's 'yyyy-MM-dd HH:mm:ss' times from UTC, in minutes. Default 480 (UTC+8, unverified). */
  timeZoneOffsetMinutes?: number;
  /**
   * How a seller SKU (sku_code) is found: "search" (default) asks /alibaba/icbu/product/search/v2 by sku_code;
   * "scan" pages listRemote and matches sku_code (for apps without the search API).
   */
  skuLookup?: "search" | "scan";
  /** Shortest image side accepted (imageRules.minPixels). Default 350, a recommendation rather than a documented limit. */
  minImagePixels?: number;
  /** Photobank group uploads land in (group_id); the root group when unset. */
  photobankGroupId?: string;
  /** Category calls in flight at once while categoryTree walks the tree. Default 4. */
  taxonomyConcurrency?: number;
}

const NOT_FOUND_CODES = new Set(["B_PRODUCT_NOT_FOUND"]);

export class AlibabaAdapter implements ChannelAdapter {
  readonly channel = ALIBABA_CHANNEL;
  readonly capabilities: ChannelCapabilities;
  readonly taxonomy: ChannelTaxonomy;
  readonly media: ChannelMediaStore;
  private readonly client: AlibabaClient;
  private readonly attributeNames = new Map<string, { at: number; names: AttributeNames }>();
  private readonly offset: number;
  private readonly payloadOptions: ProductInfoOptions;
  private readonly tokens: TokenRefresher;

  constructor(private readonly opts: AlibabaAdapterOptions) {
    this.offset = opts.timeZoneOffsetMinutes ?? ALIBABA_LIMITS.timeZoneOffsetMinutes;
    this.payloadOptions = {
      ...(opts.unit ? { unit: opts.unit } : {}),
      ...(opts.shippingTemplateId ? { shippingTemplateId: opts.shippingTemplateId } : {}),
    };
    this.capabilities =
      opts.minImagePixels === undefined
        ? ALIBABA_CAPABILITIES
        : { ...ALIBABA_CAPABILITIES, imageRules: { ...ALIBABA_IMAGE_RULES, minPixels: opts.minImagePixels } };
    this.client = new AlibabaClient(clientOptionsFrom(opts));
    this.taxonomy = new AlibabaTaxonomy({
      client: this.client,
      read: (call, ctx) => this.read(call, ctx),
      concurrency: opts.taxonomyConcurrency ?? ALIBABA_LIMITS.taxonomyConcurrency,
    });
    this.media = new AlibabaPhotobank({
      client: this.client,
      ...(opts.photobankGroupId ? { groupId: opts.photobankGroupId } : {}),
    });
    this.tokens = new TokenRefresher(ALIBABA_CHANNEL, opts, this.client, async (refreshToken, ctx) => {
      const res = await this.client.post(
        ALIBABA_PATHS.tokenRefresh,
        { refresh_token: refreshToken },
        { signal: ctx.signal, auth: false },
      );
      return tokenPairFrom(res, opts.now?.() ?? Date.now());
    });
  }

  validate(listing: CanonicalListing): ValidationIssue[] {
    return validateAlibabaListing(
      listing,
      this.opts.imageHostAllowlist ? { imageHosts: this.opts.imageHostAllowlist } : {},
    );
  }

  async findBySellerSku(sellerSku: string, ctx: CallContext = {}): Promise<RemoteListing | null> {
    const found = await this.locate(sellerSku, ctx.signal);
    if (found?.status === "rejected" && !found.rejectReason) {
      // get/v2 says only "rejected"; the listing status call carries the reason (status_desc).
      try {
        const res = await this.client.get(ALIBABA_PATHS.status, { product_id: found.itemId }, { signal: ctx.signal });
        const reason = parseListingStatus(res).description;
        if (reason) found.rejectReason = reason;
      } catch (err) {
        if (!isChannelError(err)) throw err;
      }
    }
    return found;
  }

  /** listing/v2 answers the product id; the listing status (pending audit, online, draft, failed) is read after it. */
  async create(listing: CanonicalListing, ctx: CallContext = {}): Promise<PushResult> {
    this.assertValid(listing);
    const payloadOptions = await this.payloadOptionsFor(listing, ctx);
    const res = await this.client.post(
      ALIBABA_PATHS.listing,
      { product_info: JSON.stringify(buildProductInfo(listing, undefined, payloadOptions)) },
      { signal: ctx.signal },
    );
    const result = resultOf(res);
    const itemId = idString(result.data ?? result.product_id);
    if (!itemId) {
      throw new TransientError(
        "listing/v2 answered success without a product id (look the SKU up before creating again)",
        "NO_PRODUCT_ID",
        ALIBABA_CHANNEL,
      );
    }
    let status: RemoteStatus = "pending";
    try {
      const read = parseListingStatus(
        await this.client.get(ALIBABA_PATHS.status, { product_id: itemId }, { signal: ctx.signal }),
      );
      if (read.raw) status = read.status;
    } catch (err) {
      // The product exists; a failed status read must not fail the create. The engine checks the audit later.
      if (!isChannelError(err)) throw err;
    }
    return { ...pendingResult(listing, itemId), status };
  }

  async update(listing: CanonicalListing, itemId: string, ctx: CallContext = {}): Promise<PushResult> {
    this.assertValid(listing);
    const payloadOptions = await this.payloadOptionsFor(listing, ctx);
    await this.client.post(
      ALIBABA_PATHS.update,
      { product_info: JSON.stringify(buildProductInfo(listing, itemId, payloadOptions)) },
      { signal: ctx.signal },
    );
    // update/v2 answers no data: read the product back for its status and SKU ids. The write already succeeded, so a
    // failed read-back must not fail the update.
    try {
      const remote = await this.getProduct(itemId, ctx.signal, false);
      if (remote) return { itemId, status: remote.status, skus: remote.skus };
    } catch (err) {
      if (!isChannelError(err)) throw err;
    }
    return pendingResult(listing, itemId);
  }

  /**
   * One product per call: updates are grouped by product (found by seller SKU when itemId is missing), SKU ids are
   * read from the product when not given, then SKU prices go to edit-price and SKU stock to edit-inventory (never an
   * SPU value with them). Throttling and auth errors are thrown (they stop the whole channel).
   */
  async updatePriceStock(updates: PriceStockUpdate[], ctx: CallContext = {}): Promise<ItemOutcome[]> {
    const outcomes = new Map<number, ItemOutcome>();
    const cache = new Map<string, RemoteListing | null>();
    const groups = new Map<
      string,
      { remote?: RemoteListing; entries: Array<{ index: number; u: PriceStockUpdate }> }
    >();
    for (const [index, u] of updates.entries()) {
      const problem = priceStockProblem(u);
      if (problem) {
        outcomes.set(index, failedItem(u.sellerSku, "permanent", "VALIDATION_FAILED", problem));
        continue;
      }
      let itemId = u.itemId;
      let remote: RemoteListing | undefined;
      if (!itemId) {
        const found = await this.itemOutcomeOr(u.sellerSku, () => this.locateCached(u.sellerSku, cache, ctx.signal));
        if ("outcome" in found) {
          outcomes.set(index, found.outcome);
          continue;
        }
        if (!found.value) {
          outcomes.set(index, notFound(u.sellerSku));
          continue;
        }
        remote = found.value;
        itemId = remote.itemId;
      }
      const group = groups.get(itemId) ?? { entries: [] };
      if (remote) group.remote = remote;
      group.entries.push({ index, u });
      groups.set(itemId, group);
    }

    for (const [itemId, group] of groups) {
      let remote = group.remote;
      if (!remote && group.entries.some((e) => !e.u.skuId)) {
        const got = await this.itemOutcomeOr("", () => this.getProduct(itemId, ctx.signal, true));
        if ("outcome" in got || !got.value) {
          for (const { index, u } of group.entries) {
            outcomes.set(index, "outcome" in got ? { ...got.outcome, sellerSku: u.sellerSku } : notFound(u.sellerSku));
          }
          continue;
        }
        remote = got.value;
      }
      const prices = new Map<string, string>();
      const stock = new Map<string, number>();
      const sent: Array<{ index: number; u: PriceStockUpdate; skuId: string }> = [];
      for (const { index, u } of group.entries) {
        const skuId = u.skuId ?? remote?.skus.find((s) => s.sellerSku === u.sellerSku)?.skuId;
        if (!skuId) {
          outcomes.set(
            index,
            failedItem(
              u.sellerSku,
              "permanent",
              "SKU_NOT_FOUND",
              `Product ${itemId} has no SKU with sku_code ${u.sellerSku}`,
            ),
          );
          continue;
        }
        if (u.price !== undefined) prices.set(skuId, u.price);
        if (u.quantity !== undefined) stock.set(skuId, u.quantity);
        sent.push({ index, u, skuId });
      }
      const failed = new Map<number, ItemOutcome>();
      const apply = async (kind: "price" | "quantity", call: () => Promise<AlibabaOk>) => {
        const involved = sent.filter((s) => s.u[kind] !== undefined);
        if (involved.length === 0) return;
        try {
          await call();
        } catch (err) {
          rethrowChannelStop(err);
          for (const s of involved) if (!failed.has(s.index)) failed.set(s.index, errorOutcome(s.u.sellerSku, err));
        }
      };
      await apply("price", () =>
        this.client.post(
          ALIBABA_PATHS.editPrice,
          {
            product_id: itemId,
            sku_price: JSON.stringify(buildSkuPrices([...prices].map(([skuId, price]) => ({ skuId, price })))),
          },
          { signal: ctx.signal },
        ),
      );
      await apply("quantity", () =>
        this.client.post(
          ALIBABA_PATHS.editInventory,
          {
            product_id: itemId,
            sku_inventory: JSON.stringify(
              buildSkuInventory([...stock].map(([skuId, quantity]) => ({ skuId, quantity }))),
            ),
          },
          { signal: ctx.signal },
        ),
      );
      for (const s of sent) outcomes.set(s.index, failed.get(s.index) ?? { sellerSku: s.u.sellerSku, ok: true });
    }
    return updates.map(
      (u, i) => outcomes.get(i) ?? failedItem(u.sellerSku, "transient", "NO_RESULT", "No result for this update"),
    );
  }

  /**
   * Takes the products holding these seller SKUs offline (/alibaba/icbu/product/batch/update/status, action offline).
   * Alibaba.com works per product: every seller SKU of a product shares its product's outcome.
   */
  async delist(sellerSkus: string[], ctx: CallContext = {}): Promise<ItemOutcome[]> {
    const outcomes = new Map<number, ItemOutcome>();
    const cache = new Map<string, RemoteListing | null>();
    const byProduct = new Map<string, number[]>();
    for (const [index, sku] of sellerSkus.entries()) {
      const found = await this.itemOutcomeOr(sku, () => this.locateCached(sku, cache, ctx.signal));
      if ("outcome" in found) outcomes.set(index, found.outcome);
      else if (!found.value) outcomes.set(index, notFound(sku));
      else byProduct.set(found.value.itemId, [...(byProduct.get(found.value.itemId) ?? []), index]);
    }
    for (const ids of chunk([...byProduct.keys()], ALIBABA_LIMITS.maxBatchStatusIds)) {
      const itemErrors = new Map<string, ItemOutcome["error"]>();
      try {
        const res = await this.client.post(
          ALIBABA_PATHS.batchStatus,
          { product_id_list: JSON.stringify(ids.map(Number)), action: "offline" },
          { signal: ctx.signal, partial: true },
        );
        const result = resultOf(res);
        for (const raw of Array.isArray(result.errors) ? result.errors.map(asRecord) : []) {
          const code = String(raw.msg_code ?? "BATCH_ITEM_FAILED");
          itemErrors.set(idString(raw.product_id), {
            errorClass: msgCodeClass(code),
            code,
            message: String(raw.message ?? raw.msg_info ?? code),
          });
        }
      } catch (err) {
        rethrowChannelStop(err);
        for (const id of ids) itemErrors.set(id, errorOutcome("", err).error);
      }
      for (const id of ids) {
        const error = itemErrors.get(id);
        for (const index of byProduct.get(id) ?? []) {
          const sellerSku = sellerSkus[index] ?? "";
          outcomes.set(index, error ? { sellerSku, ok: false, error } : { sellerSku, ok: true });
        }
      }
    }
    return sellerSkus.map((sku, i) => outcomes.get(i) ?? failedItem(sku, "transient", "NO_RESULT", "No result"));
  }

  /**
   * Pages /alibaba/icbu/product/list (newest first) and reads each product (get/v2) for its SKUs. One query window
   * serves only so many items (about 5,000): when a window runs dry or reaches the cap before total_item, the window
   * is split at the oldest gmt_modified seen and the older part is queried next, until a window is read to its end.
   * Boundary seconds overlap between windows; products are yielded once.
   */
  async *listRemote(opts: ListRemoteOptions = {}): AsyncGenerator<RemoteListing> {
    const max = this.capabilities.maxPageSize;
    const pageSize = Math.max(1, Math.min(opts.pageSize ?? max, max));
    const cap = Math.max(pageSize, this.opts.listWindowCap ?? ALIBABA_LIMITS.listWindowCap);
    const from = opts.updatedAfter ? formatGmt(opts.updatedAfter.getTime(), this.offset) : undefined;
    const fromMs = opts.updatedAfter ? Math.floor(opts.updatedAfter.getTime() / 1000) * 1000 : undefined;
    let to = opts.updatedBefore ? Math.floor(opts.updatedBefore.getTime() / 1000) * 1000 : undefined;
    const seen = new Set<string>();
    for (;;) {
      let page = 1;
      let fetched = 0;
      let oldest: number | undefined;
      let complete = false;
      for (;;) {
        const params = {
          current_page: page,
          page_size: pageSize,
          gmt_modified_from: from,
          gmt_modified_to: to !== undefined ? formatGmt(to, this.offset) : undefined,
        };
        const res = await this.read(() => this.client.get(ALIBABA_PATHS.list, params, { signal: opts.signal }), opts);
        const { total, items } = parseListPage(res, this.offset);
        opts.onPage?.({ items: items.length });
        for (const item of items) {
          fetched += 1;
          if (item.modifiedMs !== undefined) oldest = Math.min(oldest ?? item.modifiedMs, item.modifiedMs);
          if (seen.has(item.productId)) continue;
          seen.add(item.productId);
          const remote = await this.getProduct(item.productId, opts.signal, true);
          if (remote) yield remote;
        }
        if (fetched >= total) {
          complete = true;
          break;
        }
        if (items.length === 0 || fetched >= cap) break;
        page += 1;
      }
      if (complete || oldest === undefined) return;
      // Everything not read yet was modified at or before the oldest item seen. When a whole window's worth shares one
      // second there is no finer filter: step past that second.
      let next = Math.floor(oldest / 1000) * 1000;
      if (to !== undefined && next >= to) next = to - 1000;
      if (fromMs !== undefined && next < fromMs) return;
      to = next;
    }
  }

  refreshToken(ctx: CallContext = {}): Promise<TokenPair> {
    return this.tokens.refresh(ctx);
  }

  /** The listing holding a sku_code (with SKU ids), or null. */
  private async locate(sellerSku: string, signal: AbortSignal | undefined): Promise<RemoteListing | null> {
    if (this.opts.skuLookup === "scan") {
      for await (const remote of this.listRemote(signal ? { signal } : {})) {
        if (remote.skus.some((s) => s.sellerSku === sellerSku)) return remote;
      }
      return null;
    }
    const pageSize = ALIBABA_LIMITS.maxSearchPageSize;
    for (let page = 1; page <= 5; page++) {
      const products = await this.read(
        () =>
          this.notFoundAsEmpty(async () =>
            searchResults(
              await this.client.get(
                ALIBABA_PATHS.search,
                { sku_code: sellerSku, page_index: page, page_size: pageSize },
                { signal },
              ),
            ),
          ),
        signal ? { signal } : {},
      );
      for (const info of products) {
        const remote = parseProductInfo(info, this.offset);
        if (remote.status !== "deleted" && remote.skus.some((s) => s.sellerSku === sellerSku)) return remote;
      }
      if (products.length < pageSize) return null;
    }
    return null;
  }

  private async locateCached(
    sellerSku: string,
    cache: Map<string, RemoteListing | null>,
    signal: AbortSignal | undefined,
  ): Promise<RemoteListing | null> {
    if (cache.has(sellerSku)) return cache.get(sellerSku) ?? null;
    const remote = await this.locate(sellerSku, signal);
    cache.set(sellerSku, remote);
    for (const sku of remote?.skus ?? []) cache.set(sku.sellerSku, remote);
    return remote;
  }

  /** get/v2 for one product; null when the channel no longer has it. `retry`: idempotent read, retried when transient. */
  private async getProduct(
    itemId: string,
    signal: AbortSignal | undefined,
    retry: boolean,
  ): Promise<RemoteListing | null> {
    const call = () =>
      this.notFoundAsEmpty(async () => {
        const info = productInfoOf(await this.client.get(ALIBABA_PATHS.get, { product_id: itemId }, { signal }));
        return info ? [parseProductInfo(info, this.offset)] : [];
      });
    const found = retry ? await this.read(call, signal ? { signal } : {}) : await call();
    return found[0] ?? null;
  }

  private async notFoundAsEmpty<T>(call: () => Promise<T[]>): Promise<T[]> {
    try {
      return await call();
    } catch (err) {
      if (isChannelError(err) && err.code !== undefined && NOT_FOUND_CODES.has(err.code)) return [];
      throw err;
    }
  }

  /** Runs a lookup for one item; a transient/permanent failure becomes that item's outcome, others are thrown. */
  private async itemOutcomeOr<T>(
    sellerSku: string,
    call: () => Promise<T>,
  ): Promise<{ value: T } | { outcome: ItemOutcome }> {
    try {
      return { value: await call() };
    } catch (err) {
      rethrowChannelStop(err);
      return { outcome: errorOutcome(sellerSku, err) };
    }
  }

  /**
   * Listings whose attributes are keyed by category attribute ids (mapped through the taxonomy) are sent with the
   * attribute and option names too, read from the category's attributes and kept for a few minutes.
   */
  private async payloadOptionsFor(listing: CanonicalListing, ctx: CallContext): Promise<ProductInfoOptions> {
    if (!usesAttributeIds(listing)) return this.payloadOptions;
    const now = this.opts.now?.() ?? Date.now();
    const cached = this.attributeNames.get(listing.categoryId);
    if (cached && now - cached.at < ALIBABA_LIMITS.attributeNamesTtlMs) {
      return { ...this.payloadOptions, attributeNames: cached.names };
    }
    const names = attributeNamesOf(await this.taxonomy.categoryAttributes(listing.categoryId, ctx));
    this.attributeNames.set(listing.categoryId, { at: now, names });
    return { ...this.payloadOptions, attributeNames: names };
  }

  private read<T>(call: () => Promise<T>, ctx: CallContext): Promise<T> {
    return retryRead(call, this.opts.readRetry, ctx.signal);
  }

  private assertValid(listing: CanonicalListing): void {
    throwIfInvalid(this.validate(listing), "Alibaba.com", ALIBABA_CHANNEL);
  }
}

function notFound(sellerSku: string): ItemOutcome {
  return failedItem(
    sellerSku,
    "permanent",
    "B_PRODUCT_NOT_FOUND",
    `No Alibaba.com product holds sku_code ${sellerSku}`,
  );
}

function priceStockProblem(u: PriceStockUpdate): string | undefined {
  if (!u.sellerSku && !u.skuId) return "A seller SKU or SKU id is required";
  if (!u.sellerSku && !u.itemId)
    return "A SKU id needs its product id (itemId): Alibaba.com edits one product per call";
  if (u.price === undefined && u.quantity === undefined) {
    return u.salePrice !== undefined ? "Alibaba.com has no sale price; nothing else to update" : "Nothing to update";
  }
  if (u.quantity !== undefined && (!Number.isInteger(u.quantity) || u.quantity < 0)) {
    return `Quantity must be a whole number >= 0, got ${u.quantity}`;
  }
  return u.price !== undefined ? alibabaPriceProblem(u.price) : undefined;
}
