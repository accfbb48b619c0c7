import { unescapeXml } from "../render.js";

/** One <item> of the feed as a consumer reads it. */
export interface ParsedFeedItem {
  id: string;
  itemGroupId: string;
  title: string;
  description: string;
  link: string;
  imageLink: string;
  additionalImageLinks: string[];
  availability: string;
  /** "4500.00 PKR" split. */
  price: string;
  currency: string;
  salePrice?: string;
  brand?: string;
  quantity?: number;
  revision: number;
}

export interface ParsedFeed {
  revision: number;
  items: ParsedFeedItem[];
}

/**
 * Reads the RSS 2.0 feed this module writes (one element per line, no CDATA, no nesting inside an item). It is the
 * consumer side of the simulator, not a general XML parser.
 */
export function parseFeedXml(xml: string): ParsedFeed {
  const channelHead = xml.split("<item>")[0] ?? "";
  const revision = Number(/<tj:revision>(\d+)<\/tj:revision>/.exec(channelHead)?.[1] ?? 0);
  const items = [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => parseItem(m[1] ?? ""));
  return { revision, items };
}

function parseItem(body: string): ParsedFeedItem {
  const fields = new Map<string, string[]>();
  for (const m of body.matchAll(/<((?:[a-z]+:)?[a-z_]+)>([^<]*)<\/\1>/g)) {
    const name = m[1] ?? "";
    fields.set(name, [...(fields.get(name) ?? []), unescapeXml(m[2] ?? "")]);
  }
  const one = (name: string) => fields.get(name)?.[0];
  const [price = "", currency = ""] = (one("g:price") ?? "").split(" ");
  const item: ParsedFeedItem = {
    id: one("g:id") ?? "",
    itemGroupId: one("g:item_group_id") ?? one("g:id") ?? "",
    title: one("title") ?? "",
    description: one("description") ?? "",
    link: one("link") ?? "",
    imageLink: one("g:image_link") ?? "",
    additionalImageLinks: fields.get("g:additional_image_link") ?? [],
    availability: one("g:availability") ?? "",
    price,
    currency,
    revision: Number(one("tj:revision") ?? 0),
  };
  const sale = one("g:sale_price");
  if (sale) item.salePrice = sale.split(" ")[0] ?? sale;
  const brand = one("g:brand");
  if (brand) item.brand = brand;
  const quantity = one("tj:quantity");
  if (quantity !== undefined && quantity !== "") item.quantity = Number(quantity);
  return item;
}
