import type { NameValue, SimTier } from "./products.js";
import { BizFailure } from "./wire.js";

/**
 * How the simulator reads and checks `product_info` (listing/v2, update/v2) and the edit-price / edit-inventory
 * params, answering the documented msg_codes: the first problem found wins, as on the platform.
 */
export interface ContentRules {
  maxImages: number;
  maxTitleLength: number;
  maxKeywords: number;
  nonLeafCategories: ReadonlySet<string>;
  imageHostAllowlist?: readonly string[];
}

export interface SkuInput {
  skuCode: string;
  price?: string;
  inventory?: number;
  saleAttributes?: NameValue[];
  image?: string;
}

/** What a product_info carried; on update only the fields sent are set. */
export interface ProductInput {
  productId?: string;
  title?: string;
  description?: string;
  keywords?: string[];
  language?: string;
  images?: string[];
  modelNumber?: string;
  brandName?: string;
  categoryId?: string;
  attributes?: NameValue[];
  priceType?: string;
  currency?: string;
  tiers?: SimTier[];
  inventory?: number;
  moq?: number;
  unit?: string;
  skus?: SkuInput[];
  logistics?: Record<string, unknown>;
}

export interface SkuPriceInput {
  skuId: string;
  price: string;
}

export interface SkuInventoryInput {
  skuId: string;
  inventory: number;
}

const invalid = (message: string) => new BizFailure("B_PRODUCT_PARAM_INVALID", message);

export function parseProductInfoParam(
  raw: string | undefined,
  mode: "create" | "update",
  rules: ContentRules,
): ProductInput {
  const creating = mode === "create";
  const info = jsonObject(raw, "product_info");
  const basic = asObject(info.basic_info);
  if (!basic) {
    if (creating) throw new BizFailure("CHK_BASIC_REQUIRED", "basic_info is required");
  }
  const b = basic ?? {};
  const out: ProductInput = {};
  if (b.product_id !== undefined && b.product_id !== null && b.product_id !== "") out.productId = String(b.product_id);

  if (creating || b.title !== undefined) {
    const title = typeof b.title === "string" ? b.title.trim() : "";
    if (!title) throw new BizFailure("B_TITLE_NOT_FOUND", "The product title is missing");
    if (title.length > rules.maxTitleLength) {
      throw new BizFailure(
        "CHK_BASIC_MAX_LENGTH",
        `title is ${title.length} characters, more than the maximum length ${rules.maxTitleLength}`,
      );
    }
    out.title = title;
  }
  if (b.description !== undefined) out.description = String(b.description);
  if (b.language !== undefined) out.language = String(b.language);
  if (b.model_number !== undefined) out.modelNumber = String(b.model_number);
  if (b.brand_name !== undefined) out.brandName = String(b.brand_name);

  if (creating || b.product_image !== undefined) {
    const images = Array.isArray(b.product_image)
      ? b.product_image.map((img) => (typeof img === "string" ? img : String(asObject(img)?.image_url ?? "")))
      : undefined;
    if (!images || images.length === 0) throw new BizFailure("CHK_BASIC_REQUIRED", "product_image is required");
    if (images.length > rules.maxImages) {
      throw new BizFailure(
        "CHK_BASIC_MAX_LENGTH",
        `product_image has ${images.length} images, at most ${rules.maxImages}`,
      );
    }
    const bad = images.find((url) => !imageOk(url, rules));
    if (bad !== undefined) throw new BizFailure("B_CONTAINS_INVALID_IMAGE", `Invalid image URL: ${bad || "(empty)"}`);
    out.images = images;
  }

  if (b.keywords !== undefined) {
    const keywords = Array.isArray(b.keywords) ? b.keywords.map(String) : [String(b.keywords)];
    if (keywords.length > rules.maxKeywords) throw invalid(`keywords: at most ${rules.maxKeywords}`);
    const bad = keywords.find((k) => k.trim() === "" || /[,;]/.test(k));
    if (bad !== undefined) throw invalid(`keywords: "${bad}" is empty or contains ',' or ';'`);
    out.keywords = keywords;
  }

  const category = asObject(info.category_info);
  if (category?.category_id !== undefined && category.category_id !== null && category.category_id !== "") {
    const id = String(category.category_id);
    if (rules.nonLeafCategories.has(id)) {
      throw new BizFailure(
        "CHK_CAT_NOT_LEAF",
        `Category ${id} is not a leaf category; choose one of its sub-categories`,
      );
    }
    out.categoryId = id;
  }

  if (info.attributes !== undefined) {
    if (!Array.isArray(info.attributes)) throw invalid("attributes must be an array");
    out.attributes = nameValues(info.attributes, "attributes");
  }

  const trade = asObject(info.trade_info);
  if (trade) parseTrade(trade, creating, out);
  else if (creating) throw new BizFailure("B_PRICE_ALL_NULL", "The SPU price and the SKU prices cannot both be empty");

  const logistics = asObject(info.logistics_info);
  if (logistics) out.logistics = { ...logistics };
  return out;
}

