import { randomBytes } from "node:crypto";
import type { ImageFormat, ImageRules } from "../../core/types.js";
import { type FetchedImage, fetchImage, type ImageFailure } from "./imageFetch.js";
import { bizFailure, type IopDetail } from "./wire.js";

/** An image the simulated Daraz store holds (the URL is what create/update must use). */
export interface HostedImage {
  url: string;
  hashCode: string;
  sourceUrl: string;
  format: ImageFormat;
  width: number;
  height: number;
  bytes: number;
}

export interface ImageStoreOptions {
  rules: ImageRules;
  /** Polls of a batch answered "still processing" before its result shows (at least until the downloads finish). */
  pendingPolls: number;
  /** How long Daraz waits for one source URL (the real limit is 5000 ms). */
  fetchTimeoutMs: number;
  /** Host of the issued URLs. */
  host: string;
}

export type BatchAnswer =
  | { state: "unknown" }
  | { state: "processing" }
  | {
      state: "done";
      images: Array<{ hash_code: string; url: string; original_url: string }>;
      errors: Array<{ original_url: string; code: string; message: string }>;
    };

interface Batch {
  urls: string[];
  polls: number;
  results?: Array<FetchedImage | ImageFailure>;
}

/**
 * Daraz's image store behind /images/migrate: each batch downloads its source URLs itself, checks every image
 * against the rules and finishes asynchronously. The same bytes always get the same URL (named by their md5).
 */
export class DarazImageStore {
  private readonly hosted = new Map<string, HostedImage>();
  private readonly batches = new Map<string, Batch>();

  constructor(private readonly opts: ImageStoreOptions) {}

  migrate(urls: string[]): string {
    const id = `${Date.now().toString(16)}${randomBytes(8).toString("hex")}`;
    const batch: Batch = { urls, polls: 0 };
    this.batches.set(id, batch);
    void this.process(batch);
    return id;
  }

  answer(batchId: string): BatchAnswer {
    const batch = this.batches.get(batchId);
    if (!batch) return { state: "unknown" };
    batch.polls += 1;
    if (!batch.results || batch.polls <= this.opts.pendingPolls) return { state: "processing" };
    const images: Array<{ hash_code: string; url: string; original_url: string }> = [];
    const errors: Array<{ original_url: string; code: string; message: string }> = [];
    batch.results.forEach((result, i) => {
      const original_url = batch.urls[i] ?? "";
      if (result.ok) images.push({ hash_code: result.hashCode, url: this.urlFor(result), original_url });
      else errors.push({ original_url, code: result.code, message: result.message });
    });
    return { state: "done", images, errors };
  }

  isHosted(url: string): boolean {
    return this.hosted.has(url);
  }

  list(): HostedImage[] {
    return [...this.hosted.values()].map((image) => ({ ...image }));
  }

  forget(): void {
    this.hosted.clear();
    this.batches.clear();
  }

  /** requireHostedImages: every image of the call (product, SKU, description) must come from this store. */
  checkHosted(images: readonly string[]): void {
    const foreign = [...new Set(images)].filter((url) => !this.isHosted(url));
    if (foreign.length === 0) return;
    throw bizFailure(
      foreign.map((url): IopDetail & { code: string } => ({
        code: "BIZ_CHECK_IMAGE_URL_INVALID",
        field: "Images",
        message: `Only Daraz-hosted images are accepted (migrate it first): ${url}`,
      })),
    );
  }

  private async process(batch: Batch): Promise<void> {
    const results = await Promise.all(
      batch.urls.map((url) =>
        fetchImage(url, this.opts.rules, this.opts.fetchTimeoutMs).catch(
          (): ImageFailure => ({ ok: false, code: "301", message: "E301: Migrate Image Failed" }),
        ),
      ),
    );
    results.forEach((result, i) => {
      if (!result.ok) return;
      const url = this.urlFor(result);
      if (!this.hosted.has(url)) {
        this.hosted.set(url, {
          url,
          hashCode: result.hashCode,
          sourceUrl: batch.urls[i] ?? "",
          format: result.info.format,
          width: result.info.width,
          height: result.info.height,
          bytes: result.info.bytes,
        });
      }
    });
    batch.results = results;
  }

  private urlFor(image: FetchedImage): string {
    return `https://${this.opts.host}/p/${image.hashCode}.${image.info.format === "png" ? "png" : "jpg"}`;
  }
}
