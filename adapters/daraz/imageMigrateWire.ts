import { z } from "zod";

/**
 * /images/migrate and /image/response/get. The request is the documented XML
 * `<Request><Images><Url>..</Url>...</Images></Request>` (up to 8 URLs); the answer carries a top-level `batch_id`.
 * A finished batch answers `data: {images: [{hash_code, url}]}` in request order. Per-image failures and the source
 * URL on each entry are not in the public samples (unverified): entries are matched by `original_url` when present,
 * else by position, and failures are read from `data.errors: [{original_url, code, message}]`.
 */
export function migrateImagesPayload(urls: readonly string[]): string {
  const items = urls.map((url) => `<Url>${escapeXml(url)}</Url>`).join("");
  return `<?xml version="1.0" encoding="UTF-8" ?><Request><Images>${items}</Images></Request>`;
}

export const migrateAnswer = z.union([
  z.object({ batch_id: z.union([z.string().min(1), z.number()]).transform(String) }),
  z.object({ data: z.object({ batch_id: z.union([z.string().min(1), z.number()]).transform(String) }) }),
]);

export function batchIdOf(answer: z.output<typeof migrateAnswer>): string {
  return "batch_id" in answer ? answer.batch_id : answer.data.batch_id;
}

const migratedImage = z.object({
  url: z.string().min(1),
  hash_code: z.string().optional(),
  original_url: z.string().optional(),
});

const failedImage = z.object({
  original_url: z.string().optional(),
  url: z.string().optional(),
  code: z.union([z.string(), z.number()]).transform(String).optional(),
  message: z.string().optional(),
});

/** undefined data, or data with neither list, is a batch still being processed. */
export const imageResponseData = z
  .object({
    images: z.array(migratedImage).optional(),
    errors: z.array(failedImage).optional(),
  })
  .optional();

export type ImageResponseData = NonNullable<z.output<typeof imageResponseData>>;

export type UrlOutcome =
  | { ok: true; url: string }
  | { ok: false; errorClass: "transient" | "permanent"; code?: string; message: string };

/** Codes Daraz uses for images it could not take (E301 migrate failed, E302 URL not supported, E303 too large). */
export const IMAGE_FAILURE_CODES = new Set(["301", "302", "303"]);

/** Maps a finished batch back onto the source URLs it was asked for. */
export function batchOutcomes(urls: readonly string[], data: ImageResponseData): Map<string, UrlOutcome> {
  const out = new Map<string, UrlOutcome>();
  for (const failure of data.errors ?? []) {
    const source = failure.original_url ?? failure.url;
    if (source === undefined || !urls.includes(source)) continue;
    out.set(source, failureOutcome(failure.code, failure.message ?? "Daraz could not migrate the image"));
  }
  const unnamed: string[] = [];
  for (const image of data.images ?? []) {
    if (image.original_url !== undefined && urls.includes(image.original_url)) {
      out.set(image.original_url, { ok: true, url: image.url });
    } else if (image.original_url === undefined) unnamed.push(image.url);
  }
  // Without original_url the documented answer lists the images in request order; that holds only if none failed.
  const waiting = urls.filter((u) => !out.has(u));
  if (unnamed.length > 0 && unnamed.length === waiting.length && (data.errors ?? []).length === 0) {
    waiting.forEach((source, i) => {
      const url = unnamed[i];
      if (url) out.set(source, { ok: true, url });
    });
  }
  return out;
}

/** A download that failed or timed out on Daraz's side may work next time; a bad or oversized image will not. */
export function failureOutcome(code: string | undefined, message: string): UrlOutcome {
  const transient = code === "301" && /download|timed? ?out/i.test(message);
  return { ok: false, errorClass: transient ? "transient" : "permanent", ...(code ? { code } : {}), message };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
