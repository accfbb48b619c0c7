import { TransientError } from "../../adapters/core/errors.js";
import type { ChannelMediaStore } from "../../adapters/core/types.js";
import type { CatalogProduct } from "../catalog/catalogProduct.js";
import type { Hold } from "../listing/buildListing.js";
import {
  bytesForUpload,
  type ImageAsset,
  type InspectedImages,
  inspectImages,
  type MediaSettings,
  saveUploads,
  uploadedUrls,
} from "../media/channelImages.js";
import {
  cachedDescriptionImages,
  foreignDescriptionImages,
  MAX_DESCRIPTION_IMAGES,
} from "../media/descriptionImages.js";
import { isMediaFetchError } from "../media/mediaErrors.js";
import type { ConnectedAccount } from "./channelAccounts.js";
import type { CallRunner } from "./prepareListing.js";
import type { SyncDeps } from "./syncDeps.js";
import { uploadFlights } from "./uploadFlights.js";

export type UploadedImages = { ok: true; images: string[] } | { ok: false; holds: Hold[] };

/**
 * The listing's images as the channel's own URLs: pictures already in the account's store are reused, the rest are
 * uploaded in one call (shared with concurrent pushes of the same pictures). A picture the channel refuses holds the
 * listing; a temporary failure throws so the push is retried.
 */
export async function uploadListingImages(
  deps: Pick<SyncDeps, "db">,
  account: ConnectedAccount,
  media: ChannelMediaStore,
  inspected: InspectedImages,
  settings: MediaSettings,
  call: CallRunner,
): Promise<UploadedImages> {
  const assets = inspected.assets;
  const known = await uploadedUrls(
    deps.db,
    account.id,
    assets.map((a) => a.contentHash),
  );
  const byHash = new Map<string, ImageAsset>();
  for (const a of assets) if (!known.has(a.contentHash) && !byHash.has(a.contentHash)) byHash.set(a.contentHash, a);
  if (byHash.size > 0) {
    const outcomes = await uploadFlights.run(account.id, [...byHash.keys()], async (hashes) => {
      const pictures = hashes.map((h) => byHash.get(h) as ImageAsset);
      let toUpload: Awaited<ReturnType<typeof bytesForUpload>>;
      try {
        toUpload = await bytesForUpload(settings, pictures, inspected.bytes);
      } catch (err) {
        if (!isMediaFetchError(err)) throw err;
        // The source changed or vanished since it was checked: forget it, so the next attempt checks it again.
        await deps.db.mediaAsset.deleteMany({ where: { sourceUrl: { in: pictures.map((p) => p.sourceUrl) } } });
        throw new TransientError(`${err.message}; checked again on the next attempt`, err.reason, account.channel);
      }
      const result = await call("uploadImages", () => media.uploadImages(toUpload));
      await saveUploads(
        deps.db,
        account.id,
        result.flatMap((o) => (o.ok ? [{ contentHash: o.contentHash, url: o.url }] : [])),
      );
      return result;
    });
    for (const o of outcomes) if (o.ok) known.set(o.contentHash, o.url);
    const holds: Hold[] = [];
    for (const o of outcomes) {
      if (o.ok || o.error.errorClass !== "permanent") continue;
      const i = assets.findIndex((a) => a.contentHash === o.contentHash);
      holds.push({
        kind: "media",
        field: `media[${i}]`,
        message: `${account.channel} refused the image: ${o.error.message}`,
      });
    }
    if (holds.length > 0) return { ok: false, holds };
    const transient = outcomes.find((o) => !o.ok);
    if (transient && !transient.ok) {
      throw new TransientError(`image upload: ${transient.error.message}`, transient.error.code, account.channel);
    }
  }
  return { ok: true, images: assets.map((a) => known.get(a.contentHash) ?? a.sourceUrl) };
}

/**
 * Pictures inside the description that the channel only shows from its own store (Daraz, JD): fetched, checked and
 * uploaded like the listing's images, and returned by source URL so the description points at the store. Unlike the
 * listing's images they never hold a listing: one that fails is left out of the description, as before.
 */
export async function uploadDescriptionImages(
  deps: Pick<SyncDeps, "db">,
  account: ConnectedAccount,
  media: ChannelMediaStore,
  product: CatalogProduct,
  settings: MediaSettings,
  call: CallRunner,
): Promise<Map<string, string>> {
  const rules = account.adapter.capabilities.imageRules;
  const content = product.content.find((c) => c.locale === account.profile.locale);
  if (!rules || !content) return new Map();
  const sources = foreignDescriptionImages(content.description, account.channel, account.profile.descriptionHtml);
  if (sources.length === 0) return new Map();
  try {
    const inspected = await inspectImages(deps.db, settings, sources, { ...rules, maxImages: MAX_DESCRIPTION_IMAGES });
    if (inspected.assets.length > 0) {
      await uploadListingImages(deps, account, media, { ...inspected, holds: [] }, settings, call);
    }
  } catch (err) {
    if (!(err instanceof TransientError) && !isMediaFetchError(err)) throw err;
  }
  return cachedDescriptionImages(deps.db, account.id, sources);
}