function parseTrade(trade: Record<string, unknown>, creating: boolean, out: ProductInput): void {
  const price = asObject(trade.price);
  if (price) {
    const currency = String(price.currency ?? "USD");
    if (currency !== "USD") throw invalid(`currency ${currency} is not supported; FOB prices are in USD`);
    out.currency = currency;
    const type = String(price.price_type ?? "TIERED");
    if (type !== "TIERED" && type !== "RANGE") throw invalid(`price_type must be TIERED or RANGE, got ${type}`);
    out.priceType = type;
    if (price.tiered_price !== undefined) out.tiers = parseTiers(price.tiered_price);
  }
  const skuNodes = trade.sku_info;
  if (skuNodes !== undefined && !Array.isArray(skuNodes)) throw invalid("sku_info must be an array");
  const skus = (Array.isArray(skuNodes) ? skuNodes : []).map((node, i) => parseSku(node, i));
  if (Array.isArray(skuNodes)) out.skus = skus;
  const hasSpuPrice = (out.tiers?.length ?? 0) > 0 || asObject(price?.range_price) !== undefined;
  if (creating && !hasSpuPrice && !skus.some((s) => s.price !== undefined)) {
    throw new BizFailure("B_PRICE_ALL_NULL", "The SPU price and the SKU prices cannot both be empty");
  }
  const codes = new Set<string>();
  for (const sku of skus) {
    if (codes.has(sku.skuCode)) throw invalid(`sku_code ${sku.skuCode} is used twice`);
    codes.add(sku.skuCode);
  }
  if (skus.length > 1 && skus.some((s) => !s.saleAttributes || s.saleAttributes.length === 0)) {
    throw invalid("Every SKU of a multi-SKU product needs sale_attributes");
  }
  if (trade.moq !== undefined) {
    const moq = Number(trade.moq);
    if (!Number.isInteger(moq) || moq < 1) throw invalid(`moq must be a whole number >= 1, got ${String(trade.moq)}`);
    out.moq = moq;
  }
  if (trade.inventory !== undefined) out.inventory = wholeNonNegative(trade.inventory, "inventory");
  if (trade.unit !== undefined) out.unit = String(trade.unit);
}

function parseSku(node: unknown, i: number): SkuInput {
  const sku = asObject(node);
  if (!sku) throw invalid(`sku_info[${i}] must be an object`);
  const skuCode = typeof sku.sku_code === "string" ? sku.sku_code.trim() : "";
  if (!skuCode) throw new BizFailure("CHK_BASIC_REQUIRED", `sku_info[${i}].sku_code is required`);
  const out: SkuInput = { skuCode };
  if (sku.sku_price !== undefined && sku.sku_price !== null) out.price = usd(sku.sku_price, `sku_info[${i}].sku_price`);
  if (sku.inventory !== undefined) out.inventory = wholeNonNegative(sku.inventory, `sku_info[${i}].inventory`);
  if (sku.sale_attributes !== undefined) {
    if (!Array.isArray(sku.sale_attributes)) throw invalid(`sku_info[${i}].sale_attributes must be an array`);
    out.saleAttributes = nameValues(sku.sale_attributes, `sku_info[${i}].sale_attributes`);
  }
  if (typeof sku.image === "string" && sku.image) out.image = sku.image;
  return out;
}

/** Ladder prices: quantity rises, price falls, no duplicate quantities, 2 decimals. */
export function parseTiers(value: unknown): SimTier[] {
  if (!Array.isArray(value)) throw invalid("tiered_price must be an array");
  const tiers = value.map((node, i) => {
    const tier = asObject(node);
    const quantity = Number(tier?.quantity);
    if (!tier || !Number.isInteger(quantity) || quantity < 1) {
      throw invalid(`tiered_price[${i}].quantity must be a whole number >= 1`);
    }
    return { quantity, price: usd(tier.price, `tiered_price[${i}].price`) };
  });
  for (let i = 1; i < tiers.length; i++) {
    const prev = tiers[i - 1];
    const cur = tiers[i];
    if (!prev || !cur) continue;
    if (cur.quantity <= prev.quantity || Number(cur.price) >= Number(prev.price)) {
      throw new BizFailure(
        "B_PRICE_SEQUENCE_INVALID",
        "Tiered prices must descend as the quantity rises, without duplicate quantities",
      );
    }
  }
  return tiers;
}

/** edit-price: SKU prices or an SPU price, never both, never neither. */
export function parseEditPrice(params: Record<string, string>): { skuPrices?: SkuPriceInput[]; spuTiers?: SimTier[] } {
  const hasSpu = params.price !== undefined && params.price !== "";
  const hasSku = params.sku_price !== undefined && params.sku_price !== "";
  if (hasSpu && hasSku)
    throw new BizFailure("B_PRICE_CONFLICT", "SPU price and SKU prices cannot be processed together");
  if (!hasSpu && !hasSku)
    throw new BizFailure("B_PRICE_ALL_NULL", "The SPU price and the SKU prices cannot both be empty");
  if (hasSku) {
    const list = jsonValue(params.sku_price, "sku_price");
    if (!Array.isArray(list) || list.length === 0) throw invalid("sku_price must be a non-empty array");
    return {
      skuPrices: list.map((node, i) => {
        const item = asObject(node);
        if (!item || item.sku_id === undefined) throw invalid(`sku_price[${i}].sku_id is required`);
        return { skuId: String(item.sku_id), price: usd(item.price, `sku_price[${i}].price`) };
      }),
    };
  }
  const price = asObject(jsonValue(params.price, "price"));
  if (!price) throw invalid("price must be an object");
  if (String(price.currency ?? "USD") !== "USD") throw invalid("edit-price takes USD only");
  return { spuTiers: parseTiers(price.tiered_price ?? []) };
}

