import { imageRuleViolations } from "../../adapters/core/imageInfo.js";
import type { ImageFormat, ImageRules, ImageToUpload } from "../../adapters/core/types.js";
import type { Config } from "../config.js";
import type { Db } from "../db.js";
import { SingleFlight } from "../lib/singleFlight.js";
import type { Hold } from "../listing/buildListing.js";
import { type FetchedImage, type FetchedImageBody, fetchImage } from "./fetchImage.js";
import { isMediaFetchError, MediaFetchError, redactUrl } from "./mediaErrors.js";

const fetches = new SingleFlight<FetchedImage>();

export interface MediaSettings {
  allowedHosts: readonly string[];
  maxBytes: number;
  timeoutMs: number;
  /** A stored fetch older than this is checked again at its source (conditional GET). */
  refreshAfterMs: number;
}

export function mediaSettings(config: Config): MediaSettings {
  return {
    allowedHosts: config.MEDIA_ALLOWED_HOSTS,
    maxBytes: config.MEDIA_MAX_BYTES,
    timeoutMs: config.MEDIA_FETCH_TIMEOUT_MS,
    refreshAfterMs: config.MEDIA_REFRESH_HOURS * 3_600_000,
  };
}

export interface ImageAsset {
  sourceUrl: string;
  contentHash: string;
  contentType: string;
  format: ImageFormat;
  width: number;
  height: number;
  byteSize: number;
}

export interface InspectedImages {
  assets: ImageAsset[];
  holds: Hold[];
  /** Bytes fetched during this inspection, by content hash, so an upload right after needs no second fetch. */
  bytes: Map<string, Buffer>;
}

/**
 * Fetches (or reads from the asset table) every image a channel will show and checks it against the channel's
 * rules. A permanent fetch failure or a broken rule becomes a hold naming the image; a transient failure throws
 * (the push is retried later). Only the first rules.maxImages images are considered.
 */
export async function inspectImages(
  db: Db,
  settings: MediaSettings,
  urls: readonly string[],
  rules: ImageRules,
  now = new Date(),
): Promise<InspectedImages> {
  const wanted = urls.slice(0, rules.maxImages);
  const stored = await db.mediaAsset.findMany({ where: { sourceUrl: { in: [...wanted] } } });
  const byUrl = new Map(stored.map((a) => [a.sourceUrl, a]));
  const holds: Hold[] = [];
  const assets: ImageAsset[] = [];
  const bytes = new Map<string, Buffer>();
  for (const [i, url] of wanted.entries()) {
    const field = `media[${i}]`;
    let asset = byUrl.get(url);
    if (!asset || now.getTime() - asset.fetchedAt.getTime() > settings.refreshAfterMs) {
      try {
        const etag = asset?.etag ?? undefined;
        // Pushes of products sharing a new picture wait for one download instead of each fetching it.
        const fetched = await fetches.run(`${url}\u0000${etag ?? ""}`, () =>
          fetchImage(url, fetchOptions(settings, etag)),
        );
        if (fetched.notModified && asset) {
          asset = await db.mediaAsset.update({ where: { sourceUrl: url }, data: { fetchedAt: now } });
        } else if (!fetched.notModified) {
          bytes.set(fetched.contentHash, fetched.bytes);
          asset = await saveAsset(db, url, fetched, now);
        }
      } catch (err) {
        if (isMediaFetchError(err) && !err.transient) {
          holds.push({ kind: "media", field, message: err.message });
          continue;
        }
        throw err;
      }
    }
    if (!asset) continue;
    const image = toAsset(asset);
    const problems = imageRuleViolations(
      { format: image.format, width: image.width, height: image.height, bytes: image.byteSize },
      rules,
    );
    if (problems.length > 0) {
      holds.push({ kind: "media", field, message: `${redactUrl(url)}: ${problems.join("; ")}` });
      continue;
    }
    assets.push(image);
  }
  return { assets, holds, bytes };
}

/** Channel URLs already uploaded for these hashes (account-wide). */
export async function uploadedUrls(
  db: Db,
  channelAccountId: string,
  hashes: readonly string[],
): Promise<Map<string, string>> {
  const rows = await db.mediaUpload.findMany({
    where: { channelAccountId, contentHash: { in: [...new Set(hashes)] } },
  });
  return new Map(rows.map((r) => [r.contentHash, r.remoteUrl]));
}

