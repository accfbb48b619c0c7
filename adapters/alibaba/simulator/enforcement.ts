import type { SimPhotobank } from "./photobank.js";
import type { ProductInput } from "./productInfo.js";
import type { NameValue, SimProduct } from "./products.js";
import type { SimTaxonomy } from "./taxonomy.js";
import type { SimAttributeDef } from "./taxonomyData.js";
import { BizFailure } from "./wire.js";

/** Checks a listing/v2 or update/v2 call must pass, each off unless switched on. */
export interface SimEnforcement {
  /** The category must exist and be a leaf; required attributes present; option values among the options. */
  enforceTaxonomy: boolean;
  /** Every image (product_image, SKU images, <img> in the description) must come from this simulator's photobank. */
  requireHostedImages: boolean;
}

export interface AdmitContext {
  taxonomy: SimTaxonomy;
  photobank: SimPhotobank;
  enforcement: SimEnforcement;
}

const invalid = (message: string) => new BizFailure("B_PRODUCT_PARAM_INVALID", message);
const IMG_SRC = /<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/gi;

/**
 * What the platform does with product_info before storing it: attribute and option names are filled in from ids
 * the category knows, then the switched-on checks run (images first, as the content checks do). `current` is the
 * product an update/v2 call edits.
 */
export function admitProduct(input: ProductInput, ctx: AdmitContext, current?: SimProduct): void {
  const categoryId = input.categoryId ?? current?.categoryId;
  const defs = categoryId ? ctx.taxonomy.attributesOf(categoryId) : [];
  if (input.attributes) input.attributes = input.attributes.map((a) => named(a, defs));
  for (const sku of input.skus ?? []) {
    if (sku.saleAttributes) sku.saleAttributes = sku.saleAttributes.map((a) => named(a, defs));
  }
  if (ctx.enforcement.requireHostedImages) checkHostedImages(input, ctx.photobank);
  if (ctx.enforcement.enforceTaxonomy && categoryId) checkTaxonomy(input, categoryId, ctx.taxonomy, current);
}

function checkHostedImages(input: ProductInput, photobank: SimPhotobank): void {
  const urls = [
    ...(input.images ?? []),
    ...(input.skus ?? []).flatMap((s) => (s.image ? [s.image] : [])),
    ...[...(input.description ?? "").matchAll(IMG_SRC)].map((m) => m[1] ?? ""),
  ];
  const foreign = urls.find((url) => !photobank.issued(url));
  if (foreign !== undefined) {
    throw new BizFailure(
      "B_CONTAINS_INVALID_IMAGE",
      `Image ${foreign || "(empty)"} is not in the seller's photobank; upload it with alibaba.icbu.photobank.upload`,
    );
  }
}

function checkTaxonomy(input: ProductInput, categoryId: string, taxonomy: SimTaxonomy, current?: SimProduct): void {
  if (!taxonomy.get(categoryId)) {
    throw invalid(`category_id ${categoryId} does not exist; choose a category from the current category tree`);
  }
  if (!taxonomy.isLeaf(categoryId)) {
    throw new BizFailure("CHK_CAT_NOT_LEAF", `Category ${categoryId} is not a leaf category; choose a sub-category`);
  }
  const defs = taxonomy.attributesOf(categoryId);
  const productDefs = defs.filter((d) => !d.sale);
  const attributes = input.attributes ?? current?.attributes ?? [];
  for (const entry of attributes) {
    const def = matching(entry, productDefs);
    if (def) checkValue(def, entry, "attributes");
    else if (entry.attribute_id !== undefined) {
      throw invalid(`attribute ${entry.attribute_id} is not an attribute of category ${categoryId}`);
    }
  }
  const basic = {
    brand_name: input.brandName ?? current?.brandName ?? "",
    model_number: input.modelNumber ?? current?.modelNumber ?? "",
  };
  for (const def of productDefs.filter((d) => d.required)) {
    const given = attributes.some((a) => matching(a, [def]) && hasValue(a));
    if (!given && !(def.filledBy && basic[def.filledBy].trim() !== "")) throw required(def, categoryId);
  }

  const saleDefs = defs.filter((d) => d.sale);
  for (const sku of input.skus ?? []) {
    const sale = sku.saleAttributes ?? [];
    for (const entry of sale) {
      const def = matching(entry, saleDefs);
      if (!def) {
        throw invalid(
          `${entry.attribute_name || entry.attribute_id} is not a sale attribute of category ${categoryId} (sku ${sku.skuCode})`,
        );
      }
      checkValue(def, entry, `sale_attributes of sku ${sku.skuCode}`);
    }
    const missing = saleDefs.find((d) => d.required && !sale.some((a) => matching(a, [d]) && hasValue(a)));
    if (missing) throw required(missing, categoryId, sku.skuCode);
  }
}

function checkValue(def: SimAttributeDef, entry: NameValue, where: string): void {
  if (def.values.length === 0) return;
  if (entry.attribute_value_id !== undefined) {
    if (!def.values.some((v) => v.id === entry.attribute_value_id)) {
      throw invalid(`${where}: value id ${entry.attribute_value_id} is not an option of ${def.name} (${def.id})`);
    }
    return;
  }
  const parts = def.multi ? entry.attribute_value.split(",") : [entry.attribute_value];
  for (const part of parts.map((p) => p.trim()).filter((p) => p !== "")) {
    if (def.values.some((v) => v.name.toLowerCase() === part.toLowerCase()) || def.customAllowed) continue;
    throw invalid(`${where}: "${part}" is not an option of ${def.name} (${def.id}), which takes no custom values`);
  }
}

/** Ids win; an entry without an id matches by name (case-insensitive). */
function matching(entry: NameValue, defs: SimAttributeDef[]): SimAttributeDef | undefined {
  if (entry.attribute_id !== undefined) return defs.find((d) => d.id === entry.attribute_id);
  const name = entry.attribute_name.trim().toLowerCase();
  return defs.find((d) => d.name.toLowerCase() === name);
}

function named(entry: NameValue, defs: SimAttributeDef[]): NameValue {
  if (entry.attribute_id === undefined) return entry;
  const def = defs.find((d) => d.id === entry.attribute_id);
  if (!def) return entry;
  const option = def.values.find((v) => v.id === entry.attribute_value_id);
  return {
    ...entry,
    attribute_name: entry.attribute_name || def.name,
    attribute_value: entry.attribute_value || option?.name || "",
  };
}

function hasValue(entry: NameValue): boolean {
  return entry.attribute_value_id !== undefined || entry.attribute_value.trim() !== "";
}

function required(def: SimAttributeDef, categoryId: string, skuCode?: string): BizFailure {
  const where = skuCode ? ` on sku ${skuCode}` : "";
  return new BizFailure(
    "CHK_BASIC_REQUIRED",
    `${def.name} (attribute ${def.id}) is required in category ${categoryId}${where}`,
  );
}
