/**
 * A minimal channel adapter, the starting point for a new channel (see docs/adapters.md). It keeps listings in memory,
 * so it needs no server; a real adapter sends the same operations to the channel's API. It is not registered by
 * adapters/index.ts: importing this module registers it under "example".
 */
import { PermanentError } from "../core/errors.js";
import { registerAdapter } from "../core/registry.js";
import type {
  AdapterOptions,
  CanonicalListing,
  ChannelAdapter,
  ChannelCapabilities,
  ItemOutcome,
  PriceStockUpdate,
  PushResult,
  RemoteListing,
  TokenPair,
  ValidationIssue,
} from "../core/types.js";

const capabilities: ChannelCapabilities = {
  maxPriceStockBatch: 100,
  combinedPriceStock: true,
  reviewsNewListings: false,
  maxImages: 10,
  maxTitleLength: 150,
  currency: "PKR",
  locale: "en",
  maxPageSize: 100,
};

/** The "channel": listings by item id, shared per base URL so tests can look inside. */
export const exampleStores = new Map<string, Map<string, RemoteListing>>();

export function createExampleAdapter(opts: AdapterOptions): ChannelAdapter {
  const store = exampleStores.get(opts.baseUrl) ?? new Map<string, RemoteListing>();
  exampleStores.set(opts.baseUrl, store);
  let nextId = store.size + 1;

  const toRemote = (listing: CanonicalListing, itemId: string): RemoteListing => ({
    itemId,
    sellerSku: listing.variants[0]?.sellerSku ?? listing.sellerSku,
    title: listing.title,
    status: "live",
    imageCount: listing.images.length,
    skus: listing.variants.map((v) => ({
      sellerSku: v.sellerSku,
      skuId: `${itemId}-${v.sellerSku}`,
      price: v.price,
      quantity: v.quantity,
    })),
  });
  const findBySku = (sellerSku: string) =>
    [...store.values()].find((l) => l.skus.some((s) => s.sellerSku === sellerSku)) ?? null;

  return {
    channel: "example",
    capabilities,
    validate(listing): ValidationIssue[] {
      const issues: ValidationIssue[] = [];
      if (listing.title.length > capabilities.maxTitleLength)
        issues.push({ field: "title", message: `longer than ${capabilities.maxTitleLength} characters` });
      if (listing.currency !== capabilities.currency)
        issues.push({ field: "currency", message: `must be ${capabilities.currency}` });
      return issues;
    },
    async findBySellerSku(sellerSku) {
      return findBySku(sellerSku);
    },
    async create(listing): Promise<PushResult> {
      const itemId = `EX${nextId++}`;
      const remote = toRemote(listing, itemId);
      store.set(itemId, remote);
      return { itemId, status: remote.status, skus: remote.skus };
    },
    async update(listing, itemId): Promise<PushResult> {
      if (!store.has(itemId)) throw new PermanentError(`item ${itemId} does not exist`, "NOT_FOUND", "example");
      const remote = toRemote(listing, itemId);
      store.set(itemId, remote);
      return { itemId, status: remote.status, skus: remote.skus };
    },
    async updatePriceStock(updates: PriceStockUpdate[]): Promise<ItemOutcome[]> {
      return updates.map((u) => {
        const sku = findBySku(u.sellerSku)?.skus.find((s) => s.sellerSku === u.sellerSku);
        if (!sku)
          return {
            sellerSku: u.sellerSku,
            ok: false,
            error: { errorClass: "permanent", code: "NOT_FOUND", message: "unknown SKU" },
          };
        if (u.price !== undefined) sku.price = u.price;
        if (u.quantity !== undefined) sku.quantity = u.quantity;
        return { sellerSku: u.sellerSku, ok: true };
      });
    },
    async delist(sellerSkus) {
      return sellerSkus.map((sellerSku) => {
        const item = findBySku(sellerSku);
        if (item) item.status = "inactive";
        return { sellerSku, ok: item !== null };
      });
    },
    async *listRemote() {
      yield* store.values();
    },
    async refreshToken(): Promise<TokenPair> {
      return { accessToken: opts.credentials.accessToken ?? "example-token" };
    },
  };
}

registerAdapter("example", createExampleAdapter);
