import { PermanentError } from "../core/errors.js";
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
} from "../core/types.js";
import { throwIfInvalid } from "../core/validation.js";
import { FEED_CHANNEL, feedCapabilities } from "./capabilities.js";
import { feedDirFrom } from "./location.js";
import { type FeedProduct, type FeedState, linkFor, productFrom, remoteListing } from "./model.js";
import { priceStockProblem, validateFeedListing } from "./rules.js";
import { FeedStore } from "./store.js";

export interface FeedAdapterOptions extends AdapterOptions {
  /** Where feed-state.json, feed.csv, feed.xml and feed-status.json live; default baseUrl as a path / file: URL. */
  feedDir?: string;
  /** Product page URL for items without attributes.link, e.g. "https://shop.example.pk/p/{sellerSku}". */
  linkTemplate?: string;
  /** Currency and locale of this feed (default PKR, en: a domestic Pakistani marketplace). */
  currency?: string;
  locale?: string;
  /** RSS channel title / link / description. */
  feedTitle?: string;
  siteUrl?: string;
  /** UTF-8 BOM in feed.csv (default false). */
  csvBom?: boolean;
}

/**
 * A product feed for marketplaces without an API (Bokataa and the like): create/update/updatePriceStock/delist change
 * the item store and rewrite feed.csv + feed.xml (serve them with startFeedServer). listRemote reads the store back,
 * with what the consumer reported in feed-status.json (published / rejected / its own edits) laid over it.
 */
export class FeedAdapter implements ChannelAdapter {
  readonly channel = FEED_CHANNEL;
  readonly capabilities: ChannelCapabilities;
  readonly store: FeedStore;