/** The images ready for an upload: bytes from this push's fetches, else fetched again (the bytes are not kept). */
export async function bytesForUpload(
  settings: MediaSettings,
  assets: readonly ImageAsset[],
  fetched: ReadonlyMap<string, Buffer>,
): Promise<ImageToUpload[]> {
  const out: ImageToUpload[] = [];
  for (const asset of assets) {
    let body = fetched.get(asset.contentHash);
    if (!body) {
      const again = await fetchImage(asset.sourceUrl, fetchOptions(settings));
      if (again.notModified)
        throw new MediaFetchError("http_status", `${redactUrl(asset.sourceUrl)}: unexpected 304`, true, {
          url: asset.sourceUrl,
        });
      if (again.contentHash !== asset.contentHash) {
        throw new MediaFetchError(
          "http_status",
          `${redactUrl(asset.sourceUrl)} changed while it was being uploaded; the next push uses the new image`,
          true,
          { url: asset.sourceUrl },
        );
      }
      body = again.bytes;
    }
    out.push({
      sourceUrl: asset.sourceUrl,
      contentHash: asset.contentHash,
      bytes: body,
      contentType: asset.contentType,
      format: asset.format,
    });
  }
  return out;
}

export async function saveUploads(db: Db, channelAccountId: string, uploads: { contentHash: string; url: string }[]) {
  if (uploads.length === 0) return;
  await db.mediaUpload.createMany({
    data: uploads.map((u) => ({ channelAccountId, contentHash: u.contentHash, remoteUrl: u.url })),
    skipDuplicates: true,
  });
}

/**
 * What a push would send as images, from the tables alone (no fetch, no channel call): the channel URLs when every
 * image was fetched and uploaded before, else null. Resync uses it to judge the media part without side effects.
 */
export async function cachedChannelImages(
  db: Db,
  channelAccountId: string,
  urls: readonly string[],
  rules: ImageRules,
): Promise<string[] | null> {
  const wanted = urls.slice(0, rules.maxImages);
  const assets = await db.mediaAsset.findMany({ where: { sourceUrl: { in: [...wanted] } } });
  const hashOf = new Map(assets.map((a) => [a.sourceUrl, a.contentHash]));
  const hashes = wanted.map((u) => hashOf.get(u));
  if (hashes.some((h) => h === undefined)) return null;
  const uploaded = await uploadedUrls(db, channelAccountId, hashes as string[]);
  const out = hashes.map((h) => uploaded.get(h as string));
  return out.every((u): u is string => u !== undefined) ? out : null;
}

function fetchOptions(settings: MediaSettings, ifNoneMatch?: string) {
  return {
    allowedHosts: settings.allowedHosts,
    maxBytes: settings.maxBytes,
    timeoutMs: settings.timeoutMs,
    ...(ifNoneMatch ? { ifNoneMatch } : {}),
  };
}

async function saveAsset(db: Db, sourceUrl: string, image: FetchedImageBody, now: Date) {
  const data = {
    contentHash: image.contentHash,
    contentType: image.contentType,
    format: image.format,
    width: image.width,
    height: image.height,
    byteSize: image.byteLength,
    etag: image.etag ?? null,
    fetchedAt: now,
  };
  return db.mediaAsset.upsert({ where: { sourceUrl }, create: { sourceUrl, ...data }, update: data });
}

const FORMATS = new Set<ImageFormat>(["jpeg", "png", "webp", "gif"]);

function toAsset(row: {
  sourceUrl: string;
  contentHash: string;
  contentType: string;
  format: string;
  width: number;
  height: number;
  byteSize: number;
}): ImageAsset {
  const format = FORMATS.has(row.format as ImageFormat) ? (row.format as ImageFormat) : "jpeg";
  return { ...row, format };
}

/**
 * cachedChannelImages for a page of products in two queries: per product the channel URLs a push would send, or
 * null when some image was never fetched or uploaded. Products without images, and channels that take source URLs
 * as they are, are left out (the builder uses the source URLs).
 */
export async function cachedImagesForPage(
  db: Db,
  channelAccountId: string,
  products: readonly { id: string; media: readonly { url: string }[] }[],
  rules: ImageRules | undefined,
  uploadsToStore: boolean,
): Promise<Map<string, string[] | null>> {
  const out = new Map<string, string[] | null>();
  if (!rules) return out;
  const wanted = new Map(products.map((p) => [p.id, p.media.slice(0, rules.maxImages).map((m) => m.url)]));
  const urls = [...new Set([...wanted.values()].flat())];
  if (urls.length === 0) return out;
  const assets = await db.mediaAsset.findMany({
    where: { sourceUrl: { in: urls } },
    select: { sourceUrl: true, contentHash: true },
  });
  const hashOf = new Map(assets.map((a) => [a.sourceUrl, a.contentHash]));
  const uploaded = uploadsToStore
    ? await uploadedUrls(
        db,
        channelAccountId,
        assets.map((a) => a.contentHash),
      )
    : new Map<string, string>();
  for (const [productId, list] of wanted) {
    if (list.length === 0) continue;
    const images = list.map((u) => {
      const hash = hashOf.get(u);
      if (hash === undefined) return undefined;
      return uploadsToStore ? uploaded.get(hash) : u;
    });
    out.set(productId, images.every((i): i is string => i !== undefined) ? images : null);
  }
  return out;
}
