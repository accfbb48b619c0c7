import { z } from "zod";
import { TransientError } from "../core/errors.js";
import type { RemoteAttribute, RemoteAttributeType, RemoteCategory } from "../core/types.js";
import { ALIBABA_CHANNEL } from "./capabilities.js";
import type { AlibabaOk } from "./client.js";
import type { AttributeNames } from "./payload.js";

/**
 * Product V2 category answers (openapi.alibaba.com, "Get Category Information" and "Query Category Attributes"):
 *  - /alibaba/icbu/category/get/v2: result.data[] = {category_id, category_name, leaf_category ("true"/"false"), level}
 *  - /alibaba/icbu/category/attribute/get/v2: result.data = {category_attributes[], sale_attributes[]}, each
 *    {attribute_id, attribute_name, required, support_custom_value, support_multi_value,
 *     attribute_value_list[{attribute_value_id, attribute_value_name}]}
 * Ids come as numbers or strings and flags as booleans or "true"/"false", so both are read.
 */
const id = z.union([z.number(), z.string().min(1)]).transform(String);
const flag = z
  .union([z.boolean(), z.string(), z.number()])
  .transform((v) => v === true || v === 1 || (typeof v === "string" && v.trim().toLowerCase() === "true"));

const categoryNode = z.object({
  category_id: id,
  category_name: z.string().optional(),
  leaf_category: flag.optional(),
  level: z.coerce.number().optional(),
});

const categoryList = z.object({ data: z.array(categoryNode).nullish() });

const attributeValue = z.object({ attribute_value_id: id, attribute_value_name: z.string() });

const attributeNode = z.object({
  attribute_id: id,
  attribute_name: z.string(),
  required: flag.optional(),
  support_custom_value: flag.optional(),
  support_multi_value: flag.optional(),
  attribute_value_list: z.array(attributeValue).nullish(),
});

const attributeLists = z.object({
  data: z.object({
    category_attributes: z.array(attributeNode).nullish(),
    sale_attributes: z.array(attributeNode).nullish(),
  }),
});

type AttributeNode = z.infer<typeof attributeNode>;

/** Category attributes the payload builder fills from the listing itself (basic_info.brand_name, model_number). */
const FROM_LISTING_NAMES = new Set(["brand name", "brand", "model number", "model no.", "model"]);

/** The children of one category (or the level-1 categories), in the order the channel gave them. */
export function parseCategoryChildren(ok: AlibabaOk, parentId: string | null): RemoteCategory[] {
  const data = parse(categoryList, ok.result, "category/get/v2").data ?? [];
  return data.map((node) => ({
    id: node.category_id,
    parentId,
    name: node.category_name ?? node.category_id,
    leaf: node.leaf_category ?? false,
  }));
}

/** Product attributes first, then sale attributes (variant: set per SKU in sku_info[].sale_attributes). */
export function parseCategoryAttributes(ok: AlibabaOk): RemoteAttribute[] {
  const { data } = parse(attributeLists, ok.result, "category/attribute/get/v2");
  return [
    ...(data.category_attributes ?? []).map((node) => remoteAttribute(node, false)),
    ...(data.sale_attributes ?? []).map((node) => remoteAttribute(node, true)),
  ];
}

/** Attribute and value names by id, for a listing whose attributes carry ids (listing/v2 matches on names). */
export function attributeNamesOf(attributes: readonly RemoteAttribute[]): AttributeNames {
  return new Map(
    attributes.map((a) => [
      a.key,
      { name: a.label, values: new Map(a.options.map((o) => [o.value, o.label])), multi: a.type === "multi_select" },
    ]),
  );
}

function remoteAttribute(node: AttributeNode, variant: boolean): RemoteAttribute {
  const options = (node.attribute_value_list ?? []).map((v) => ({
    value: v.attribute_value_id,
    label: v.attribute_value_name,
  }));
  const type: RemoteAttributeType =
    options.length === 0 ? "text" : node.support_multi_value ? "multi_select" : "single_select";
  return {
    key: node.attribute_id,
    label: node.attribute_name,
    required: node.required ?? false,
    type,
    options,
    variant,
    fromListing: !variant && FROM_LISTING_NAMES.has(node.attribute_name.trim().toLowerCase()),
    allowsCustomValue: node.support_custom_value ?? false,
  };
}

/** An answer that passed the gateway but does not have the documented shape: retried like a cut-off body. */
function parse<T>(schema: z.ZodType<T>, value: unknown, call: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new TransientError(
    `Unexpected ${call} answer: ${issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "unreadable"}`,
    "UNEXPECTED_RESPONSE",
    ALIBABA_CHANNEL,
  );
}
