import { type CatalogProduct, productInclude, toCatalogProduct } from "../catalog/catalogProduct.js";
import type { Db } from "../db.js";
import { buildListing, type PricingContext } from "../listing/buildListing.js";
import { changedParts, hashParts, type ListingPart } from "../listing/hashParts.js";
import type { ChannelReadiness } from "../listing/readiness.js";
import { latestRates } from "../localize/fxRates.js";
import { cachedImagesForPage } from "../media/channelImages.js";
import { cachedDescriptionImages, foreignDescriptionImages } from "../media/descriptionImages.js";
import { loadReadiness } from "../taxonomy/loadReadiness.js";
import type { ConnectedAccount } from "./channelAccounts.js";
import type { PushJobData } from "./queues.js";

export type ResyncAction = "create" | "update" | "delist" | "hold";

export interface ResyncItem {
  productId: string;
  sku: string;
  action: ResyncAction;
  parts: ListingPart[];
}

interface ListingHashes {
  remoteItemId: string | null;
  state: string;
  contentHash: string | null;
  priceHash: string | null;
  stockHash: string | null;
  mediaHash: string | null;
}

/** What the builder needs beyond the product and the profile, read from the tables (no channel call). */
export interface ListingInputs {
  readiness?: ChannelReadiness;
  /** The channel URLs of the product's images when all were uploaded; null when some are not (a push uploads them). */
  images?: string[] | null;
  /** Description images already in the channel's store, by source URL. */
  descriptionImages?: ReadonlyMap<string, string>;
}

export function buildOptions(account: ConnectedAccount, inputs: ListingInputs) {
  return {
    capabilities: account.adapter.capabilities,
    ...(inputs.readiness ? { readiness: inputs.readiness } : {}),
    ...(inputs.images ? { images: inputs.images } : {}),
    ...(inputs.descriptionImages && inputs.descriptionImages.size > 0
      ? { descriptionImages: inputs.descriptionImages }
      : {}),
  };
}

/** Readiness and cached channel images for one page of products of one account. */
export async function inputsForPage(
  db: Db,
  account: ConnectedAccount,
  readiness: ChannelReadiness,
  products: readonly CatalogProduct[],
): Promise<(productId: string) => ListingInputs> {
  const images = await cachedImagesForPage(
    db,
    account.id,
    products,
    account.adapter.capabilities.imageRules,
    account.adapter.media !== undefined,
  );
  const described = await descriptionImagesForPage(db, account, products);
  return (productId) => ({
    readiness,
    ...(images.has(productId) ? { images: images.get(productId) ?? null } : {}),
    ...(described.has(productId) ? { descriptionImages: described.get(productId) } : {}),
  });
}

/** Per product, its description images already in the account's store (one query pair for the page). */
async function descriptionImagesForPage(
  db: Db,
  account: ConnectedAccount,
  products: readonly CatalogProduct[],
): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  if (!account.adapter.media || !account.adapter.capabilities.imageRules) return out;
  const sources = new Map<string, string[]>();
  for (const p of products) {
    const content = p.content.find((c) => c.locale === account.profile.locale);
    const found = content
      ? foreignDescriptionImages(content.description, account.channel, account.profile.descriptionHtml)
      : [];
    if (found.length > 0) sources.set(p.id, found);
  }
  if (sources.size === 0) return out;
  const hosted = await cachedDescriptionImages(db, account.id, [...new Set([...sources.values()].flat())]);
  for (const [productId, list] of sources) {
    out.set(productId, new Map(list.flatMap((src) => (hosted.has(src) ? [[src, hosted.get(src) as string]] : []))));
  }
  return out;
}

/** Pure: what a push of this product to this account would do, judged from the stored accepted hashes. */
export function resyncAction(
  product: CatalogProduct,
  listing: ListingHashes | undefined,
  account: ConnectedAccount,
  pricing: PricingContext,
  inputs: ListingInputs = {},
): ResyncItem | null {
  const base = { productId: product.id, sku: product.sku };
  if (!product.active)
    return listing?.remoteItemId && listing.state !== "delisted" ? { ...base, action: "delist", parts: [] } : null;
  const built = buildListing(product, account.profile, pricing, buildOptions(account, inputs));
  if (!built.ok) return listing?.state === built.state ? null : { ...base, action: "hold", parts: [] };
  if (account.adapter.validate(built.listing).length > 0)
    return listing?.state === "incomplete" ? null : { ...base, action: "hold", parts: [] };
  const hashes = hashParts(built.listing);
  if (!listing?.remoteItemId) return { ...base, action: "create", parts: ["content", "price", "stock", "media"] };
  const parts = changedParts(hashes, {
    content: listing.contentHash,
    price: listing.priceHash,
    stock: listing.stockHash,
    media: listing.mediaHash,
  });
  return parts.length > 0 ? { ...base, action: "update", parts } : null;
}

/**
 * Compares every product of the account's exporter with what its channel last accepted, a page at a time, and
 * yields only the listings that need a push. Makes no channel call: a no-op resync of the whole catalog is reads only.
 */
export async function* scanForResync(
  db: Db,
  account: ConnectedAccount,
  exporterId: string,
  pageSize = 500,
): AsyncGenerator<ResyncItem> {
  const pricing = { fx: await latestRates(db), now: new Date() };
  const readiness = await loadReadiness(db, account.id);
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.product.findMany({
      where: { exporterId },
      include: { ...productInclude, listings: { where: { channelAccountId: account.id } } },
      orderBy: { id: "asc" },
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    const products = rows.map(toCatalogProduct);
    const inputs = await inputsForPage(db, account, readiness, products);
    for (const [i, row] of rows.entries()) {
      const product = products[i] as CatalogProduct;
      const item = resyncAction(product, row.listings[0], account, pricing, inputs(product.id));
      if (item) yield item;
    }
    if (rows.length < pageSize) return;
    cursor = rows.at(-1)?.id;
  }
}

export interface ResyncResult {
  scanned: number;
  enqueued: number;
  byAction: Record<ResyncAction, number>;
}

/** Enqueues pushes for every listing of one account that differs from what the channel accepted. */
export async function resyncAccount(
  db: Db,
  account: ConnectedAccount,
  enqueue: (jobs: PushJobData[]) => Promise<void>,
): Promise<ResyncResult> {
  const row = await db.channelAccount.findUniqueOrThrow({ where: { id: account.id }, select: { exporterId: true } });
  const result: ResyncResult = { scanned: 0, enqueued: 0, byAction: { create: 0, update: 0, delist: 0, hold: 0 } };
  let batch: PushJobData[] = [];
  for await (const item of scanForResync(db, account, row.exporterId)) {
    result.byAction[item.action] += 1;
    batch.push({ productId: item.productId, channelAccountId: account.id });
    if (batch.length >= 500) {
      await enqueue(batch);
      result.enqueued += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) {
    await enqueue(batch);
    result.enqueued += batch.length;
  }
  result.scanned = await db.product.count({ where: { exporterId: row.exporterId } });
  return result;
}
