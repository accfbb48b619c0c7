/**
 * Public types shared by every adapter and by the sync engine. An adapter only ever sees these shapes:
 * it never touches the database and knows nothing of the catalog's own model.
 */

/** Exact decimal amount as a string ("1234.50"); never a float. */
export type DecimalString = string;

export interface PackageDimensions {
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  weightKg: number;
}

export interface CanonicalVariant {
  sellerSku: string;
  /** Option values such as { color: "Red", size: "M" }, already mapped to the channel's vocabulary. */
  options: Record<string, string>;
  price: DecimalString;
  salePrice?: DecimalString;
  quantity: number;
  package: PackageDimensions;
  images: string[];
}

export interface PriceTier {
  minQuantity: number;
  price: DecimalString;
}

/**
 * A listing as one channel should show it: localized, priced in the channel's currency, with the channel's
 * category. Built by src/listing; mapped to the wire format by each adapter.
 */
export interface CanonicalListing {
  channel: string;
  /** Master product id, for logs and feeds. */
  productId: string;
  /** Product-level seller key; variants carry their own seller SKUs. */
  sellerSku: string;
  locale: string;
  currency: string;
  title: string;
  /** HTML description, already reduced to what the channel allows. */
  description: string;
  bullets: string[];
  keywords: string[];
  brand: string;
  modelNumber?: string;
  categoryId: string;
  attributes: Record<string, string>;
  images: string[];
  variants: CanonicalVariant[];
  /** Wholesale channels: minimum order quantity and descending price tiers. */
  moq?: number;
  tiers?: PriceTier[];
}

export type RemoteStatus = "pending" | "live" | "rejected" | "inactive" | "deleted";

export interface RemoteSku {
  sellerSku: string;
  skuId?: string;
  price?: DecimalString;
  quantity?: number;
  status?: string;
}

/** What the channel shows for one listing, read back from the channel. */
export interface RemoteListing {
  itemId: string;
  /** The product-level key when the channel stores one, else the first variant's seller SKU (Daraz). */
  sellerSku: string;
  title?: string;
  status: RemoteStatus;
  /** The channel's own status word, for display. */
  rawStatus?: string;
  rejectReason?: string;
  imageCount?: number;
  skus: RemoteSku[];
  updatedAt?: string;
}

export interface PushResult {
  itemId: string;
  status: RemoteStatus;
  skus: RemoteSku[];
}

export interface PriceStockUpdate {
  sellerSku: string;
  skuId?: string;
  itemId?: string;
  price?: DecimalString;
  salePrice?: DecimalString;
  quantity?: number;
}

export interface ItemOutcome {
  sellerSku: string;
  ok: boolean;
  error?: { errorClass: "transient" | "permanent"; code?: string; message: string };
}

export interface ValidationIssue {
  /** Canonical field path: "title", "images", "description", "variants[1].price", ... (same across channels). */
  field: string;
  message: string;
  /** Seller SKU of the variant the issue is about, when it is about one. */
  sellerSku?: string;
}

export interface ChannelCapabilities {
  /** Largest number of SKUs one price/stock call may carry (1 = no batching). */
  maxPriceStockBatch: number;
  /** Price and stock go in one call (Daraz) or separate calls (JD, Alibaba.com). */
  combinedPriceStock: boolean;
  /** New listings go through review (QC/audit) before they are live. */
  reviewsNewListings: boolean;
  maxImages: number;
  maxTitleLength: number;
  currency: string;
  locale: string;
  /** Largest page the channel serves when reading listings. */
  maxPageSize: number;
}

export interface ChannelCredentials {
  appKey: string;
  appSecret: string;
  accessToken?: string;
  refreshToken?: string;
}

export interface AdapterOptions {
  baseUrl: string;
  credentials: ChannelCredentials;
  /** Per-request timeout. */
  timeoutMs?: number;
  /**
   * Awaited before every HTTP call the adapter makes: the engine's per-account call budget (the channel's quota)
   * plugs in here, so the limit counts real channel calls, not jobs.
   */
  beforeCall?: () => Promise<void>;
  /** Injected clock, for signing tests. */
  now?: () => number;
  /** Retries for idempotent reads only (a page of listRemote, a lookup); writes are never retried by an adapter. */
  readRetry?: ReadRetryOptions;
  /** Called after refreshToken() obtained new tokens, so the caller can store them. */
  onTokens?: (tokens: TokenPair) => void | Promise<void>;
}

export interface ReadRetryOptions {
  /** Extra attempts after the first; 0 turns retrying off. */
  retries: number;
  minTimeoutMs?: number;
  maxTimeoutMs?: number;
}

export interface CallContext {
  signal?: AbortSignal;
}

export interface ListRemoteOptions extends CallContext {
  updatedAfter?: Date;
  updatedBefore?: Date;
  pageSize?: number;
  /** Called once per page of listings the channel served (reconciliation counts pages); never changes paging. */
  onPage?: (page: { items: number }) => void;
}

export interface TokenPair {
  accessToken: string;
  refreshToken?: string;
  expiresAt?: string;
}

export interface ChannelAdapter {
  readonly channel: string;
  readonly capabilities: ChannelCapabilities;
  /** Channel rules checked before any call; an empty list means the listing may be sent. */
  validate(listing: CanonicalListing): ValidationIssue[];
  /**
   * The listing that holds this seller SKU, or null. Every channel finds a listing by any of its variants' seller
   * SKUs; channels that also store the product-level key (JD outerId) find it by that too.
   */
  findBySellerSku(sellerSku: string, ctx?: CallContext): Promise<RemoteListing | null>;
  create(listing: CanonicalListing, ctx?: CallContext): Promise<PushResult>;
  update(listing: CanonicalListing, itemId: string, ctx?: CallContext): Promise<PushResult>;
  updatePriceStock(updates: PriceStockUpdate[], ctx?: CallContext): Promise<ItemOutcome[]>;
  delist(sellerSkus: string[], ctx?: CallContext): Promise<ItemOutcome[]>;
  listRemote(opts?: ListRemoteOptions): AsyncIterable<RemoteListing>;
  refreshToken(ctx?: CallContext): Promise<TokenPair>;
}

export type AdapterFactory = (opts: AdapterOptions) => ChannelAdapter;
