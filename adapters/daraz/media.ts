import { setTimeout as sleep } from "node:timers/promises";
import { chunk } from "../core/chunk.js";
import { type ChannelError, isChannelError, TransientError } from "../core/errors.js";
import { imageRuleViolations, inspectImage } from "../core/imageInfo.js";
import { rethrowChannelStop } from "../core/outcomes.js";
import type { CallContext, ChannelMediaStore, ImageToUpload, ImageUploadOutcome } from "../core/types.js";
import { DARAZ_CHANNEL, DARAZ_IMAGE_RULES, DARAZ_LIMITS } from "./capabilities.js";
import type { DarazClient, DarazRead } from "./client.js";
import {
  batchIdOf,
  batchOutcomes,
  failureOutcome,
  IMAGE_FAILURE_CODES,
  type ImageResponseData,
  imageResponseData,
  migrateAnswer,
  migrateImagesPayload,
  type UrlOutcome,
} from "./imageMigrateWire.js";
import { parseWire } from "./parseWire.js";

export interface DarazMediaOptions {
  /** Wait before each /image/response/get (Daraz asks for about half a second after the migrate). Default 500 ms. */
  pollIntervalMs?: number;
  /** Longest wait for one batch; its images then come back transient (MIGRATE_TIMEOUT). Default 30 s. */
  pollTimeoutMs?: number;
}

const PROCESSING = Symbol("processing");
/** Daraz answers code 1000 while a batch is still being processed (seen in client code; unverified in docs). */
const STILL_PROCESSING_CODE = "1000";

/**
 * Daraz's image store through URL migration: Daraz fetches each source URL itself, in batches of 8 (/images/migrate),
 * and the adapter polls /image/response/get for the hosted URLs with a bounded wait.
 */
export class DarazMediaStore implements ChannelMediaStore {
  private readonly pollIntervalMs: number;
  private readonly pollTimeoutMs: number;

  constructor(
    private readonly client: DarazClient,
    /** Polls are reads and retried; the migrate itself is a write and is not. */
    private readonly read: DarazRead,
    opts: DarazMediaOptions = {},
  ) {
    this.pollIntervalMs = Math.max(0, opts.pollIntervalMs ?? 500);
    this.pollTimeoutMs = Math.max(0, opts.pollTimeoutMs ?? 30_000);
  }

  async uploadImages(images: ImageToUpload[], ctx: CallContext = {}): Promise<ImageUploadOutcome[]> {
    const results = new Map<string, UrlOutcome>();
    const toMigrate: string[] = [];
    for (const image of images) {
      if (results.has(image.sourceUrl) || toMigrate.includes(image.sourceUrl)) continue;
      const problem = ruleProblem(image);
      if (problem)
        results.set(image.sourceUrl, { ok: false, errorClass: "permanent", code: "IMAGE_RULES", message: problem });
      else toMigrate.push(image.sourceUrl);
    }
    for (const group of chunk(toMigrate, DARAZ_LIMITS.maxImagesPerMigrate)) {
      for (const [url, outcome] of await this.migrate(group, ctx.signal)) results.set(url, outcome);
    }
    return images.map((image) => {
      const outcome = results.get(image.sourceUrl) ?? {
        ok: false,
        errorClass: "transient",
        code: "NO_RESULT",
        message: "Daraz reported nothing for this image",
      };
      return outcome.ok
        ? { contentHash: image.contentHash, ok: true, url: outcome.url }
        : {
            contentHash: image.contentHash,
            ok: false,
            error: {
              errorClass: outcome.errorClass,
              message: outcome.message,
              ...(outcome.code ? { code: outcome.code } : {}),
            },
          };
    });
  }

  private async migrate(urls: string[], signal: AbortSignal | undefined): Promise<Map<string, UrlOutcome>> {
    try {
      const res = await this.client.post("/images/migrate", { payload: migrateImagesPayload(urls) }, { signal });
      const batchId = batchIdOf(parseWire(migrateAnswer, res, "images/migrate"));
      const data = await this.poll(batchId, signal);
      if (!data) {
        const message = `Daraz had not finished migrating batch ${batchId} after ${this.pollTimeoutMs} ms`;
        return everyUrl(urls, { ok: false, errorClass: "transient", code: "MIGRATE_TIMEOUT", message });
      }
      return batchOutcomes(urls, data);
    } catch (err) {
      rethrowChannelStop(err);
      // A batch Daraz refused for its images (E301-E303) fails those images; any other error is the gateway's.
      if (!IMAGE_FAILURE_CODES.has(err.code ?? "")) throw err;
      return everyUrl(urls, failureOutcome(err.code, err.message));
    }
  }

  /** Polls until the batch is done; undefined when the bounded wait ran out. */
  private async poll(batchId: string, signal: AbortSignal | undefined): Promise<ImageResponseData | undefined> {
    const deadline = Date.now() + this.pollTimeoutMs;
    try {
      for (;;) {
        await pause(this.pollIntervalMs, signal);
        const data = await this.read(() => this.pollOnce(batchId, signal), signal);
        if (data !== PROCESSING) return data;
        if (Date.now() + this.pollIntervalMs > deadline) return undefined;
      }
    } catch (err) {
      // The retry helper gives up with the signal's own reason; callers expect a channel error.
      if (signal?.aborted && !isChannelError(err)) throw aborted();
      throw err;
    }
  }

  private async pollOnce(
    batchId: string,
    signal: AbortSignal | undefined,
  ): Promise<ImageResponseData | typeof PROCESSING> {
    try {
      const res = await this.client.get("/image/response/get", { batch_id: batchId }, { signal });
      const data = parseWire(imageResponseData, res.data, "image/response/get");
      return data && (data.images !== undefined || data.errors !== undefined) ? data : PROCESSING;
    } catch (err) {
      if (isChannelError(err) && err.code === STILL_PROCESSING_CODE) return PROCESSING;
      throw err;
    }
  }
}

function ruleProblem(image: ImageToUpload): string | undefined {
  if (image.bytes.byteLength === 0) return undefined;
  const info = inspectImage(image.bytes);
  if (!info) return "Not a JPG or PNG image Daraz can read";
  const problems = imageRuleViolations(info, DARAZ_IMAGE_RULES);
  return problems.length > 0 ? `Daraz does not take this image: ${problems.join("; ")}` : undefined;
}

function everyUrl(urls: readonly string[], outcome: UrlOutcome): Map<string, UrlOutcome> {
  return new Map(urls.map((url) => [url, outcome]));
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return sleep(ms, undefined, signal ? { signal } : {});
}

function aborted(): ChannelError {
  return new TransientError("Request aborted by the caller", "ABORTED", DARAZ_CHANNEL);
}
