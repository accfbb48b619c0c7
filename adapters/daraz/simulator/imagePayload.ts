import { IopFailure } from "./wire.js";

export const MAX_IMAGES_PER_MIGRATE = 8;

/**
 * The `payload` of /images/migrate: the documented XML `<Request><Images><Url>..</Url></Images></Request>` or its JSON
 * twin `{"Request":{"Images":{"Url":[..]}}}`. Errors as the image API reports them (E005, E030).
 */
export function parseMigratePayload(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === "") throw new IopFailure("MissingParameter", "Missing parameter payload");
  const text = raw.trim();
  const urls = text.startsWith("<") ? xmlUrls(text) : jsonUrls(text);
  if (urls.length === 0) throw new IopFailure("30", "E030: Empty Request");
  if (urls.length > MAX_IMAGES_PER_MIGRATE) {
    throw new IopFailure("5", `E005: Invalid Request Format: ${urls.length} images, at most ${MAX_IMAGES_PER_MIGRATE}`);
  }
  return urls;
}

function xmlUrls(xml: string): string[] {
  const images = /<Images>([\s\S]*?)<\/Images>/.exec(xml);
  if (!images?.[1]) throw new IopFailure("5", "E005: Invalid Request Format: Request.Images is required");
  return [...images[1].matchAll(/<Url>([\s\S]*?)<\/Url>/g)].map((m) => unescapeXml((m[1] ?? "").trim()));
}

function jsonUrls(text: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new IopFailure("5", "E005: Invalid Request Format: payload is neither XML nor JSON");
  }
  const url = field(field(field(parsed, "Request"), "Images"), "Url");
  const list = Array.isArray(url) ? url : url === undefined ? [] : [url];
  if (list.some((u) => typeof u !== "string")) throw new IopFailure("5", "E005: Invalid Request Format: Url");
  return (list as string[]).map((u) => u.trim());
}

function field(value: unknown, key: string): unknown {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
