import type { CanonicalListing, CanonicalVariant } from "../core/types.js";

/**
 * Canonical listing -> the `product_info` JSON of /alibaba/icbu/product/listing/v2 (and update/v2, which takes the
 * same structure plus basic_info.product_id). Prices are FOB USD numbers with at most 2 decimals (the listing's decimal
 * strings, never computed floats); quantities are whole numbers. Alibaba.com has no sale price: salePrice is not sent.
 */
export type AlibabaNameValue = AlibabaNamedValue | AlibabaAttributeRef;

/** A free name/value pair (listing attribute keys that are not category attribute ids). */
export interface AlibabaNamedValue {
  attribute_name: string;
  attribute_value: string;
}

/**
 * A category attribute by id (the key of a RemoteAttribute): an option by attribute_value_id, or a typed
 * attribute_value where the attribute takes custom values. listing/v2 documents attribute_name/attribute_value, so the
 * names read from the category's attributes go along with the ids.
 */
export interface AlibabaAttributeRef {
  attribute_id: number;
  attribute_name?: string;
  attribute_value_id?: number;
  attribute_value?: string;
}

/** Attribute names (and their option names) by attribute id and value id, from the category's attributes. */
export type AttributeNames = ReadonlyMap<string, { name: string; values: ReadonlyMap<string, string>; multi: boolean }>;

export interface AlibabaTier {
  quantity: number;
  price: number;
}

export interface AlibabaSkuInfo {
  sku_code: string;
  sku_price: number;
  inventory: number;
  sale_attributes: AlibabaNameValue[];
  image?: string;
}

export interface AlibabaProductInfo {
  basic_info: {
    product_id?: number | string;
    title: string;
    description: string;
    keywords: string[];
    language: "en_US";
    product_image: Array<{ image_url: string }>;
    model_number?: string;
    brand_name?: string;
  };
  category_info: { category_id: number | string };
  attributes: AlibabaNameValue[];
  trade_info: {
    price: { price_type: "TIERED"; currency: "USD"; tiered_price: AlibabaTier[] };
    inventory: number;
    moq: number;
    unit: string;
    sku_info: AlibabaSkuInfo[];
  };
  logistics_info: {
    shipping_template_id?: string;
    dimension: { length: number; width: number; height: number };
    weight: string;
  };
}

export interface ProductInfoOptions {
  /** Sales unit when the listing has no `unit` attribute (Piece, Pair, Set, Kilogram, ...). Default "Piece". */
  unit?: string;
  /** Freight template made beforehand in the seller's back office. */
  shippingTemplateId?: string;
  /** Names for attribute and value ids (listing attributes and sale attributes keyed by category attribute id). */
  attributeNames?: AttributeNames;
}

/** Canonical attribute keys the builder places itself; all others go to attributes[]. */
const PLACED_ATTRIBUTES = new Set(["unit"]);

const ID = /^\d{1,15}$/;

export function buildProductInfo(
  listing: CanonicalListing,
  productId?: string,
  opts: ProductInfoOptions = {},
): AlibabaProductInfo {
  const first = listing.variants[0];
  const names = opts.attributeNames;
  const attributes: AlibabaNameValue[] = [];
  for (const [name, value] of Object.entries(listing.attributes)) {
    if (!PLACED_ATTRIBUTES.has(name) && value !== "") attributes.push(...wireAttributes(name, value, names));
  }
  const basic: AlibabaProductInfo["basic_info"] = {
    ...(productId ? { product_id: idValue(productId) } : {}),
    title: listing.title,
    description: describe(listing),
    keywords: [...listing.keywords],
    language: "en_US",
    product_image: listing.images.map((url) => ({ image_url: url })),
  };
  if (listing.modelNumber) basic.model_number = listing.modelNumber;
  if (listing.brand.trim()) basic.brand_name = listing.brand;
  return {
    basic_info: basic,
    category_info: { category_id: idValue(listing.categoryId) },
    attributes,
    trade_info: {
      price: { price_type: "TIERED", currency: "USD", tiered_price: tieredPrice(listing) },
      inventory: listing.variants.reduce((sum, v) => sum + v.quantity, 0),
      moq: moqOf(listing),
      unit: listing.attributes.unit || opts.unit || "Piece",
      sku_info: listing.variants.map((v) => skuInfo(v, names)),
    },
    logistics_info: {
      ...(opts.shippingTemplateId ? { shipping_template_id: opts.shippingTemplateId } : {}),
      dimension: {
        length: first?.package.lengthCm ?? 0,
        width: first?.package.widthCm ?? 0,
        height: first?.package.heightCm ?? 0,
      },
      weight: String(first?.package.weightKg ?? 0),
    },
  };
}

