import type { CanonicalListing, CanonicalVariant } from "../core/types.js";

/**
 * Canonical listing -> the `product_info` JSON of /alibaba/icbu/product/listing/v2 (and update/v2, which takes the
 * same structure plus basic_info.product_id). Prices are FOB USD numbers with at most 2 decimals (the listing's decimal
 * strings, never computed floats); quantities are whole numbers. Alibaba.com has no sale price: salePrice is not sent.
 */
export interface AlibabaNameValue {
  attribute_name: string;
  attribute_value: string;
}

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
}

/** Canonical attribute keys the builder places itself; all others go to attributes[]. */
const PLACED_ATTRIBUTES = new Set(["unit"]);

export function buildProductInfo(
  listing: CanonicalListing,
  productId?: string,
  opts: ProductInfoOptions = {},
): AlibabaProductInfo {
  const first = listing.variants[0];
  const attributes: AlibabaNameValue[] = [];
  for (const [name, value] of Object.entries(listing.attributes)) {
    if (!PLACED_ATTRIBUTES.has(name) && value !== "") attributes.push({ attribute_name: name, attribute_value: value });
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
      sku_info: listing.variants.map(skuInfo),
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

function skuInfo(variant: CanonicalVariant): AlibabaSkuInfo {
  const sku: AlibabaSkuInfo = {
    sku_code: variant.sellerSku,
    sku_price: Number(variant.price),
    inventory: variant.quantity,
    sale_attributes: Object.entries(variant.options).map(([name, value]) => ({
      attribute_name: name,
      attribute_value: value,
    })),
  };
  if (variant.images[0]) sku.image = variant.images[0];
  return sku;
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
  return /^\d{1,15}$/.test(id) ? Number(id) : id;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
