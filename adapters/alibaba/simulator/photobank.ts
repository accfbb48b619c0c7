import { createHash } from "node:crypto";
import { inspectImage } from "../../core/imageInfo.js";
import type { ImageFormat, ImageRules } from "../../core/types.js";

export interface SimPhoto {
  fileId: number;
  url: string;
  fileName: string;
  contentHash: string;
  format: ImageFormat;
  width: number;
  height: number;
  bytes: number;
}

export type PhotobankVerdict = { ok: true; photo: SimPhoto } | { ok: false; code: string; message: string };

const FIRST_FILE_ID = 16_210_000_001;

/**
 * The seller's photobank. It checks the bytes themselves: over the byte limit answers the documented SIZE_TOO_LARGE;
 * bytes that are no JPG/PNG answer IMAGE_TYPE_NOT_SUPPORTED and sides out of range IMAGE_PIXEL_INVALID (those two codes
 * are the simulator's own: the documented list has only SIZE_TOO_LARGE, FUNCTION_FORBIDDEN, NOCAPACITY and -2).
 * The same bytes uploaded again get the same photobank URL.
 */
export class SimPhotobank {
  private readonly byHash = new Map<string, SimPhoto>();
  private nextFileId = FIRST_FILE_ID;

  constructor(private readonly rules: () => ImageRules) {}

  upload(fileName: string, bytes: Uint8Array): PhotobankVerdict {
    const rules = this.rules();
    if (bytes.byteLength > rules.maxBytes) {
      return refuse(
        "SIZE_TOO_LARGE",
        `SIZE_TOO_LARGE: ${bytes.byteLength} bytes, the photobank takes ${rules.maxBytes}`,
      );
    }
    const info = inspectImage(bytes);
    if (!info || !rules.formats.includes(info.format)) {
      return refuse("IMAGE_TYPE_NOT_SUPPORTED", `Only ${rules.formats.join("/")} images are accepted`);
    }
    const short = Math.min(info.width, info.height);
    const long = Math.max(info.width, info.height);
    if (short < rules.minPixels || long > rules.maxPixels) {
      return refuse(
        "IMAGE_PIXEL_INVALID",
        `${info.width}x${info.height} px: sides must be ${rules.minPixels}-${rules.maxPixels} px`,
      );
    }
    const contentHash = createHash("sha256").update(bytes).digest("hex");
    const known = this.byHash.get(contentHash);
    if (known) return { ok: true, photo: { ...known } };
    const ext = info.format === "png" ? "png" : "jpg";
    const photo: SimPhoto = {
      fileId: this.nextFileId++,
      url: `https://sc04.alicdn.com/kf/H${contentHash.slice(0, 32)}Q.${ext}`,
      fileName,
      contentHash,
      format: info.format,
      width: info.width,
      height: info.height,
      bytes: bytes.byteLength,
    };
    this.byHash.set(contentHash, photo);
    return { ok: true, photo: { ...photo } };
  }

  /** A URL this photobank issued (the scheme may differ: alicdn URLs are served over http and https). */
  issued(url: string): boolean {
    const bare = url.trim().replace(/^(https?:)?\/\//i, "");
    for (const photo of this.byHash.values()) if (photo.url.replace(/^https:\/\//, "") === bare) return true;
    return false;
  }

  list(): SimPhoto[] {
    return [...this.byHash.values()].map((p) => ({ ...p }));
  }

  reset(): void {
    this.byHash.clear();
    this.nextFileId = FIRST_FILE_ID;
  }
}

function refuse(code: string, message: string): PhotobankVerdict {
  return { ok: false, code, message };
}
