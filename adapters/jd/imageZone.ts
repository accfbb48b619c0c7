import { z } from "zod";
import { isChannelError } from "../core/errors.js";
import type { CallContext, ChannelMediaStore, ImageToUpload, ImageUploadOutcome } from "../core/types.js";
import type { JdResult, JdUploadFile } from "./client.js";
import { imageZoneUrl } from "./imageZoneUrls.js";

export const JD_UPLOAD_METHOD = "jingdong.imgzone.picture.upload";

/** One multipart JOS call (JdClient.upload). */
export type JdUpload = (
  method: string,
  business: Record<string, unknown>,
  file: JdUploadFile,
  signal?: AbortSignal,
) => Promise<JdResult>;

export interface JdImageZoneOptions {
  /** The image zone folder (picture_cate_id) to upload into; JD's default folder when unset. */
  pictureCategoryId?: number;
}

/**
 * `jingdong.imgzone.picture.upload` answers `{return_code, desc, picture_id, picture_url}` inside its `_responce`
 * wrapper: return_code 1 is success, 0 a refusal whose reason is in desc; picture_url is relative to the zone.
 */
const uploadAnswer = z.object({
  return_code: z.union([z.number(), z.string()]).transform(Number),
  desc: z.string().nullish(),
  picture_id: z.union([z.number(), z.string()]).nullish(),
  picture_url: z.string().nullish(),
});

const EXTENSIONS: Record<ImageToUpload["format"], string> = { jpeg: "jpg", png: "png", webp: "webp", gif: "gif" };

/**
 * The JD image zone as the engine's media store: one image per call (JD has no batch upload), answered with the full
 * image-zone URL. A refusal is a permanent outcome for that image. Throttling and expired tokens throw. A transient
 * failure throws when nothing was decided yet (the gateway is likely down); later in the batch it and the images
 * after it come back transient, so the URLs already issued are not thrown away.
 */
export class JdImageZone implements ChannelMediaStore {
  constructor(
    private readonly upload: JdUpload,
    private readonly opts: JdImageZoneOptions = {},
  ) {}

  async uploadImages(images: ImageToUpload[], ctx: CallContext = {}): Promise<ImageUploadOutcome[]> {
    const outcomes: ImageUploadOutcome[] = [];
    let stoppedBy: { code?: string; message: string } | undefined;
    for (const image of images) {
      if (stoppedBy) {
        outcomes.push(failed(image, "transient", stoppedBy.code, `Not sent: ${stoppedBy.message}`));
        continue;
      }
      try {
        outcomes.push(await this.uploadOne(image, ctx.signal));
      } catch (err) {
        if (!isChannelError(err) || err.errorClass === "throttled" || err.errorClass === "auth_expired") throw err;
        if (err.errorClass === "permanent") {
          outcomes.push(failed(image, "permanent", err.code, err.message));
          continue;
        }
        if (outcomes.length === 0) throw err;
        stoppedBy = { ...(err.code ? { code: err.code } : {}), message: err.message };
        outcomes.push(failed(image, "transient", err.code, err.message));
      }
    }
    return outcomes;
  }

  private async uploadOne(image: ImageToUpload, signal: AbortSignal | undefined): Promise<ImageUploadOutcome> {
    const ext = EXTENSIONS[image.format];
    // picture_name may hold at most 64 bytes; the content hash keeps re-uploads recognisable in the zone.
    const name = `${image.contentHash.slice(0, 40)}.${ext}`;
    const business: Record<string, unknown> = { picture_name: name };
    if (this.opts.pictureCategoryId !== undefined) business.picture_cate_id = this.opts.pictureCategoryId;
    const result = await this.upload(
      JD_UPLOAD_METHOD,
      business,
      { field: "image_data", filename: name, contentType: image.contentType, bytes: image.bytes },
      signal,
    );
    const answer = uploadAnswer.safeParse(result);
    if (!answer.success) {
      return failed(image, "transient", "UNEXPECTED_RESPONSE", "JD image zone answered without return_code");
    }
    const { return_code: code, desc, picture_url: url } = answer.data;
    if (code !== 1) {
      return failed(image, "permanent", "IMGZONE_REFUSED", `JD image zone refused the image: ${desc || "no reason"}`);
    }
    if (!url) return failed(image, "transient", "UNEXPECTED_RESPONSE", "JD image zone answered without picture_url");
    return { contentHash: image.contentHash, ok: true, url: imageZoneUrl(url) };
  }
}

function failed(
  image: ImageToUpload,
  errorClass: "transient" | "permanent",
  code: string | undefined,
  message: string,
): ImageUploadOutcome {
  return { contentHash: image.contentHash, ok: false, error: { errorClass, message, ...(code ? { code } : {}) } };
}
