import type { ProductInput } from "./payloadRules.js";
import type { SimProduct } from "./products.js";
import type { DarazTaxonomyStore } from "./taxonomyStore.js";
import { CLOSED_SELECT_TYPES, type DarazAttributeWire } from "./taxonomyWire.js";
import { bizFailure, type IopDetail, IopFailure } from "./wire.js";

/**
 * enforceTaxonomy: the checks Daraz makes against the category on create/update, judged on the product as it will
 * be after the call (an update is merged onto `existing`). In Daraz's order: the category (a leaf), undeclared sale
 * properties (4143), then every required attribute and closed-select value in one business failure.
 */
export function checkTaxonomy(input: ProductInput, existing: SimProduct | undefined, store: DarazTaxonomyStore): void {
  const categoryId = input.primaryCategory ?? existing?.primaryCategory ?? "";
  const category = store.lookup(categoryId);
  if (category.kind !== "leaf") {
    throw bizFailure([
      category.kind === "unknown"
        ? {
            code: "BIZ_CHECK_CATEGORY_NOT_EXIST",
            field: "PrimaryCategory",
            message: `Category ${categoryId} does not exist`,
          }
        : {
            code: "BIZ_CHECK_CATEGORY_NOT_LEAF",
            field: "PrimaryCategory",
            message: `Category ${categoryId} (${category.node.name}) is not a leaf category; choose one of its subcategories`,
          },
    ]);
  }
  const attributes = category.attributes;
  const saleProps = attributes.filter((a) => a.is_sale_prop === 1);
  const skus = effectiveSkus(input, existing);

  for (const sku of skus) {
    const undeclared = Object.keys(sku.saleProp).find((key) => !saleProps.some((a) => a.name === key));
    if (undeclared) {
      const message = `This variation attribute ${undeclared} is not found in the variation label, please make sure that this attribute is declared`;
      throw new IopFailure("4143", `BIZ_CHECK_SALEPROP_ATTRIBUTE_INVALID: ${message}`, "ISV", [
        { field: undeclared, message, seller_sku: sku.sellerSku, code: "BIZ_CHECK_SALEPROP_ATTRIBUTE_INVALID" },
      ]);
    }
  }

  const problems: Array<IopDetail & { code: string }> = [];
  const values = { ...existing?.attributes, ...input.attributes };
  for (const attribute of attributes) {
    if (attribute.attribute_type !== "normal") continue;
    const value = values[attribute.name]?.trim() ?? "";
    if (value === "") {
      if (attribute.is_mandatory === 1) problems.push(missing(attribute));
    } else if (!allowed(attribute, value)) {
      problems.push(invalid("BIZ_CHECK_ATTRIBUTE_VALUE_INVALID", attribute, value));
    }
  }
  for (const attribute of saleProps) {
    for (const sku of skus) {
      const value = sku.saleProp[attribute.name]?.trim() ?? "";
      if (value === "") {
        if (attribute.is_mandatory === 1) problems.push({ ...missing(attribute), seller_sku: sku.sellerSku });
      } else if (!allowed(attribute, value)) {
        problems.push({ ...invalid("BIZ_CHECK_SALEPROP_VALUE_INVALID", attribute, value), seller_sku: sku.sellerSku });
      }
    }
  }
  if (problems.length > 0) throw bizFailure(problems);
}

/** The SKUs the product will have, with the sale properties each will carry. */
function effectiveSkus(
  input: ProductInput,
  existing: SimProduct | undefined,
): Array<{ sellerSku: string; saleProp: Record<string, string> }> {
  const sent = new Map(input.skus.map((s) => [s.sellerSku, s]));
  const kept = (existing?.skus ?? [])
    .filter((s) => !sent.has(s.sellerSku))
    .map((s) => ({ sellerSku: s.sellerSku, saleProp: s.saleProp }));
  const current = new Map((existing?.skus ?? []).map((s) => [s.sellerSku, s.saleProp]));
  return [
    ...kept,
    ...input.skus.map((s) => ({ sellerSku: s.sellerSku, saleProp: s.saleProp ?? current.get(s.sellerSku) ?? {} })),
  ];
}

function allowed(attribute: DarazAttributeWire, value: string): boolean {
  if (!CLOSED_SELECT_TYPES.has(attribute.input_type) || attribute.options.length === 0) return true;
  const names = new Set(attribute.options.map((o) => o.en_name));
  const picked = attribute.input_type === "multiSelect" ? value.split(",").map((v) => v.trim()) : [value];
  return picked.every((v) => names.has(v));
}

function missing(attribute: DarazAttributeWire): IopDetail & { code: string } {
  return {
    code: "BIZ_CHECK_REQUIRED_ATTRIBUTE_MISSING",
    field: attribute.name,
    message: `${attribute.label} (${attribute.name}) is required in this category`,
  };
}

function invalid(code: string, attribute: DarazAttributeWire, value: string): IopDetail & { code: string } {
  const shown = attribute.options
    .slice(0, 8)
    .map((o) => o.en_name)
    .join(", ");
  return {
    code,
    field: attribute.name,
    message: `"${value}" is not an option of ${attribute.label} (${attribute.name}): ${shown}${attribute.options.length > 8 ? ", ..." : ""}`,
  };
}