  constructor(private readonly opts: FeedAdapterOptions) {
    this.capabilities = feedCapabilities(opts.currency, opts.locale);
    const dir = feedDirFrom(opts.baseUrl, FEED_CHANNEL, opts.feedDir);
    this.store = new FeedStore({
      dir,
      meta: {
        title: opts.feedTitle ?? "Tijarat product feed",
        link: opts.siteUrl ?? "https://tijarat.dev",
        description: "Products exported by Tijarat",
      },
      ...(opts.csvBom !== undefined ? { csvBom: opts.csvBom } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    });
  }

  validate(listing: CanonicalListing): ValidationIssue[] {
    return validateFeedListing(listing, {
      currency: this.capabilities.currency,
      ...(this.opts.linkTemplate ? { linkTemplate: this.opts.linkTemplate } : {}),
    });
  }

  async findBySellerSku(sellerSku: string): Promise<RemoteListing | null> {
    const { state, report } = await this.store.read();
    const product = findProduct(state, sellerSku);
    return product ? remoteListing(product, report) : null;
  }

  async create(listing: CanonicalListing): Promise<PushResult> {
    this.assertValid(listing);
    await this.store.mutate((state, revision, at) => {
      const existing = state.products[listing.sellerSku];
      if (existing?.variants.some((v) => !v.delisted)) {
        throw new PermanentError(
          `${listing.sellerSku} is already in the feed (update it instead)`,
          "DUPLICATE_ITEM",
          FEED_CHANNEL,
        );
      }
      assertSkusFree(state, listing);
      const product = productFrom(listing, this.link(listing), revision, at);
      state.products[listing.sellerSku] = product;
    });
    return this.pushResult(listing.sellerSku);
  }

  async update(listing: CanonicalListing, itemId: string): Promise<PushResult> {
    this.assertValid(listing);
    const key = await this.store.mutate((state, revision, at) => {
      const previous = state.products[itemId] ?? state.products[listing.sellerSku];
      if (!previous) throw new PermanentError(`${itemId} is not in the feed`, "NOT_FOUND", FEED_CHANNEL);
      assertSkusFree(state, listing, previous);
      delete state.products[previous.sellerSku];
      state.products[listing.sellerSku] = productFrom(listing, this.link(listing), revision, at, previous);
      return listing.sellerSku;
    });
    return this.pushResult(key);
  }

  /** All updates in one rewrite; a bad or unknown SKU fails alone. */
  async updatePriceStock(updates: PriceStockUpdate[]): Promise<ItemOutcome[]> {
    return this.store.mutate((state, revision, at) =>
      updates.map((u): ItemOutcome => {
        const problem = priceStockProblem(u);
        if (problem) return fail(u.sellerSku, "VALIDATION_FAILED", problem);
        const found = findVariant(state, u.sellerSku);
        if (!found) return fail(u.sellerSku, "SKU_NOT_FOUND", `${u.sellerSku} is not in the feed`);
        const { product, variant } = found;
        if (u.price !== undefined) variant.price = u.price;
        if (u.salePrice !== undefined) variant.salePrice = u.salePrice;
        if (variant.salePrice !== undefined && Number(variant.salePrice) >= Number(variant.price)) {
          delete variant.salePrice;
        }
        if (u.quantity !== undefined) variant.quantity = u.quantity;
        variant.revision = revision;
        product.updatedAt = at;
        return { sellerSku: u.sellerSku, ok: true };
      }),
    );
  }

  /** Takes SKUs out of the feed files (consumers drop items that leave the feed); the store keeps them. */
  async delist(sellerSkus: string[]): Promise<ItemOutcome[]> {
    return this.store.mutate((state, revision, at) =>
      sellerSkus.map((sku): ItemOutcome => {
        const found = findVariant(state, sku);
        const variants = found ? [found.variant] : (state.products[sku]?.variants ?? []);
        const product = found?.product ?? state.products[sku];
        if (!product || variants.length === 0) return fail(sku, "SKU_NOT_FOUND", `${sku} is not in the feed`);
        for (const v of variants) {
          v.delisted = true;
          v.revision = revision;
        }
        product.updatedAt = at;
        return { sellerSku: sku, ok: true };
      }),
    );
  }

  async *listRemote(opts: ListRemoteOptions = {}): AsyncGenerator<RemoteListing> {
    const { state, report } = await this.store.read();
    const products = Object.values(state.products).sort((a, b) => (a.sellerSku < b.sellerSku ? -1 : 1));
    // The whole store is one read: one page.
    opts.onPage?.({ items: products.length });
    for (const product of products) {
      const updated = Date.parse(product.updatedAt);
      if (opts.updatedAfter && updated <= opts.updatedAfter.getTime()) continue;
      if (opts.updatedBefore && updated >= opts.updatedBefore.getTime()) continue;
      yield remoteListing(product, report);
    }
  }

  /** A feed holds no tokens: nothing expires, so this only echoes the configured token. */
  async refreshToken(): Promise<TokenPair> {
    return { accessToken: this.opts.credentials.accessToken ?? "" };
  }

  /**
   * The operator's (or a consumer's) word on items now in the feed, by variant or product seller SKU: e.g. "live"
   * once Bokataa shows them, "rejected" with the reason it gave.
   */
  async confirm(sellerSku: string, word: { status: RemoteStatus; reason?: string }): Promise<void> {
    const { state } = await this.store.read();
    const found = findVariant(state, sellerSku);
    const product = found?.product ?? state.products[sellerSku];
    if (!product) throw new PermanentError(`${sellerSku} is not in the feed`, "NOT_FOUND", FEED_CHANNEL);
    const variants = found ? [found.variant] : product.variants;
    const at = new Date(this.opts.now?.() ?? Date.now()).toISOString();
    await this.store.report(
      Object.fromEntries(
        variants.map((v) => [
          v.sellerSku,
          {
            status: word.status,
            statusRevision: product.contentRevision,
            at,
            ...(word.reason ? { reason: word.reason } : {}),
          },
        ]),
      ),
    );
  }

  private async pushResult(key: string): Promise<PushResult> {
    const { state, report } = await this.store.read();
    const product = state.products[key];
    if (!product) throw new PermanentError(`${key} vanished from the feed store`, "NOT_FOUND", FEED_CHANNEL);
    const remote = remoteListing(product, report);
    return { itemId: remote.itemId, status: remote.status, skus: remote.skus };
  }

  private link(listing: CanonicalListing): string {
    return linkFor(listing, this.opts.linkTemplate);
  }

  private assertValid(listing: CanonicalListing): void {
    throwIfInvalid(this.validate(listing), "feed", FEED_CHANNEL);
  }
}

function findProduct(state: FeedState, sellerSku: string): FeedProduct | undefined {
  return state.products[sellerSku] ?? findVariant(state, sellerSku)?.product;
}

function findVariant(state: FeedState, sellerSku: string) {
  for (const product of Object.values(state.products)) {
    const variant = product.variants.find((v) => v.sellerSku === sellerSku);
    if (variant) return { product, variant };
  }
  return undefined;
}

/** A variant seller SKU is a feed item id: it may belong to one product only. */
function assertSkusFree(state: FeedState, listing: CanonicalListing, self?: FeedProduct): void {
  for (const v of listing.variants) {
    const owner = findVariant(state, v.sellerSku)?.product;
    if (owner && owner !== self && owner.sellerSku !== listing.sellerSku) {
      throw new PermanentError(
        `SKU ${v.sellerSku} already belongs to ${owner.sellerSku} in the feed`,
        "DUPLICATE_ITEM",
        FEED_CHANNEL,
      );
    }
  }
}

function fail(sellerSku: string, code: string, message: string): ItemOutcome {
  return { sellerSku, ok: false, error: { errorClass: "permanent", code, message } };
}
