/**
 * JD image zone (图片空间) addresses. `jingdong.imgzone.picture.upload` answers a path relative to the zone
 * (`jfs/t1/...jpg`, older ones `g0/M0/...jpg`); JD's upload doc says to show it under
 * `http(s)://img10.360buyimg.com/imgzone/` (img11..img30 serve the same files, `s800x800_` in front of the path picks a
 * size). Wares store the relative path in `images[].imgUrl`, so the adapter hands the engine full URLs and sends
 * JD the paths.
 */
export const JD_IMAGE_ZONE_BASE_URL = "https://img10.360buyimg.com/imgzone/";

const ZONE_PATH = /^(?:jfs|g\d+)\/[\w./-]+\.(?:jpe?g|png|gif|bmp)$/i;
const ZONE_URL = /^https?:\/\/img\d*\.360buyimg\.com\/imgzone\/(?:s\d+x\d+_)?(.+)$/i;

/** "jfs/t1/..." as JD answers it -> the full URL under the zone (a full URL stays as it is). */
export function imageZoneUrl(pictureUrl: string): string {
  return /^https?:\/\//i.test(pictureUrl) ? pictureUrl : `${JD_IMAGE_ZONE_BASE_URL}${pictureUrl.replace(/^\/+/, "")}`;
}

/** The zone-relative path of an image-zone URL or path; undefined for anything else (another host, /n1/, /pop/). */
export function imageZonePath(url: string): string | undefined {
  if (ZONE_PATH.test(url)) return url;
  const path = ZONE_URL.exec(url)?.[1];
  return path && ZONE_PATH.test(path) ? path : undefined;
}

/** True for a relative zone path (what a ware stores), which is not an http(s) URL but is a valid imgUrl. */
export function isImageZonePath(value: string): boolean {
  return ZONE_PATH.test(value);
}
