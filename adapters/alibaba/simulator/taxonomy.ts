import type { SimAttributeDef, SimCategoryDef, SimTaxonomyData } from "./taxonomyData.js";

/**
 * The simulator's live category tree: starts from the default data and can be changed at run time (attributes
 * replaced or made required, categories added, renamed or removed), as the platform changes its own tree.
 */
export class SimTaxonomy {
  private categories: SimCategoryDef[] = [];
  private attributes = new Map<string, SimAttributeDef[]>();

  constructor(private readonly initial: () => SimTaxonomyData) {
    this.reset();
  }

  reset(): void {
    const data = this.initial();
    this.categories = data.categories.map((c) => ({ ...c }));
    this.attributes = new Map([...data.attributes].map(([id, list]) => [id, list.map(copyAttribute)]));
  }

  all(): SimCategoryDef[] {
    return this.categories.map((c) => ({ ...c }));
  }

  get(id: string): SimCategoryDef | undefined {
    return this.categories.find((c) => c.id === id);
  }

  children(parentId: string | null): SimCategoryDef[] {
    return this.categories.filter((c) => c.parentId === parentId);
  }

  isLeaf(id: string): boolean {
    return this.get(id) !== undefined && !this.categories.some((c) => c.parentId === id);
  }

  /** 1 for a level-1 category. */
  level(id: string): number {
    let depth = 0;
    for (let c = this.get(id); c; c = c.parentId === null ? undefined : this.get(c.parentId)) depth += 1;
    return depth;
  }

  /** The attributes of a leaf (empty for anything else). */
  attributesOf(id: string): SimAttributeDef[] {
    return this.isLeaf(id) ? (this.attributes.get(id) ?? []) : [];
  }

  setCategoryAttributes(id: string, attributes: SimAttributeDef[]): void {
    if (!this.isLeaf(id)) throw new Error(`Category ${id} is not a leaf of the simulated tree`);
    this.attributes.set(id, attributes.map(copyAttribute));
  }

  /** Makes one attribute of a leaf required (or optional again). */
  requireAttribute(categoryId: string, attributeId: number, required = true): void {
    const found = this.attributesOf(categoryId).find((a) => a.id === attributeId);
    if (!found) throw new Error(`Category ${categoryId} has no attribute ${attributeId}`);
    found.required = required;
  }

  addCategory(category: SimCategoryDef, attributes: SimAttributeDef[] = []): void {
    if (this.get(category.id)) throw new Error(`Category ${category.id} exists already`);
    if (category.parentId !== null && !this.get(category.parentId)) {
      throw new Error(`Parent category ${category.parentId} does not exist`);
    }
    this.categories.push({ ...category });
    this.attributes.set(category.id, attributes.map(copyAttribute));
  }

  renameCategory(id: string, name: string): void {
    const found = this.get(id);
    if (!found) throw new Error(`Category ${id} does not exist`);
    found.name = name;
  }

  /** Removes a category with everything under it. */
  removeCategory(id: string): void {
    if (!this.get(id)) throw new Error(`Category ${id} does not exist`);
    const doomed = new Set([id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const c of this.categories) {
        if (c.parentId !== null && doomed.has(c.parentId) && !doomed.has(c.id)) {
          doomed.add(c.id);
          grew = true;
        }
      }
    }
    this.categories = this.categories.filter((c) => !doomed.has(c.id));
    for (const gone of doomed) this.attributes.delete(gone);
  }

  /** One entry of category/get/v2 data[]. */
  categoryWire(c: SimCategoryDef): Record<string, unknown> {
    return {
      category_id: Number(c.id),
      category_name: c.name,
      leaf_category: String(this.isLeaf(c.id)),
      level: this.level(c.id),
    };
  }
}

/** One entry of category/attribute/get/v2 category_attributes[] or sale_attributes[]. */
export function attributeWire(a: SimAttributeDef): Record<string, unknown> {
  return {
    attribute_id: a.id,
    attribute_name: a.name,
    required: a.required,
    support_custom_value: a.customAllowed,
    support_multi_value: a.multi,
    attribute_value_list: a.values.map((v) => ({ attribute_value_id: v.id, attribute_value_name: v.name })),
  };
}

function copyAttribute(a: SimAttributeDef): SimAttributeDef {
  return { ...a, values: a.values.map((v) => ({ ...v })) };
}
