import { z } from "zod";
import { PermanentError } from "../core/errors.js";
import { JD_CHANNEL } from "./capabilities.js";

/**
 * The category read answers, as JD's SDKs (Java, Python, Go, Rust) name their fields:
 * - `jingdong.category.read.findByPId` {parentCid, field} -> `categories[{id, fid, name, lev, status, order, features}]`
 * - `jingdong.category.read.findAttrsByCategoryIdUnlimitCate` {cid, attributeType?, field} ->
 *   `findattrsbycategoryidunlimitcate_result[{id, name, catId, orderSort, attributeType, inputType, isRequired,
 *   features, attrValueList?, attrGroup?}]`; attrValueList comes only when `field` names it.
 * - `jingdong.category.read.findValuesByAttrIdUnlimit` {categoryAttrId} ->
 *   `findvaluesbyattridunlimit_result[{id, attId, catId, name, orderSort, features}]`
 * JOS serializes longs as numbers or strings depending on the gateway version, so ids are read as either.
 */
export const JD_CATEGORY_METHODS = {
  children: "jingdong.category.read.findByPId",
  attributes: "jingdong.category.read.findAttrsByCategoryIdUnlimitCate",
  values: "jingdong.category.read.findValuesByAttrIdUnlimit",
} as const;

/** attributeType: 1 key (关键属性), 2 fixed (不变属性), 3 extended (可变属性), 4 sale (销售属性). */
export const JD_ATTRIBUTE_TYPE = { key: 1, fixed: 2, extended: 3, sale: 4 } as const;
/** inputType: 1 single choice (单选), 2 multiple choice (多选), 3 free input (可输入). */
export const JD_INPUT_TYPE = { single: 1, multi: 2, text: 3 } as const;

const id = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(String);
const int = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number);
const flag = z
  .union([z.boolean(), z.number(), z.string()])
  .transform((v) => v === true || v === 1 || v === "1" || v === "true");

const jdCategory = z.object({
  id,
  fid: id.optional(),
  name: z.string(),
  lev: int.optional(),
  status: z.union([z.number(), z.string()]).optional(),
  order: int.optional(),
});

const jdAttrValue = z.object({
  id,
  attId: id.optional(),
  name: z.string(),
  orderSort: int.optional(),
});

const jdAttribute = z.object({
  id,
  name: z.string(),
  catId: id.optional(),
  orderSort: int.optional(),
  attributeType: int,
  inputType: int,
  isRequired: flag.optional(),
  attrValueList: z.array(jdAttrValue).nullish(),
});

export type JdCategoryNode = z.output<typeof jdCategory>;
export type JdCategoryAttr = z.output<typeof jdAttribute>;
export type JdCategoryAttrValue = z.output<typeof jdAttrValue>;

const childrenAnswer = z.object({ categories: z.array(jdCategory).nullish() });
const attributesAnswer = z.object({ findattrsbycategoryidunlimitcate_result: z.array(jdAttribute).nullish() });
const valuesAnswer = z.object({ findvaluesbyattridunlimit_result: z.array(jdAttrValue).nullish() });

export function parseChildren(result: unknown): JdCategoryNode[] {
  return parse(childrenAnswer, result, JD_CATEGORY_METHODS.children).categories ?? [];
}

export function parseAttributes(result: unknown): JdCategoryAttr[] {
  return parse(attributesAnswer, result, JD_CATEGORY_METHODS.attributes).findattrsbycategoryidunlimitcate_result ?? [];
}

export function parseValues(result: unknown): JdCategoryAttrValue[] {
  return parse(valuesAnswer, result, JD_CATEGORY_METHODS.values).findvaluesbyattridunlimit_result ?? [];
}

/** A well-formed JSON answer in the wrong shape will not change on retry: permanent, with what did not fit. */
function parse<T extends z.ZodType>(schema: T, result: unknown, method: string): z.output<T> {
  const parsed = schema.safeParse(result);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
  throw new PermanentError(`JD ${method} answered an unexpected shape: ${where}`, "UNEXPECTED_RESPONSE", JD_CHANNEL);
}
