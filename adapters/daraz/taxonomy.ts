import { PermanentError } from "../core/errors.js";
import type {
  CallContext,
  ChannelTaxonomy,
  RemoteAttribute,
  RemoteAttributeType,
  RemoteCategory,
} from "../core/types.js";
import { DARAZ_CHANNEL } from "./capabilities.js";
import type { DarazClient, DarazRead } from "./client.js";
import { parseWire } from "./parseWire.js";
import {
  type CategoryAttributeWire,
  type CategoryNodeWire,
  categoryAttributesData,
  categoryIdOf,
  categoryTreeData,
  isLeaf,
} from "./taxonomySchemas.js";

/**
 * Attributes buildProductPayload fills from the canonical listing itself (title, description, bullets, brand, model,
 * SKU price/stock/package, images), so the engine never asks a user to map them.
 */
const FROM_LISTING = new Set([
  "name",
  "description",
  "short_description",
  "brand",
  "model",
  "SellerSku",
  "price",
  "special_price",
  "quantity",
  "package_length",
  "package_width",
  "package_height",
  "package_weight",
]);

const TYPES: Record<string, RemoteAttributeType> = {
  text: "text",
  richText: "rich_text",
  numeric: "number",
  date: "date",
  singleSelect: "single_select",
  enumInput: "single_select",
  multiSelect: "multi_select",
  multiEnumInput: "multi_select",
};

/** Daraz names the unit in the label only: "Package Weight (kg)". */
const UNIT_IN_LABEL = /\((kg|g|cm|mm|m|ml|l|w|inch|inches)\)\s*$/i;

/** enumInput and multiEnumInput take a typed value besides the options; singleSelect and multiSelect do not. */
const CUSTOM_VALUE_TYPES = new Set(["enumInput", "multiEnumInput"]);

/** Daraz's category tree and per-leaf attributes, read through /category/tree/get and /category/attributes/get. */
export class DarazTaxonomy implements ChannelTaxonomy {
  constructor(
    private readonly client: DarazClient,
    private readonly read: DarazRead,
  ) {}

  async categoryTree(ctx: CallContext = {}): Promise<RemoteCategory[]> {
    const res = await this.read(() => this.client.get("/category/tree/get", {}, { signal: ctx.signal }), ctx.signal);
    return flattenCategoryTree(parseWire(categoryTreeData, res.data, "category tree"));
  }

  async categoryAttributes(categoryId: string, ctx: CallContext = {}): Promise<RemoteAttribute[]> {
    const res = await this.read(
      () => this.client.get("/category/attributes/get", { primary_category_id: categoryId }, { signal: ctx.signal }),
      ctx.signal,
    );
    const attributes = parseWire(categoryAttributesData, res.data, "category attributes");
    // Every leaf has at least name and brand; an empty list is Daraz's answer for a branch or an unknown id.
    if (attributes.length === 0) {
      throw new PermanentError(
        `Daraz lists no attributes for category ${categoryId}: it is not a leaf category or does not exist`,
        "CATEGORY_NOT_LEAF",
        DARAZ_CHANNEL,
      );
    }
    return attributes.map(remoteAttribute);
  }
}

/** Depth-first, so every parent comes before its children. */
export function flattenCategoryTree(roots: CategoryNodeWire[]): RemoteCategory[] {
  const out: RemoteCategory[] = [];
  const stack: Array<{ node: CategoryNodeWire; parentId: string | null }> = roots
    .map((node) => ({ node, parentId: null }))
    .reverse();
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { node, parentId } = next;
    const id = categoryIdOf(node);
    const children = node.children ?? [];
    out.push({ id, parentId, name: node.name, leaf: isLeaf(node) && children.length === 0 });
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ node: child, parentId: id });
    }
  }
  return out;
}

export function remoteAttribute(wire: CategoryAttributeWire): RemoteAttribute {
  const img = wire.input_type === "img";
  const attribute: RemoteAttribute = {
    key: wire.name,
    label: wire.label?.trim() || wire.name,
    required: wire.is_mandatory ?? false,
    type: TYPES[wire.input_type] ?? "text",
    options: wire.options.flatMap((o) => {
      // en_name is what create/update take; name may be in the request's language.
      const value = o.en_name || o.name;
      return value ? [{ value, label: o.name || value }] : [];
    }),
    variant: wire.is_sale_prop ?? false,
    // Image attributes (__images__, color_thumbnail) come from the listing's own media.
    fromListing: img || FROM_LISTING.has(wire.name),
  };
  if (CUSTOM_VALUE_TYPES.has(wire.input_type)) attribute.allowsCustomValue = true;
  const unit = UNIT_IN_LABEL.exec(attribute.label)?.[1];
  if (unit) attribute.unit = unit.toLowerCase();
  return attribute;
}
