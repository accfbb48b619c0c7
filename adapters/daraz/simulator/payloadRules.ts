import { bizFailure, type IopDetail, IopFailure } from "./wire.js";

/**
 * How the simulator reads and checks request payloads, as Daraz does: structure first (1001 when Image or Sku is not
 * an array), then business checks (code 500 + BIZ_CHECK_* details, 4142 for an unknown brand).
 */
export interface SkuInput {
  sellerSku: string;
  skuId?: string;
  quantity?: unknown;
  price?: unknown;
  specialPrice?: unknown;
  package: { length?: unknown; width?: unknown; height?: unknown; weight?: unknown };
  packageContent?: string;
  saleProp?: Record<string, string>;
  images?: string[];
}

export interface ProductInput {
  itemId?: string;
  primaryCategory?: string;
  images?: string[];
  attributes: Record<string, string>;
  skus: SkuInput[];
}

export interface PriceQuantityInput {
  itemId?: string;
  skuId?: string;
  sellerSku?: string;
  price?: unknown;
  salePrice?: unknown;
  quantity?: unknown;
}

export interface ContentRules {
  brandAllowlist?: string[];
  imageHostAllowlist?: string[];
  maxImages: number;
  maxTitleLength: number;
  maxDescriptionLength: number;
}

const NOT_JSON = "The parameters are not in JSON format or do not match the API's format";

export function parseProductPayload(raw: string | undefined): ProductInput {
  const product = requestProduct(raw);
  const images = imageArray(product.Images, "Images");
  const skusNode = asObject(product.Skus);
  if (!skusNode || !Array.isArray(skusNode.Sku)) throw structural("Skus.Sku must be an array");
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(asObject(product.Attributes) ?? {})) {
    if (value !== null && value !== undefined && typeof value !== "object") attributes[key] = String(value);
  }
  return {
    ...(product.ItemId !== undefined ? { itemId: String(product.ItemId) } : {}),
    ...(product.PrimaryCategory !== undefined ? { primaryCategory: String(product.PrimaryCategory) } : {}),
    ...(images ? { images } : {}),
    attributes,
    skus: skusNode.Sku.map((node, i) => {
      const sku = asObject(node);
      if (!sku) throw structural(`Skus.Sku[${i}] must be an object`);
      const skuImages = imageArray(sku.Images, `Skus.Sku[${i}].Images`);
      const saleProp = asObject(sku.saleProp);
      return {
        sellerSku: String(sku.SellerSku ?? ""),
        ...(sku.SkuId !== undefined ? { skuId: String(sku.SkuId) } : {}),
        quantity: sku.quantity,
        price: sku.price,
        specialPrice: sku.special_price,
        package: {
          length: sku.package_length,
          width: sku.package_width,
          height: sku.package_height,
          weight: sku.package_weight,
        },
        ...(sku.package_content !== undefined ? { packageContent: String(sku.package_content) } : {}),
        ...(saleProp ? { saleProp: Object.fromEntries(Object.entries(saleProp).map(([k, v]) => [k, String(v)])) } : {}),
        ...(skuImages ? { images: skuImages } : {}),
      };
    }),
  };
}

/** Business checks on a create (everything required) or an update (only what is sent). */
export function checkProduct(input: ProductInput, mode: "create" | "update", rules: ContentRules): void {
  const problems: Array<IopDetail & { code: string }> = [];
  const add = (code: string, field: string, message: string, sellerSku?: string) =>
    problems.push({ code, field, message, ...(sellerSku ? { seller_sku: sellerSku } : {}) });
  const creating = mode === "create";
  const a = input.attributes;

  if (creating && !input.primaryCategory)
    add("BIZ_CHECK_CATEGORY_REQUIRED", "PrimaryCategory", "PrimaryCategory is required");
  if (creating || a.name !== undefined) {
    if (!a.name?.trim()) add("BIZ_CHECK_REQUIRED_ATTRIBUTE_MISSING", "name", "name is required");
    else if (a.name.length > rules.maxTitleLength)
      add("BIZ_CHECK_NAME_TOO_LONG", "name", `name exceeds ${rules.maxTitleLength} characters`);
  }
  if ((a.description ?? "").length > rules.maxDescriptionLength) {
    add(
      "BIZ_CHECK_DESCRIPTION_TOO_LONG",
      "description",
      `description exceeds ${rules.maxDescriptionLength} characters`,
    );
  }
  if (creating && !a.brand?.trim() && !a.brand_id)
    add("BIZ_CHECK_REQUIRED_ATTRIBUTE_MISSING", "brand", "brand is required");
  if (creating && (!input.images || input.images.length === 0))
    add("BIZ_CHECK_IMAGE_REQUIRED", "Images", "At least one image is required");
  const imageLists = [input.images ?? [], ...input.skus.map((s) => s.images ?? [])];
  if (imageLists.some((list) => list.length > rules.maxImages)) {
    add("BIZ_CHECK_IMAGE_COUNT_EXCEEDED", "Images", `At most ${rules.maxImages} images per Image list`);
  }
  if (rules.imageHostAllowlist) {
    const foreign = imageLists.flat().find((url) => !hostAllowed(url, rules.imageHostAllowlist ?? []));
    if (foreign)
      add("BIZ_CHECK_IMAGE_URL_INVALID", "Images", `Only marketplace-hosted images are accepted: ${foreign}`);
  }
  if (creating && input.skus.length === 0) add("BIZ_CHECK_SKU_REQUIRED", "Skus", "At least one Sku is required");
  if (input.skus.length > 1 && input.skus.some((s) => !s.saleProp || Object.keys(s.saleProp).length === 0)) {
    add("BIZ_CHECK_SALEPROP_REQUIRED", "saleProp", "Every Sku of a multi-Sku product needs saleProp values");
  }
  const seen = new Set<string>();
  for (const s of input.skus) {
    if (!s.sellerSku) add("BIZ_CHECK_SELLER_SKU_REQUIRED", "SellerSku", "SellerSku is required");
    else if (seen.has(s.sellerSku))
      add("BIZ_CHECK_SELLER_SKU_DUPLICATE", "SellerSku", "SellerSku used twice", s.sellerSku);
    seen.add(s.sellerSku);
    if (creating || s.price !== undefined) {
      if (!positiveDecimal(s.price))
        add("BIZ_CHECK_PRICE_INVALID", "price", `price must be > 0, got ${String(s.price)}`, s.sellerSku);
    }
    if (s.specialPrice !== undefined && s.specialPrice !== "" && !positiveDecimal(s.specialPrice)) {
      add("BIZ_CHECK_SPECIAL_PRICE_INVALID", "special_price", "special_price must be > 0", s.sellerSku);
    }
    if (creating || s.quantity !== undefined) {
      if (!wholeNonNegative(s.quantity)) {
        add(
          "BIZ_CHECK_QUANTITY_INVALID",
          "quantity",
          `quantity must be a whole number >= 0, got ${String(s.quantity)}`,
          s.sellerSku,
        );
      }
    }
    if (creating) {
      for (const [name, value] of Object.entries(s.package)) {
        if (!positiveDecimal(value))
          add("BIZ_CHECK_PACKAGE_INVALID", `package_${name}`, `package_${name} is required`, s.sellerSku);
      }
    }
  }
  if (problems.length > 0) throw bizFailure(problems);
  // Checked last and answered on its own, as Daraz does: the brand must exist in this country.
  if (rules.brandAllowlist && a.brand !== undefined && !rules.brandAllowlist.includes(a.brand)) {
    throw new IopFailure(
      "4142",
      `Brand "${a.brand}" does not exist in this country (use brand_id from /brands/get)`,
      "ISV",
      [{ field: "brand", message: `Unknown brand ${a.brand}` }],
    );
  }
}

