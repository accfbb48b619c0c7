import type { JdSimAttribute, JdSimCategory, JdTaxonomyData } from "./taxonomyData.js";
import { JOS, JosFailure } from "./wire.js";

/**
 * The category tree and attributes the simulated JD serves, on a copy of the data it started with, so tests can
 * change requirements, rename or remove categories while it runs (reset() restores the start). A leaf is a category
 * without children.
 */
export class JdSimTaxonomy {
  private categories = new Map<number, JdSimCategory>();
  private attributes = new Map<number, JdSimAttribute[]>();

  constructor(private readonly initial: JdTaxonomyData) {
    this.reset();
  }

  reset(): void {
    const copy = structuredClone(this.initial);
    this.categories = new Map(copy.categories.map((c) => [c.id, c]));
    this.attributes = new Map(Object.entries(copy.attributes).map(([id, attrs]) => [Number(id), attrs]));
  }

  snapshot(): JdTaxonomyData {
    return structuredClone({
      categories: [...this.categories.values()],
      attributes: Object.fromEntries(this.attributes),
    });
  }

  children(parentId: number): JdSimCategory[] {
    return [...this.categories.values()].filter((c) => c.fid === parentId).sort((a, b) => a.order - b.order);
  }

  category(id: number): JdSimCategory | undefined {
    return this.categories.get(id);
  }

  isLeaf(id: number): boolean {
    return this.categories.has(id) && this.children(id).length === 0;
  }

  /** A leaf's attributes; unknown and non-leaf categories are refused as JD refuses them. */
  attributesOf(categoryId: number): JdSimAttribute[] {
    const category = this.categories.get(categoryId);
    if (!category) {
      throw new JosFailure(JOS.categoryNotFound, `类目不存在: ${categoryId}`, `Category ${categoryId} does not exist`);
    }
    if (!this.isLeaf(categoryId)) {
      throw new JosFailure(
        JOS.categoryNotLeaf,
        `类目${categoryId}（${category.name}）不是末级类目，请传入三级类目`,
        `Category ${categoryId} (${category.name}) is not a leaf category`,
      );
    }
    return this.attributes.get(categoryId) ?? [];
  }

  /** An attribute of any leaf by id (findValuesByAttrIdUnlimit takes the attribute id alone). */
  attribute(attrId: number): { categoryId: number; attr: JdSimAttribute } | undefined {
    for (const [categoryId, attrs] of this.attributes) {
      if (!this.categories.has(categoryId)) continue;
      const attr = attrs.find((a) => a.id === attrId);
      if (attr) return { categoryId, attr };
    }
    return undefined;
  }

  setCategoryAttributes(categoryId: number, attrs: JdSimAttribute[]): void {
    this.mustExist(categoryId);
    this.attributes.set(categoryId, structuredClone(attrs));
  }

  /** Makes an attribute of a leaf required (or optional again). */
  requireAttribute(categoryId: number, attrId: number, required = true): void {
    const attr = this.attributesOf(categoryId).find((a) => a.id === attrId);
    if (!attr) throw new Error(`JD category ${categoryId} has no attribute ${attrId}`);
    attr.isRequired = required;
  }

  renameCategory(categoryId: number, name: string): void {
    this.mustExist(categoryId).name = name;
  }

  /** Removes a category with everything under it. */
  removeCategory(categoryId: number): void {
    this.mustExist(categoryId);
    for (const child of this.children(categoryId)) this.removeCategory(child.id);
    this.categories.delete(categoryId);
    this.attributes.delete(categoryId);
  }

  /** Adds a category (a leaf when attributes are given or nothing is added under it later). */
  addCategory(category: JdSimCategory, attrs: JdSimAttribute[] = []): void {
    if (this.categories.has(category.id)) throw new Error(`JD category ${category.id} exists already`);
    if (category.fid !== 0) this.mustExist(category.fid);
    this.categories.set(category.id, { ...category });
    this.attributes.set(category.id, structuredClone(attrs));
  }

  private mustExist(categoryId: number): JdSimCategory {
    const category = this.categories.get(categoryId);
    if (!category) throw new Error(`No JD category ${categoryId}`);
    return category;
  }
}
