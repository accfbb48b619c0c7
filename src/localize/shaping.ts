import { htmlToText } from "./html.js";
import { type HtmlPolicy, sanitizeHtml } from "./sanitizeHtml.js";

/** Something the shaping changed that the seller should know about; it does not hold the listing back. */
export interface ShapingWarning {
  field: string;
  message: string;
}

const BASIC = ["p", "br", "ul", "ol", "li", "strong", "em", "b", "i"];
const TABLE = ["table", "thead", "tbody", "tr", "td", "th"];

/**
 * What each channel accepts in a description. Daraz: marketplace-hosted images only (its CDN, slatic.net, and
 * daraz.pk); Alibaba.com: no images (they must come from the photobank as product images); JD: its own image CDN
 * (360buyimg.com). Feeds take simple text markup. Override per account with settings.descriptionHtml.
 */
export const DESCRIPTION_POLICIES: Readonly<Record<string, HtmlPolicy>> = {
  daraz: { tags: [...BASIC, "img"], imageHosts: ["slatic.net", "daraz.pk"] },
  alibaba: { tags: ["p", "br", "ul", "li", "strong", ...TABLE], imageHosts: [] },
  jd: { tags: [...BASIC, "img", ...TABLE], imageHosts: ["360buyimg.com"] },
  feed: { tags: ["p", "br", "ul", "ol", "li", "b", "strong", "i", "em"], imageHosts: [] },
};

export const DEFAULT_DESCRIPTION_POLICY: HtmlPolicy = { tags: BASIC, imageHosts: [] };

export function descriptionPolicy(channel: string, override?: { tags?: string[]; imageHosts?: string[] }): HtmlPolicy {
  const base = DESCRIPTION_POLICIES[channel] ?? DEFAULT_DESCRIPTION_POLICY;
  return {
    tags: override?.tags ?? base.tags,
    imageHosts: override?.imageHosts ?? base.imageHosts,
  };
}

/** Han, kana, Hangul and CJK punctuation: scripts written without spaces, where any position is a word boundary. */
const CJK =
  /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;
const SPACE = /\s/u;
/** Punctuation that ends a word: a cut just before or after it never splits one. */
const BREAK = /[,;:|/)\]}、，；：）】》。！？!?]/u;
/** Left dangling at the end of a cut title: separators, opening brackets, joining words' punctuation. */
const TRAILING = /[\s,;:/|\\\-–—&+([{·•、，；：（【《]+$/u;

export interface FittedTitle {
  title: string;
  /** Length in characters (code points) before fitting. */
  originalLength: number;
  cut: boolean;
}

/**
 * Fits a title into `max` characters (code points, as channels count them). Cuts at the last word boundary at or
 * before the limit (a space, or any point next to a CJK character, so Chinese titles are cut right at the limit) and
 * trims separators left dangling. A single word longer than half the limit is cut at the limit instead.
 */
export function fitTitle(title: string, max: number): FittedTitle {
  const clean = title.replace(/\s+/g, " ").trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return { title: clean, originalLength: chars.length, cut: false };
  let cutAt = -1;
  for (let i = max; i > 0; i--) {
    const before = chars[i - 1] ?? "";
    const after = chars[i] ?? "";
    if ([before, after].some((c) => SPACE.test(c) || CJK.test(c) || BREAK.test(c))) {
      cutAt = i;
      break;
    }
  }
  if (cutAt < Math.ceil(max / 2)) cutAt = max;
  let fitted = chars.slice(0, cutAt).join("").replace(TRAILING, "");
  if (fitted === "") fitted = chars.slice(0, max).join("");
  return { title: fitted, originalLength: chars.length, cut: true };
}

export interface StockBuffer {
  /** Units kept back per variant. */
  units?: number;
  /** Percent of each variant's stock kept back (rounded up, so the channel never sees more than it should). */
  percent?: number;
}

/** Stock the channel is told: the larger of the two reserves is kept back, never below 0. */
export function bufferedQuantity(quantity: number, buffer?: StockBuffer): number {
  if (!buffer || quantity <= 0) return Math.max(0, quantity);
  const byPercent = buffer.percent ? Math.ceil((quantity * buffer.percent) / 100 - 1e-9) : 0;
  const reserve = Math.max(buffer.units ?? 0, byPercent);
  return Math.max(0, quantity - reserve);
}

export interface ContentToShape {
  title: string;
  description: string;
  bullets: string[];
  keywords: string[];
}

export interface ShapingRules {
  channel: string;
  /** The channel's title limit (capabilities) and the account's own, if stricter; the smallest applies. */
  maxTitleLength?: number | undefined;
  descriptionHtml?: { tags?: string[]; imageHosts?: string[] } | undefined;
  /** Description images already in the channel's store, by source URL (src/sync/descriptionImages.ts). */
  descriptionImages?: ReadonlyMap<string, string> | undefined;
}

/** Text fields are plain: markup and entities someone typed in are resolved; "size <5" stays as written. */
function plainText(value: string): string {
  return /<\/?[A-Za-z][^<>]*>|&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/i.test(value)
    ? htmlToText(value)
    : value.replace(/\s+/g, " ").trim();
}

/** Pure: one locale's content as one channel should carry it, with a warning for every visible change. */
export function shapeContent(
  content: ContentToShape,
  rules: ShapingRules,
): ContentToShape & { warnings: ShapingWarning[] } {
  const warnings: ShapingWarning[] = [];
  let title = plainText(content.title);
  if (rules.maxTitleLength && rules.maxTitleLength > 0) {
    const fitted = fitTitle(title, rules.maxTitleLength);
    if (fitted.cut) {
      warnings.push({
        field: "title",
        message: `title shortened from ${fitted.originalLength} to ${Array.from(fitted.title).length} characters to fit ${rules.channel}'s limit of ${rules.maxTitleLength}`,
      });
    }
    title = fitted.title;
  }
  const report = sanitizeHtml(content.description, {
    ...descriptionPolicy(rules.channel, rules.descriptionHtml),
    ...(rules.descriptionImages ? { imageSources: rules.descriptionImages } : {}),
  });
  const removed: string[] = [];
  if (report.removedElements.length > 0)
    removed.push(`removed ${report.removedElements.map((e) => `<${e}>`).join(", ")}`);
  if (report.removedLinks > 0) removed.push(`removed ${report.removedLinks} link(s) (text kept)`);
  if (report.droppedImages.length > 0) {
    removed.push(`dropped ${report.droppedImages.length} image(s) not hosted where ${rules.channel} allows`);
  }
  const handlers = report.removedAttributes.filter((a) => a.startsWith("on"));
  if (handlers.length > 0) removed.push(`removed event handlers (${handlers.join(", ")})`);
  if (removed.length > 0) warnings.push({ field: "description", message: `description: ${removed.join("; ")}` });
  const plain = (values: string[]) => values.map(plainText).filter((v) => v !== "");
  return {
    title,
    description: report.html,
    bullets: plain(content.bullets),
    keywords: plain(content.keywords),
    warnings,
  };
}