export function parsePriceQuantityPayload(raw: string | undefined, maxSkus: number): PriceQuantityInput[] {
  const product = requestProduct(raw);
  const skusNode = asObject(product.Skus);
  if (!skusNode || !Array.isArray(skusNode.Sku)) throw structural("Skus.Sku must be an array");
  if (skusNode.Sku.length > maxSkus) {
    throw new IopFailure(
      "InvalidParameter",
      `Too many SKUs in one request: ${skusNode.Sku.length} (at most ${maxSkus})`,
    );
  }
  return skusNode.Sku.map((node, i) => {
    const sku = asObject(node);
    if (!sku) throw structural(`Skus.Sku[${i}] must be an object`);
    return {
      ...(sku.ItemId !== undefined ? { itemId: String(sku.ItemId) } : {}),
      ...(sku.SkuId !== undefined ? { skuId: String(sku.SkuId) } : {}),
      ...(sku.SellerSku !== undefined ? { sellerSku: String(sku.SellerSku) } : {}),
      price: sku.Price,
      salePrice: sku.SalePrice,
      quantity: sku.Quantity,
    };
  });
}

/** seller_sku_list: a JSON array of seller SKUs, at most `max`. */
export function parseSellerSkuList(raw: string | undefined, name: string, max: number): string[] {
  if (raw === undefined || raw === "") throw new IopFailure("MissingParameter", `Missing parameter ${name}`);
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    list = undefined;
  }
  if (!Array.isArray(list) || list.some((x) => typeof x !== "string")) {
    throw new IopFailure("InvalidParameter", `${name} must be a JSON array of strings`);
  }
  if (list.length > max)
    throw new IopFailure("InvalidParameter", `${name} holds ${list.length} entries; at most ${max}`);
  return list as string[];
}

export function positiveDecimal(value: unknown): boolean {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  return /^\d+(\.\d+)?$/.test(text) && Number(text) > 0;
}

export function wholeNonNegative(value: unknown): boolean {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^-?\d+$/.test(value.trim())
        ? Number(value)
        : Number.NaN;
  return Number.isInteger(n) && n >= 0;
}

function requestProduct(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined || raw === "") throw new IopFailure("MissingParameter", "Missing parameter payload");
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    if (raw.trim().startsWith("<"))
      throw new IopFailure("InvalidParameter", "The simulator accepts JSON payloads only");
    throw structural(NOT_JSON);
  }
  const product = asObject(asObject(asObject(parsed)?.Request)?.Product);
  if (!product) throw structural("Request.Product is required");
  return product;
}

function imageArray(node: unknown, where: string): string[] | undefined {
  if (node === undefined) return undefined;
  const images = asObject(node);
  if (!images || !Array.isArray(images.Image)) throw structural(`${where}.Image must be an array`);
  return images.Image.map(String);
}

function structural(message: string): IopFailure {
  return new IopFailure("1001", `${NOT_JSON}: ${message}`);
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function hostAllowed(url: string, hosts: string[]): boolean {
  try {
    const host = new URL(url).hostname;
    return hosts.some((h) => host === h || host.endsWith(`.${h}`));
  } catch {
    return false;
  }
}
