import { type ZodType, z } from "zod";
import { productInput } from "../productInput.js";

/** The fields the product schema knows, nested, read from the zod schema itself so the two never disagree. */
type KeyTree = Map<string, KeyTree | null>;

function unwrap(schema: ZodType): ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable)
      s = s.unwrap() as ZodType;
    else if (s instanceof z.ZodArray) s = s.element as ZodType;
    else return s;
  }
}

function treeOf(schema: ZodType): KeyTree | null {
  const s = unwrap(schema);
  if (!(s instanceof z.ZodObject)) return null;
  return new Map(Object.entries(s.shape as Record<string, ZodType>).map(([k, v]) => [k, treeOf(v)]));
}

const productKeys = treeOf(productInput)!;

/**
 * Paths of fields the schema does not know (zod would silently drop them, hiding typos such as "titel").
 * Fields starting with "_" are free for annotations, e.g. the "_errors" a reject file adds.
 */
export function unknownKeys(value: unknown, tree: KeyTree = productKeys, path: PropertyKey[] = []): PropertyKey[][] {
  const out: PropertyKey[][] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push(...unknownKeys(v, tree, [...path, i]));
    });
    return out;
  }
  if (!value || typeof value !== "object") return out;
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith("_")) continue;
    if (!tree.has(k)) {
      out.push([...path, k]);
      continue;
    }
    const sub = tree.get(k);
    if (sub) out.push(...unknownKeys(v, sub, [...path, k]));
  }
  return out;
}
