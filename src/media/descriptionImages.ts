import type { Db } from "../db.js";
import { tokenize } from "../localize/html.js";
import { imageAllowed } from "../localize/sanitizeHtml.js";
import { descriptionPolicy } from "../localize/shaping.js";
import { uploadedUrls } from "./channelImages.js";

/** At most this many description images per listing go through the pipeline; the rest are dropped as before. */
export const MAX_DESCRIPTION_IMAGES = 20;

/**
 * Pure: the http(s) image sources of a description that the channel would drop because they are not on its own
 * hosts, in order, without repeats. Empty when the channel takes no images in descriptions at all.
 */
export function foreignDescriptionImages(
  html: string,
  channel: string,
  override?: { tags?: string[]; imageHosts?: string[] },
): string[] {
  const policy = descriptionPolicy(channel, override);
  if (!policy.tags.includes("img") || policy.imageHosts.length === 0) return [];
  const out: string[] = [];
  for (const token of tokenize(html)) {
    if (token.type !== "start" || token.name !== "img") continue;
    const raw = token.attrs.find(([k]) => k === "src")?.[1];
    if (!raw) continue;
    const src = raw.trim(); // tokenize has decoded the attribute's entities
    if (!/^https?:\/\//i.test(src) || imageAllowed(src, policy.imageHosts) || out.includes(src)) continue;
    out.push(src);
    if (out.length === MAX_DESCRIPTION_IMAGES) break;
  }
  return out;
}

/** Source URL -> channel URL for description images already fetched and uploaded to this account (tables only). */
export async function cachedDescriptionImages(
  db: Db,
  channelAccountId: string,
  sources: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (sources.length === 0) return out;
  const assets = await db.mediaAsset.findMany({
    where: { sourceUrl: { in: [...sources] } },
    select: { sourceUrl: true, contentHash: true },
  });
  const uploaded = await uploadedUrls(
    db,
    channelAccountId,
    assets.map((a) => a.contentHash),
  );
  for (const a of assets) {
    const url = uploaded.get(a.contentHash);
    if (url) out.set(a.sourceUrl, url);
  }
  return out;
}