/** The listing's MOQ, else the first tier's quantity, else 1. */
export function moqOf(listing: CanonicalListing): number {
  return listing.moq ?? listing.tiers?.[0]?.minQuantity ?? 1;
}

/** listing.tiers as sent, or one tier at the MOQ with the first variant's price when the listing has no tiers. */
export function tieredPrice(listing: CanonicalListing): AlibabaTier[] {
  if (listing.tiers && listing.tiers.length > 0) {
    return listing.tiers.map((t) => ({ quantity: t.minQuantity, price: Number(t.price) }));
  }
  return [{ quantity: moqOf(listing), price: Number(listing.variants[0]?.price ?? 0) }];
}

function skuInfo(variant: CanonicalVariant, names: AttributeNames | undefined): AlibabaSkuInfo {
  const sku: AlibabaSkuInfo = {
    sku_code: variant.sellerSku,
    sku_price: Number(variant.price),
    inventory: variant.quantity,
    sale_attributes: Object.entries(variant.options).flatMap(([name, value]) => wireAttributes(name, value, names)),
  };
  if (variant.images[0]) sku.image = variant.images[0];
  return sku;
}

/**
 * One canonical attribute on the wire. Keys that are category attribute ids (from the taxonomy) go by id; a value is
 * an option id when it names one of the attribute's options (or, without names at hand, when it is a number), else
 * typed text; a multi-select value ("id1,id2") becomes one entry per value. Any other key is a free name/value pair.
 */
export function wireAttributes(key: string, value: string, names?: AttributeNames): AlibabaNameValue[] {
  if (!ID.test(key)) return [{ attribute_name: key, attribute_value: value }];
  const known = names?.get(key);
  const parts = known?.multi ? value.split(",").map((p) => p.trim()) : [value];
  return parts.filter((p) => p !== "").map((part) => attributeRef(Number(key), part, known));
}

function attributeRef(
  attributeId: number,
  value: string,
  known: { name: string; values: ReadonlyMap<string, string> } | undefined,
): AlibabaAttributeRef {
  const optionName = known?.values.get(value);
  const isOption = optionName !== undefined || (!known && ID.test(value));
  const text = isOption ? optionName : value;
  return {
    attribute_id: attributeId,
    ...(known ? { attribute_name: known.name } : {}),
    ...(isOption ? { attribute_value_id: Number(value) } : {}),
    ...(text !== undefined ? { attribute_value: text } : {}),
  };
}

/** Canonical keys that are attribute ids read from the category tree. */
export function usesAttributeIds(listing: CanonicalListing): boolean {
  return (
    Object.keys(listing.attributes).some((k) => ID.test(k)) ||
    listing.variants.some((v) => Object.keys(v.options).some((k) => ID.test(k)))
  );
}

/** sku_price[] of /icbu/product/edit-price (SKU prices only; never together with an SPU price). */
export function buildSkuPrices(items: ReadonlyArray<{ skuId: string; price: string }>) {
  return items.map((i) => ({ sku_id: idValue(i.skuId), price: Number(i.price) }));
}

/** sku_inventory[] of /icbu/product/edit-inventory (SKU stock only; never together with an SPU inventory). */
export function buildSkuInventory(items: ReadonlyArray<{ skuId: string; quantity: number }>) {
  return items.map((i) => ({ sku_id: idValue(i.skuId), inventory: i.quantity }));
}

/** Alibaba has no bullet field: bullets lead the HTML description as a list of key features. */
function describe(listing: CanonicalListing): string {
  if (listing.bullets.length === 0) return listing.description;
  return `<ul>${listing.bullets.map((b) => `<li>${escapeHtml(b)}</li>`).join("")}</ul>${listing.description}`;
}

/** Ids are numbers on the wire; anything that is not a plain integer is passed through as a string. */
function idValue(id: string): number | string {
  return ID.test(id) ? Number(id) : id;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
