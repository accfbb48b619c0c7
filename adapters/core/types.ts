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
  /** What an image must be for this channel; absent means the channel takes any image URL as given (feeds). */
  imageRules?: ImageRules;
}

export type ImageFormat = "jpeg" | "png" | "webp" | "gif";

/** A channel's image rules, checked on the fetched bytes before anything is uploaded. */
export interface ImageRules {
  maxImages: number;
  maxBytes: number;
  /** Shortest side in pixels. */
  minPixels: number;
  /** Longest side in pixels. */
  maxPixels: number;
  formats: ImageFormat[];
  /** Width must equal height. */
  square?: boolean;
}

/** One node of a channel's category tree. */
export interface RemoteCategory {
  id: string;
  /** null for a root. */
  parentId: string | null;
  name: string;
  /** Only leaf categories take listings. */
  leaf: boolean;
}

export type RemoteAttributeType = "text" | "number" | "single_select" | "multi_select" | "rich_text" | "date";

export interface RemoteAttributeOption {
  /** What the wire format carries (Daraz: the name itself; JD and Alibaba.com: the value id). */
  value: string;
  /** The human name (English or Chinese), used for display and name matching. */
  label: string;
}

/** One attribute of a leaf category, as the channel describes it. */
export interface RemoteAttribute {
  /** The key listings use on the wire: Daraz attribute name, Alibaba.com attribute id, JD attrId. */
  key: string;
  label: string;
  required: boolean;
  type: RemoteAttributeType;
  /** Allowed values for select types; empty for free input. */
  options: RemoteAttributeOption[];
  /** A sale property set per variant (colour, size), not per product. */
  variant: boolean;
  /** The adapter fills it from the canonical listing (title, brand, description, price, package): never mapped. */
  fromListing: boolean;
  /** The channel accepts a typed value besides the options (Alibaba.com customize values). */
  allowsCustomValue?: boolean;
  unit?: string;
}

/** Category tree and per-category attributes, read from the channel. */
export interface ChannelTaxonomy {
  /** The whole tree, flattened, parents before children. */
  categoryTree(ctx?: CallContext): Promise<RemoteCategory[]>;
  /** The attributes of one leaf category. Unknown or non-leaf ids throw PermanentError. */
  categoryAttributes(categoryId: string, ctx?: CallContext): Promise<RemoteAttribute[]>;
}

/** An image fetched and checked by the engine, ready for the channel's store. */
export interface ImageToUpload {
  /** Where the engine fetched it; channels that pull images themselves (Daraz migrate) use this. */
  sourceUrl: string;
  /** sha256 hex of the bytes. */
  contentHash: string;
  bytes: Uint8Array;
  contentType: string;
  format: ImageFormat;
}

export type ImageUploadOutcome =
  | { contentHash: string; ok: true; url: string }
  | {
      contentHash: string;
      ok: false;
      error: { errorClass: "transient" | "permanent"; code?: string; message: string };
    };

/** The channel's own image store (Daraz image migrate, Alibaba.com photobank, JD image zone). */
export interface ChannelMediaStore {
  /**
   * Puts the images in the channel's store and returns one outcome per image, in input order. Gateway-level
   * failures (throttled, auth expired, transient) throw the usual error classes.
   */
  uploadImages(images: ImageToUpload[], ctx?: CallContext): Promise<ImageUploadOutcome[]>;
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
  /** Channels with a category tree and required attributes. */
  readonly taxonomy?: ChannelTaxonomy;
  /** Channels that take only images from their own store (capabilities.imageRules says what they accept). */
  readonly media?: ChannelMediaStore;
}

export type AdapterFactory = (opts: AdapterOptions) => ChannelAdapter;
