import { PermanentError, TransientError } from "../../adapters/core/errors.js";
import type { CanonicalListing } from "../../adapters/core/types.js";
import type { CatalogProduct } from "../catalog/catalogProduct.js";
import { loadConfig } from "../config.js";
import { buildListing, type Hold, type ListingWarning, type PricingContext } from "../listing/buildListing.js";
import type { ChannelReadiness } from "../listing/readiness.js";
import { inspectImages, type MediaSettings, mediaSettings } from "../media/channelImages.js";
import { isMediaFetchError } from "../media/mediaErrors.js";
import { ReadinessCache } from "../taxonomy/loadReadiness.js";
import { saveCategoryAttributes } from "../taxonomy/storeTaxonomy.js";
import type { ConnectedAccount } from "./channelAccounts.js";
import type { SyncDeps } from "./syncDeps.js";
import { uploadDescriptionImages, uploadListingImages } from "./uploadListingImages.js";

let fromEnvironment: MediaSettings | undefined;
/** Callers that build SyncDeps by hand get the media limits of the environment (MEDIA_* variables). */
export function environmentMedia(): MediaSettings {
  fromEnvironment ??= mediaSettings(loadConfig());
  return fromEnvironment;
}

export type Prepared =
  | { ok: true; listing: CanonicalListing; warnings: ListingWarning[] }
  | { ok: false; state: "incomplete" | "needs_translation"; holds: Hold[] };

/** Runs a channel call with the push's audit and token handling. */
export type CallRunner = <T>(name: string, fn: (a: ConnectedAccount) => Promise<T>) => Promise<T>;

const fallbackCaches = new WeakMap<object, ReadinessCache>();

export function readinessOf(deps: Pick<SyncDeps, "db" | "readiness">): ReadinessCache {
  if (deps.readiness) return deps.readiness;
  let cache = fallbackCaches.get(deps.db);
  if (!cache) {
    cache = new ReadinessCache(deps.db);
    fallbackCaches.set(deps.db, cache);
  }
  return cache;
}

/**
 * Everything that decides whether a listing may go out, before any write call: the mapped leaf category and its
 * required attributes (fetched from the channel the first time a category is used), translations, prices, package
 * sizes, and every image fetched and checked against the channel's rules. All gaps are reported together. Only a
 * complete listing gets its missing images uploaded to the channel's store, once per content hash.
 */
export async function prepareListing(
  deps: SyncDeps,
  account: ConnectedAccount,
  product: CatalogProduct,
  pricing: PricingContext,
  call: CallRunner,
): Promise<Prepared> {
  const cache = readinessOf(deps);
  let readiness = await cache.get(account.id);
  const categoryHold = await ensureAttributes(deps, account, product, readiness, call);
  if (categoryHold === "fetched") readiness = await cache.get(account.id);

  const capabilities = account.adapter.capabilities;
  const built = buildListing(product, account.profile, pricing, { capabilities, readiness });
  const holds: Hold[] = built.ok ? [] : [...built.holds];
  if (categoryHold && categoryHold !== "fetched") holds.push(categoryHold);

  const rules = capabilities.imageRules;
  const settings = deps.media ?? environmentMedia();
  let inspected: Awaited<ReturnType<typeof inspectImages>> | undefined;
  if (rules && product.media.length > 0) {
    try {
      inspected = await inspectImages(
        deps.db,
        settings,
        product.media.map((m) => m.url),
        rules,
      );
    } catch (err) {
      throw isMediaFetchError(err) ? new TransientError(err.message, err.reason, account.channel) : err;
    }
    holds.push(...inspected.holds);
  }
  if (!built.ok || holds.length > 0) {
    const onlyTranslation = holds.every((h) => h.kind === "translation");
    return { ok: false, state: onlyTranslation ? "needs_translation" : "incomplete", holds };
  }
  if (!inspected) return built;

  if (!account.adapter.media) {
    return { ...built, listing: { ...built.listing, images: inspected.assets.map((a) => a.sourceUrl) } };
  }
  const uploaded = await uploadListingImages(deps, account, account.adapter.media, inspected, settings, call);
  if (!uploaded.ok) return { ok: false, state: "incomplete", holds: uploaded.holds };
  const described = await uploadDescriptionImages(deps, account, account.adapter.media, product, settings, call);
  if (described.size === 0) return { ...built, listing: { ...built.listing, images: uploaded.images } };
  // Built again with the description's pictures shown from the channel's store instead of dropped.
  const rebuilt = buildListing(product, account.profile, pricing, {
    capabilities,
    readiness,
    images: uploaded.images,
    descriptionImages: described,
  });
  return rebuilt.ok ? rebuilt : { ok: false, state: rebuilt.state, holds: rebuilt.holds };
}

/**
 * The mapped category's attributes, fetched once from the channel when no refresh has stored them yet. A channel
 * that refuses the category (unknown, not a leaf) yields a hold with its words.
 */
async function ensureAttributes(
  deps: SyncDeps,
  account: ConnectedAccount,
  product: CatalogProduct,
  readiness: ChannelReadiness,
  call: CallRunner,
): Promise<Hold | "fetched" | undefined> {
  if (!account.adapter.taxonomy || !product.categoryCode) return undefined;
  const categoryId =
    readiness.categoryMap.get(product.categoryCode) ?? account.profile.categoryMap[product.categoryCode];
  if (!categoryId || readiness.attributes.has(categoryId)) return undefined;
  const known = readiness.categories.get(categoryId);
  if (readiness.treeFetched && (!known || known.removed || !known.leaf)) return undefined; // buildListing says why
  try {
    const attributes = await call("categoryAttributes", (a) =>
      a.adapter.taxonomy ? a.adapter.taxonomy.categoryAttributes(categoryId) : Promise.resolve([]),
    );
    await saveCategoryAttributes(deps.db, account.id, categoryId, attributes, new Date());
  } catch (err) {
    if (err instanceof PermanentError) {
      return {
        kind: "category",
        field: "category",
        message: `${account.channel} category ${categoryId}: ${err.message}`,
      };
    }
    throw err;
  }
  await deps.db.channelAccount.update({ where: { id: account.id }, data: { taxonomyVersion: { increment: 1 } } });
  return "fetched";
}
