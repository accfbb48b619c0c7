import { createHash } from "node:crypto";
import { imageRuleViolations, inspectImage } from "../../core/imageInfo.js";
import type { ImageFormat, ImageRules } from "../../core/types.js";
import { imageZonePath, imageZoneUrl } from "../imageZoneUrls.js";

/** A picture in the simulated image zone. */
export interface SimPicture {
  pictureId: string;
  /** Zone-relative path, as picture_url answers it and wares store it. */
  path: string;
  /** The full URL under img10.360buyimg.com/imgzone/. */
  url: string;
  name: string;
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  format: ImageFormat;
  uploadedAt: number;
}

export type ZoneUpload = { ok: true; picture: SimPicture } | { ok: false; desc: string };

const EXT: Record<ImageFormat, string> = { jpeg: "jpg", png: "png", webp: "webp", gif: "gif" };

/**
 * The shop's image zone (图片空间): checks the bytes against the image rules (format, bytes, pixels, square) and
 * files them under a jfs path. The same bytes uploaded again get the picture already filed.
 */
export class JdSimImageZone {
  private readonly byHash = new Map<string, SimPicture>();
  private readonly byPath = new Map<string, SimPicture>();
  private nextId = 1;

  constructor(
    private readonly rules: () => ImageRules,
    private readonly now: () => number,
  ) {}

  upload(bytes: Uint8Array, name: string): ZoneUpload {
    const info = inspectImage(bytes);
    if (!info) return { ok: false, desc: "图片格式不支持或文件已损坏 (not a JPG or PNG image)" };
    const problems = imageRuleViolations(info, this.rules());
    if (problems.length > 0) return { ok: false, desc: `图片不符合要求: ${problems.join("; ")}` };
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const known = this.byHash.get(sha256);
    if (known) return { ok: true, picture: { ...known } };
    const id = this.nextId++;
    const path = `jfs/t1/${100_000 + id}/${sha256.slice(0, 16)}N${sha256.slice(16, 24)}.${EXT[info.format]}`;
    const picture: SimPicture = {
      pictureId: String(80_000_000 + id),
      path,
      url: imageZoneUrl(path),
      name,
      sha256,
      bytes: info.bytes,
      width: info.width,
      height: info.height,
      format: info.format,
      uploadedAt: this.now(),
    };
    this.byHash.set(sha256, picture);
    this.byPath.set(path, picture);
    return { ok: true, picture: { ...picture } };
  }

  /** An imgUrl (full image-zone URL or the relative path) of a picture this zone filed. */
  isHosted(imgUrl: string): boolean {
    const path = imageZonePath(imgUrl);
    return path !== undefined && this.byPath.has(path);
  }

  list(): SimPicture[] {
    return [...this.byPath.values()].map((p) => ({ ...p }));
  }

  reset(): void {
    this.byHash.clear();
    this.byPath.clear();
    this.nextId = 1;
  }
}
