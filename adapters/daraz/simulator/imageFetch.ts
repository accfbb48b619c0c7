import { createHash } from "node:crypto";
import { type ImageInfo, imageRuleViolations, inspectImage } from "../../core/imageInfo.js";
import type { ImageRules } from "../../core/types.js";

export interface FetchedImage {
  ok: true;
  bytes: Buffer;
  info: ImageInfo;
  /** md5 hex of the bytes: Daraz's hash_code, and the name of the hosted file. */
  hashCode: string;
}

export interface ImageFailure {
  ok: false;
  code: "301" | "302" | "303";
  message: string;
}

/**
 * What Daraz does with one source URL: download it (bounded wait), then check the bytes against its rules. Failures
 * use the image API's codes: E302 URL not supported (or not served), E303 too large, E301 anything else.
 */
export async function fetchImage(
  sourceUrl: string,
  rules: ImageRules,
  timeoutMs: number,
): Promise<FetchedImage | ImageFailure> {
  let url: URL;
  try {
    url = new URL(sourceUrl);
  } catch {
    return { ok: false, code: "302", message: "E302: Not supported URL." };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { ok: false, code: "302", message: "E302: Not supported URL." };

  let bytes: Buffer;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, code: "302", message: `E302: Not supported URL. (the source answered HTTP ${res.status})` };
    }
    bytes = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    const reason = err instanceof Error && err.name === "TimeoutError" ? `timed out after ${timeoutMs} ms` : "failed";
    return { ok: false, code: "301", message: `E301: Migrate Image Failed: download ${reason}` };
  }

  const info = inspectImage(bytes);
  if (!info) return { ok: false, code: "301", message: "E301: Migrate Image Failed: not a JPG or PNG image" };
  const problems = imageRuleViolations(info, rules);
  if (problems.length > 0) {
    const tooLarge = info.bytes > rules.maxBytes || Math.max(info.width, info.height) > rules.maxPixels;
    return tooLarge
      ? { ok: false, code: "303", message: `E303: The image is too large (${problems.join("; ")})` }
      : { ok: false, code: "301", message: `E301: Migrate Image Failed: ${problems.join("; ")}` };
  }
  return { ok: true, bytes, info, hashCode: createHash("md5").update(bytes).digest("hex") };
}
