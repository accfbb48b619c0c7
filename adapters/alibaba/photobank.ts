import { z } from "zod";
import type { CallContext, ChannelMediaStore, ImageToUpload, ImageUploadOutcome } from "../core/types.js";
import { ALIBABA_PATHS } from "./capabilities.js";
import type { AlibabaClient } from "./client.js";
import { businessFailure, msgCodeClass } from "./errors.js";

export interface AlibabaPhotobankDeps {
  client: AlibabaClient;
  /** Photobank group the images land in (group_id); the root group when unset. */
  groupId?: string;
}

/**
 * alibaba.icbu.photobank.upload answers result.response_object {file_id, photobank_url, file_name} on success and
 * result.error_code / error_msg on failure (SIZE_TOO_LARGE, FUNCTION_FORBIDDEN, NOCAPACITY, -2 "Upload Image Error").
 */
const uploadAnswer = z.object({
  result: z
    .object({
      response_object: z
        .object({ photobank_url: z.string().min(1).optional(), file_id: z.unknown().optional() })
        .nullish(),
      photobank_url: z.string().min(1).optional(),
      error_code: z.union([z.string(), z.number()]).transform(String).optional(),
      error_msg: z.string().optional(),
    })
    .nullish(),
});

/** -2 is the photobank's "Upload Image Error" for anything it did not foresee: worth another try. */
const TRANSIENT_UPLOAD_CODES = new Set(["-2"]);

/**
 * The seller's photobank: one image per upload call, in input order. An image the photobank refuses becomes that
 * image's outcome; gateway failures (throttled, expired token, 5xx, timeouts, signature) are thrown as usual.
 */
export class AlibabaPhotobank implements ChannelMediaStore {
  constructor(private readonly deps: AlibabaPhotobankDeps) {}

  async uploadImages(images: ImageToUpload[], ctx: CallContext = {}): Promise<ImageUploadOutcome[]> {
    const outcomes: ImageUploadOutcome[] = [];
    for (const image of images) outcomes.push(await this.upload(image, ctx.signal));
    return outcomes;
  }

  private async upload(image: ImageToUpload, signal: AbortSignal | undefined): Promise<ImageUploadOutcome> {
    const filename = `${image.contentHash.slice(0, 16)}.${image.format === "png" ? "png" : "jpg"}`;
    const body = await this.deps.client.postMultipart(
      ALIBABA_PATHS.photobankUpload,
      { file_name: filename, ...(this.deps.groupId ? { group_id: this.deps.groupId } : {}) },
      { field: "image_bytes", filename, contentType: image.contentType, bytes: image.bytes },
      signal ? { signal } : undefined,
    );
    return outcomeOf(image.contentHash, body);
  }
}

function outcomeOf(contentHash: string, body: unknown): ImageUploadOutcome {
  const record = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const business = businessFailure(record);
  if (business) return failed(contentHash, business.msgCode, business.message);
  const parsed = uploadAnswer.safeParse(record);
  if (!parsed.success) return failed(contentHash, "UNEXPECTED_RESPONSE", "The photobank answer has no result");
  const result = parsed.data.result;
  const url = result?.response_object?.photobank_url ?? result?.photobank_url;
  if (url) return { contentHash, ok: true, url };
  if (result?.error_code) return failed(contentHash, result.error_code, result.error_msg || result.error_code);
  return failed(contentHash, "NO_PHOTOBANK_URL", "The photobank answered without a photobank_url");
}

function failed(contentHash: string, code: string, message: string): ImageUploadOutcome {
  const transient =
    TRANSIENT_UPLOAD_CODES.has(code) ||
    msgCodeClass(code) === "transient" ||
    code === "UNEXPECTED_RESPONSE" ||
    code === "NO_PHOTOBANK_URL";
  return { contentHash, ok: false, error: { errorClass: transient ? "transient" : "permanent", code, message } };
}