/** edit-inventory: sku_inventory as [{sku_id, inventory}] or {"<sku id>": n} (both seen), or an SPU inventory. */
export function parseEditInventory(params: Record<string, string>): {
  skuInventory?: SkuInventoryInput[];
  spuInventory?: number;
} {
  const hasSpu = params.inventory !== undefined && params.inventory !== "";
  const hasSku = params.sku_inventory !== undefined && params.sku_inventory !== "";
  if (hasSpu && hasSku) {
    throw new BizFailure("B_INVENTORY_CONFLICT", "SPU inventory and SKU inventory cannot be processed together");
  }
  if (!hasSpu && !hasSku) {
    throw new BizFailure("B_INVENTORY_ALL_NULL", "The SPU inventory and the SKU inventory cannot both be empty");
  }
  if (hasSpu) return { spuInventory: wholeNonNegative(params.inventory, "inventory") };
  const value = jsonValue(params.sku_inventory, "sku_inventory");
  const entries: Array<[unknown, unknown]> = Array.isArray(value)
    ? value.map((node) => [asObject(node)?.sku_id, asObject(node)?.inventory])
    : Object.entries(asObject(value) ?? {});
  if (entries.length === 0) throw invalid("sku_inventory must not be empty");
  return {
    skuInventory: entries.map(([skuId, inventory], i) => {
      if (skuId === undefined || skuId === null || skuId === "")
        throw invalid(`sku_inventory[${i}].sku_id is required`);
      return { skuId: String(skuId), inventory: wholeNonNegative(inventory, `sku_inventory[${i}].inventory`) };
    }),
  };
}

/** A USD amount: a plain decimal > 0; more than 2 decimals answers B_PRICE_SCALE_INVALID. */
export function usd(value: unknown, field: string): string {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) <= 0) throw invalid(`${field} must be a price > 0`);
  if ((text.split(".")[1]?.length ?? 0) > 2) {
    throw new BizFailure("B_PRICE_SCALE_INVALID", `${field} ${text} has more than 2 decimal places`);
  }
  return text;
}

export function wholeNonNegative(value: unknown, field: string): number {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0) throw invalid(`${field} must be a whole number >= 0, got ${String(value)}`);
  return n;
}

export function parseIdList(raw: string | undefined, field: string): string[] {
  if (raw === undefined || raw.trim() === "") throw invalid(`${field} is required`);
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    list = raw.split(",");
  }
  if (!Array.isArray(list) || list.length === 0) throw invalid(`${field} must be a non-empty array of product ids`);
  return list.map((id) => String(id).trim());
}

/** attribute_name/attribute_value pairs, or attribute_id with attribute_value_id or a typed attribute_value. */
function nameValues(list: unknown[], field: string): NameValue[] {
  return list.map((node, i) => {
    const item = asObject(node);
    const name = typeof item?.attribute_name === "string" ? item.attribute_name : "";
    const attributeId = wholeId(item?.attribute_id, `${field}[${i}].attribute_id`);
    if (!item || (name === "" && attributeId === undefined)) {
      throw invalid(`${field}[${i}].attribute_name is required`);
    }
    const valueId = wholeId(item.attribute_value_id, `${field}[${i}].attribute_value_id`);
    const value =
      item.attribute_value === undefined || item.attribute_value === null ? "" : String(item.attribute_value);
    if (value === "" && valueId === undefined && attributeId !== undefined) {
      throw invalid(`${field}[${i}] needs attribute_value_id or attribute_value`);
    }
    return {
      attribute_name: name,
      attribute_value: value,
      ...(attributeId !== undefined ? { attribute_id: attributeId } : {}),
      ...(valueId !== undefined ? { attribute_value_id: valueId } : {}),
    };
  });
}

function wholeId(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw invalid(`${field} must be a numeric id, got ${String(value)}`);
  return n;
}

function imageOk(url: string, rules: ContentRules): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return false;
    const hosts = rules.imageHostAllowlist;
    return !hosts || hosts.some((h) => parsed.hostname === h || parsed.hostname.endsWith(`.${h}`));
  } catch {
    return false;
  }
}

function jsonObject(raw: string | undefined, field: string): Record<string, unknown> {
  const value = asObject(jsonValue(raw, field));
  if (!value) throw invalid(`${field} must be a JSON object`);
  return value;
}

function jsonValue(raw: string | undefined, field: string): unknown {
  if (raw === undefined || raw === "") throw invalid(`${field} is required`);
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw invalid(`${field} is not valid JSON`);
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
