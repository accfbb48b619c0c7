import { imageSize } from "image-size";
import type { ImageFormat, ImageRules } from "./types.js";

export interface ImageInfo {
  format: ImageFormat;
  width: number;
  height: number;
  bytes: number;
}

const FORMATS: Record<string, ImageFormat> = { jpg: "jpeg", png: "png", webp: "webp", gif: "gif" };

/** Format and pixel size read from the image header; null when the bytes are not an image of a known format. */
export function inspectImage(bytes: Uint8Array): ImageInfo | null {
  try {
    const size = imageSize(bytes);
    const format = size.type ? FORMATS[size.type] : undefined;
    if (!format || !size.width || !size.height) return null;
    return { format, width: size.width, height: size.height, bytes: bytes.byteLength };
  } catch {
    return null;
  }
}

/** Every way one image breaks a channel's rules (an empty list means it may be uploaded). */
export function imageRuleViolations(info: ImageInfo, rules: ImageRules): string[] {
  const problems: string[] = [];
  if (!rules.formats.includes(info.format))
    problems.push(`format ${info.format} not accepted (${rules.formats.join(", ")})`);
  if (info.bytes > rules.maxBytes) problems.push(`${info.bytes} bytes is over the ${rules.maxBytes}-byte limit`);
  const short = Math.min(info.width, info.height);
  const long = Math.max(info.width, info.height);
  if (short < rules.minPixels) problems.push(`${info.width}x${info.height} px is under ${rules.minPixels} px`);
  if (long > rules.maxPixels) problems.push(`${info.width}x${info.height} px is over ${rules.maxPixels} px`);
  if (rules.square && info.width !== info.height) problems.push(`${info.width}x${info.height} px is not square`);
  return problems;
}
