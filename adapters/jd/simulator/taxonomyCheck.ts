import type { JdSimTaxonomy } from "./taxonomy.js";
import type { JdSimAttribute } from "./taxonomyData.js";
import type { SimAttr } from "./wares.js";
import { JOS, JosFailure } from "./wire.js";

/** The ware as it will be after the call (an update's fields over the stored ware). */
export interface WareView {
  categoryId?: number | undefined;
  brandId?: number | undefined;
  itemNum?: string | undefined;
  weight?: number | undefined;
  props: SimAttr[];
  skus: Array<{ outerId: string; saleAttrs: SimAttr[] }>;
}

/**
 * What JD checks against the category when enforceTaxonomy is on: the category exists and is a leaf (3010/3011),
 * every required attribute is there (3012: props for product attributes, every SKU's saleAttrs for sale attributes,
 * the ware's own field for brand, item number and gross weight), and every value is one of the attribute's values
 * (3013; free-input attributes take any text). The codes are the simulator's own 30xx business codes.
 */
export function checkWareTaxonomy(taxonomy: JdSimTaxonomy, ware: WareView): void {
  if (ware.categoryId === undefined) return;
  const attrs = taxonomy.attributesOf(ware.categoryId);
  const byId = new Map(attrs.map((a) => [String(a.id), a]));
  const missing: string[] = [];
  const invalid: string[] = [];

  for (const prop of ware.props) {
    const attr = byId.get(prop.attrId);
    if (!attr) invalid.push(`ware.props: 属性${prop.attrId}不属于类目${ware.categoryId}`);
    else if (attr.attributeType === 4) invalid.push(`ware.props: ${label(attr)}是销售属性，须放在skus[].saleAttrs`);
    else invalid.push(...valueProblems(attr, prop, "ware.props"));
  }
  ware.skus.forEach((sku, i) => {
    for (const saleAttr of sku.saleAttrs) {
      const attr = byId.get(saleAttr.attrId);
      if (attr?.attributeType !== 4) {
        invalid.push(`skus[${i}].saleAttrs: 属性${saleAttr.attrId}不是类目${ware.categoryId}的销售属性`);
      } else invalid.push(...valueProblems(attr, saleAttr, `skus[${i}].saleAttrs`));
    }
  });

  for (const attr of attrs.filter((a) => a.isRequired)) {
    if (attr.wareField) {
      if (!wareFieldSet(ware, attr.wareField)) missing.push(`${label(attr)} (ware.${attr.wareField})`);
    } else if (attr.attributeType === 4) {
      const without = ware.skus.filter((s) => !hasValue(s.saleAttrs, attr.id)).map((s) => s.outerId);
      if (without.length > 0) missing.push(`${label(attr)} (skus ${without.join(", ")})`);
    } else if (!hasValue(ware.props, attr.id)) missing.push(label(attr));
  }

  if (missing.length > 0) {
    throw new JosFailure(
      JOS.attrRequired,
      `缺少必填属性: ${missing.join("; ")}${invalid.length > 0 ? `; ${invalid.join("; ")}` : ""}`,
      `Required attributes missing for category ${ware.categoryId}: ${missing.join("; ")}`,
    );
  }
  if (invalid.length > 0) {
    throw new JosFailure(
      JOS.attrValueInvalid,
      `属性值不合法: ${invalid.join("; ")}`,
      `Attribute values not allowed in category ${ware.categoryId}: ${invalid.join("; ")}`,
    );
  }
}

function valueProblems(attr: JdSimAttribute, given: SimAttr, at: string): string[] {
  const values = given.attrValues.filter((v) => v.trim() !== "");
  if (values.length === 0) return [`${at}: ${label(attr)}没有属性值`];
  if (attr.inputType === 3) return [];
  if (attr.inputType === 1 && values.length > 1) return [`${at}: ${label(attr)}只能选一个值`];
  const allowed = new Set(attr.values.map((v) => String(v.id)));
  return values.filter((v) => !allowed.has(v)).map((v) => `${at}: ${label(attr)}的值${v}不在可选值中（须传属性值ID）`);
}

function hasValue(attrs: SimAttr[], attrId: number): boolean {
  return attrs.some((a) => a.attrId === String(attrId) && a.attrValues.some((v) => v.trim() !== ""));
}

function wareFieldSet(ware: WareView, field: NonNullable<JdSimAttribute["wareField"]>): boolean {
  if (field === "itemNum") return !!ware.itemNum?.trim();
  const value = ware[field];
  return value !== undefined && value > 0;
}

function label(attr: JdSimAttribute): string {
  return `${attr.name}(${attr.id})`;
}
