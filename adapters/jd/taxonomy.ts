import { PermanentError } from "../core/errors.js";
import type {
  CallContext,
  ChannelTaxonomy,
  RemoteAttribute,
  RemoteAttributeType,
  RemoteCategory,
} from "../core/types.js";
import { JD_CHANNEL } from "./capabilities.js";
import {
  JD_ATTRIBUTE_TYPE,
  JD_CATEGORY_METHODS,
  JD_INPUT_TYPE,
  type JdCategoryAttr,
  type JdCategoryAttrValue,
  parseAttributes,
  parseChildren,
  parseValues,
} from "./categoryWire.js";
import type { JdResult } from "./client.js";

/** One idempotent JOS read (the adapter wraps it in its read retry). */
export type JdRead = (method: string, business: Record<string, unknown>, signal?: AbortSignal) => Promise<JdResult>;

export interface JdTaxonomyOptions {
  /** JD's POP tree has three levels and wares go on level 3 only; nodes there are not expanded. Default 3. */
  leafLevel?: number;
  /** Told every attribute list read, so the payload builder can route sale attributes and split multi-choice values. */
  onAttributes?: (categoryId: string, attributes: RemoteAttribute[]) => void;
}

/**
 * Attributes the payload builder fills from the canonical listing: 品牌 -> ware.brandId, 货号 -> itemNum, 商品名称 ->
 * title, 商品毛重 -> weight. JD lists them as category attributes in some categories; they are never mapped by a user.
 */
export const JD_LISTING_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set([
  "品牌",
  "货号",
  "商品名称",
  "商品毛重",
  "毛重",
]);

export const JD_DEFAULT_LEAF_LEVEL = 3;

/** The JD category tree, walked level by level from parentCid 0, and the attributes of one leaf. */
export class JdTaxonomy implements ChannelTaxonomy {
  private readonly leafLevel: number;

  constructor(
    private readonly read: JdRead,
    private readonly opts: JdTaxonomyOptions = {},
  ) {
    this.leafLevel = opts.leafLevel ?? JD_DEFAULT_LEAF_LEVEL;
  }

  /** Breadth first, so parents come before children; a node above the leaf level without children is a leaf too. */
  async categoryTree(ctx: CallContext = {}): Promise<RemoteCategory[]> {
    const tree: RemoteCategory[] = [];
    const seen = new Set<string>();
    let frontier: Array<RemoteCategory | null> = [null];
    for (let depth = 0; frontier.length > 0; depth++) {
      const next: RemoteCategory[] = [];
      for (const parent of frontier) {
        const children = parseChildren(
          await this.read(JD_CATEGORY_METHODS.children, { parentCid: Number(parent?.id ?? 0) }, ctx.signal),
        );
        if (parent && children.length === 0) parent.leaf = true;
        for (const child of children.sort((a, b) => (a.order ?? 0) - (b.order ?? 0))) {
          if (seen.has(child.id)) continue;
          seen.add(child.id);
          const level = child.lev ?? depth + 1;
          const node: RemoteCategory = {
            id: child.id,
            parentId: parent?.id ?? null,
            name: child.name,
            leaf: level >= this.leafLevel,
          };
          tree.push(node);
          if (!node.leaf) next.push(node);
        }
      }
      frontier = next;
    }
    return tree;
  }

  /**
   * findAttrsByCategoryIdUnlimitCate with the values in the same answer (field=attrValueList); a choice attribute
   * whose values did not come along is completed with findValuesByAttrIdUnlimit. JD refuses unknown and non-leaf
   * categories with a business code, which the client maps to PermanentError.
   */
  async categoryAttributes(categoryId: string, ctx: CallContext = {}): Promise<RemoteAttribute[]> {
    if (!/^\d+$/.test(categoryId)) {
      throw new PermanentError(`"${categoryId}" is not a JD category id`, "INVALID_CATEGORY", JD_CHANNEL);
    }
    const attrs = parseAttributes(
      await this.read(JD_CATEGORY_METHODS.attributes, { cid: Number(categoryId), field: "attrValueList" }, ctx.signal),
    );
    const mapped: RemoteAttribute[] = [];
    for (const attr of attrs.sort((a, b) => (a.orderSort ?? 0) - (b.orderSort ?? 0))) {
      const choice = attr.inputType !== JD_INPUT_TYPE.text;
      // Listing-filled attributes are never mapped, and 品牌's values would be every brand JD knows.
      const fetch = choice && !attr.attrValueList && !isListingAttribute(attr.name);
      const values = fetch
        ? parseValues(await this.read(JD_CATEGORY_METHODS.values, { categoryAttrId: Number(attr.id) }, ctx.signal))
        : (attr.attrValueList ?? []);
      mapped.push(remoteAttribute(attr, choice ? values : []));
    }
    this.opts.onAttributes?.(categoryId, mapped);
    return mapped;
  }
}

export function remoteAttribute(attr: JdCategoryAttr, values: JdCategoryAttrValue[]): RemoteAttribute {
  return {
    key: attr.id,
    label: attr.name,
    required: attr.isRequired ?? false,
    type: attributeType(attr.inputType),
    options: [...values]
      .sort((a, b) => (a.orderSort ?? 0) - (b.orderSort ?? 0))
      .map((v) => ({ value: v.id, label: v.name })),
    variant: attr.attributeType === JD_ATTRIBUTE_TYPE.sale,
    fromListing: isListingAttribute(attr.name),
  };
}

function isListingAttribute(name: string): boolean {
  return JD_LISTING_ATTRIBUTE_NAMES.has(name.trim());
}

function attributeType(inputType: number): RemoteAttributeType {
  if (inputType === JD_INPUT_TYPE.single) return "single_select";
  if (inputType === JD_INPUT_TYPE.multi) return "multi_select";
  return "text";
}
