import { stringify } from "csv-stringify/sync";
import { FEED_LIMITS } from "./capabilities.js";
import { BARCODE_KEYS, type FeedProduct, type FeedState, type FeedVariant } from "./model.js";

/** One row of the feed: a variant, Google Merchant attribute names, grouped by item_group_id. */
export interface FeedItem {
  id: string;
  item_group_id: string;
  title: string;
  description: string;
  link: string;
  image_link: string;
  additional_image_link: string[];
  availability: "in_stock" | "out_of_stock";
  price: string;
  sale_price?: string;
  brand: string;
  gtin?: string;
  mpn?: string;
  condition: "new";
  product_type: string;
  color?: string;
  size?: string;
  shipping_weight?: string;
  /** Not a Google attribute: stock for consumers that keep it (tj:quantity in XML). */
  quantity: number;
  /** Content revision of the product (tj:revision), so a consumer knows what it reviewed. */
  revision: number;
}

export interface FeedMeta {
  title: string;
  link: string;
  description: string;
}

export const CSV_COLUMNS: ReadonlyArray<keyof FeedItem> = [
  "id",
  "item_group_id",
  "title",
  "description",
  "link",
  "image_link",
  "additional_image_link",
  "availability",
  "price",
  "sale_price",
  "brand",
  "gtin",
  "mpn",
  "condition",
  "product_type",
  "color",
  "size",
  "shipping_weight",
  "quantity",
  "revision",
];

export const TIJARAT_NS = "https://tijarat.dev/ns/feed/1.0";

/** Every variant still on sale, products in seller-SKU order. */
export function feedItems(state: FeedState): FeedItem[] {
  return Object.values(state.products)
    .sort((a, b) => (a.sellerSku < b.sellerSku ? -1 : a.sellerSku > b.sellerSku ? 1 : 0))
    .flatMap((p) => p.variants.filter((v) => !v.delisted).map((v) => itemOf(p, v)));
}

function itemOf(p: FeedProduct, v: FeedVariant): FeedItem {
  const images = [...new Set([...v.images, ...p.images])];
  const option = (pattern: RegExp) => Object.entries(v.options).find(([k]) => pattern.test(k))?.[1];
  const gtin = BARCODE_KEYS.map((k) => v.options[k]).find(Boolean);
  const item: FeedItem = {
    id: v.sellerSku,
    item_group_id: p.sellerSku,
    title: p.title,
    description: htmlToText(p.description).slice(0, FEED_LIMITS.maxDescriptionLength),
    link: p.link,
    image_link: images[0] ?? "",
    additional_image_link: images.slice(1, 1 + FEED_LIMITS.maxAdditionalImages),
    availability: v.quantity > 0 ? "in_stock" : "out_of_stock",
    price: `${v.price} ${p.currency}`,
    brand: p.brand,
    condition: "new",
    product_type: p.categoryId,
    quantity: v.quantity,
    revision: p.contentRevision,
  };
  if (v.salePrice !== undefined) item.sale_price = `${v.salePrice} ${p.currency}`;
  if (gtin) item.gtin = gtin;
  if (p.modelNumber) item.mpn = p.modelNumber;
  const color = option(/colou?r/i);
  if (color) item.color = color;
  const size = option(/size/i);
  if (size) item.size = size;
  if (v.weightKg !== undefined && v.weightKg > 0) item.shipping_weight = `${v.weightKg} kg`;
  return item;
}

/** CSV with a header row; additional images comma-separated as Google takes them. */
export function renderFeedCsv(items: readonly FeedItem[], opts: { bom?: boolean } = {}): string {
  return stringify(
    items.map((item) =>
      CSV_COLUMNS.map((col) => {
        const value = item[col];
        return Array.isArray(value) ? value.join(",") : value === undefined ? "" : String(value);
      }),
    ),
    { header: true, columns: [...CSV_COLUMNS], bom: opts.bom ?? false },
  );
}

/** RSS 2.0 with the Google Merchant namespace (g:) and ours (tj:) for quantity and revision. */
export function renderFeedXml(items: readonly FeedItem[], meta: FeedMeta, revision: number, builtAt: Date): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0" xmlns:tj="${TIJARAT_NS}">`,
    "<channel>",
    el("title", meta.title),
    el("link", meta.link),
    el("description", meta.description),
    el("lastBuildDate", builtAt.toUTCString()),
    el("tj:revision", String(revision)),
  ];
  for (const item of items) {
    out.push("<item>");
    out.push(el("g:id", item.id), el("g:item_group_id", item.item_group_id), el("title", item.title));
    out.push(el("description", item.description), el("link", item.link), el("g:image_link", item.image_link));
    for (const url of item.additional_image_link) out.push(el("g:additional_image_link", url));
    out.push(el("g:availability", item.availability), el("g:price", item.price));
    if (item.sale_price) out.push(el("g:sale_price", item.sale_price));
    out.push(el("g:brand", item.brand), el("g:condition", item.condition), el("g:product_type", item.product_type));
    if (item.gtin) out.push(el("g:gtin", item.gtin));
    if (item.mpn) out.push(el("g:mpn", item.mpn));
    if (item.color) out.push(el("g:color", item.color));
    if (item.size) out.push(el("g:size", item.size));
    if (item.shipping_weight) out.push(el("g:shipping_weight", item.shipping_weight));
    out.push(el("tj:quantity", String(item.quantity)), el("tj:revision", String(item.revision)));
    out.push("</item>");
  }
  out.push("</channel>", "</rss>", "");
  return out.join("\n");
}

function el(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

/** Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/U+FFFF) are dropped. */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, "&");
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Feed descriptions are plain text: list items become "• " lines, block ends become line breaks, tags go. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\s*(script|style)\b[\s\S]*?<\/\s*\1\s*>/gi, "")
    .replace(/<\s*li\b[^>]*>/gi, "\n• ")
    .replace(/<\s*br\s*\/?>|<\/\s*(p|div|li|ul|ol|h[1-6]|tr)\s*>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X"))
        return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}
