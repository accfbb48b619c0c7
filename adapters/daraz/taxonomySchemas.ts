import { z } from "zod";

/**
 * /category/tree/get and /category/attributes/get answers (Lazada Open Platform shapes, as Daraz serves them):
 * tree `data: [{category_id, name, leaf, var, children?: [...]}]`; attributes `data: [{id?, name, label, input_type,
 * is_mandatory 0|1, attribute_type normal|sku, is_sale_prop 0|1, options: [{name, en_name?, id?}], advanced}]`.
 * Numbers and flags arrive as numbers, strings or booleans depending on the gateway, so they are read leniently.
 */
const id = z.union([z.number(), z.string().min(1)]).transform(String);
const flag = z
  .union([z.boolean(), z.number(), z.string()])
  .transform((v) => v === true || v === "true" || Number(v) === 1);

export interface CategoryNodeWire {
  category_id: string | number;
  name: string;
  leaf: boolean | number | string;
  var?: boolean | number | string | undefined;
  children?: CategoryNodeWire[] | undefined;
}

const categoryNode: z.ZodType<CategoryNodeWire> = z.lazy(() =>
  z.object({
    category_id: z.union([z.number(), z.string().min(1)]),
    name: z.string(),
    leaf: z.union([z.boolean(), z.number(), z.string()]),
    var: z.union([z.boolean(), z.number(), z.string()]).optional(),
    children: z.array(categoryNode).optional(),
  }),
);

export const categoryTreeData = z.array(categoryNode);

export const categoryIdOf = (node: CategoryNodeWire): string => id.parse(node.category_id);
export const isLeaf = (node: CategoryNodeWire): boolean => flag.parse(node.leaf);

/** input_type stays a string: types Daraz adds later are read as free text. */
export const categoryAttributesData = z.array(
  z.object({
    name: z.string().min(1),
    label: z.string().optional(),
    input_type: z.string(),
    is_mandatory: flag.optional(),
    attribute_type: z.string().optional(),
    is_sale_prop: flag.optional(),
    options: z
      .array(z.object({ name: z.string().optional(), en_name: z.string().optional() }))
      .nullish()
      .transform((list) => list ?? []),
  }),
);

export type CategoryAttributeWire = z.output<typeof categoryAttributesData>[number];
