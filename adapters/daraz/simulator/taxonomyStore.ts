import { type DarazTaxonomyData, darazTaxonomyData } from "./taxonomyData.js";
import type { DarazAttributeWire, DarazCategoryWire } from "./taxonomyWire.js";
import { bizFailure } from "./wire.js";

export type CategoryLookup =
  | { kind: "unknown" }
  | { kind: "branch"; node: DarazCategoryWire }
  | { kind: "leaf"; node: DarazCategoryWire; attributes: DarazAttributeWire[] };

interface Located {
  node: DarazCategoryWire;
  /** The list the node sits in (the roots, or its parent's children). */
  siblings: DarazCategoryWire[];
}

/** The simulator's category tree and per-leaf attributes; tests change it at run time (see the handle). */
export class DarazTaxonomyStore {
  private data: DarazTaxonomyData;

  constructor(private readonly initial: () => DarazTaxonomyData = darazTaxonomyData) {
    this.data = initial();
  }

  reset(): void {
    this.data = this.initial();
  }

  tree(): DarazCategoryWire[] {
    return structuredClone(this.data.tree);
  }

  lookup(categoryId: string): CategoryLookup {
    const found = this.locate(categoryId);
    if (!found) return { kind: "unknown" };
    if (!found.node.leaf) return { kind: "branch", node: found.node };
    return { kind: "leaf", node: found.node, attributes: this.data.attributes.get(categoryId) ?? [] };
  }

  /** /category/attributes/get: a leaf's attributes; a branch or an unknown id is refused. */
  attributesOf(categoryId: string): DarazAttributeWire[] {
    const found = this.lookup(categoryId);
    if (found.kind === "leaf") return structuredClone(found.attributes);
    throw bizFailure([
      found.kind === "unknown"
        ? {
            code: "BIZ_CHECK_CATEGORY_NOT_EXIST",
            field: "primary_category_id",
            message: `Category ${categoryId} does not exist`,
          }
        : {
            code: "BIZ_CHECK_CATEGORY_NOT_LEAF",
            field: "primary_category_id",
            message: `Category ${categoryId} (${found.node.name}) is not a leaf category`,
          },
    ]);
  }

  setCategoryAttributes(categoryId: string, attributes: DarazAttributeWire[]): void {
    this.leaf(categoryId);
    this.data.attributes.set(categoryId, structuredClone(attributes));
  }

  /** Makes an attribute of a leaf required (or optional); `definition` adds it when the leaf does not have it. */
  requireAttribute(categoryId: string, name: string, required = true, definition?: DarazAttributeWire): void {
    const attributes = this.data.attributes.get(this.leaf(categoryId)) ?? [];
    let attribute = attributes.find((a) => a.name === name);
    if (!attribute) {
      if (!definition) throw new Error(`Category ${categoryId} has no attribute ${name}; pass a definition to add it`);
      attribute = structuredClone(definition);
      attributes.push(attribute);
      this.data.attributes.set(categoryId, attributes);
    }
    attribute.is_mandatory = required ? 1 : 0;
  }

  renameCategory(categoryId: string, name: string): void {
    this.must(categoryId).node.name = name;
  }

  /** Removes a category and everything under it. */
  removeCategory(categoryId: string): void {
    const { node, siblings } = this.must(categoryId);
    siblings.splice(siblings.indexOf(node), 1);
    const drop = (n: DarazCategoryWire) => {
      this.data.attributes.delete(String(n.category_id));
      for (const child of n.children ?? []) drop(child);
    };
    drop(node);
  }

  /**
   * Adds a leaf under `parentId` (null: a new root). A leaf that gets a child becomes a branch and stops taking
   * listings, as when Daraz splits a category.
   */
  addCategory(parentId: string | null, categoryId: string, name: string, attributes: DarazAttributeWire[] = []): void {
    if (this.locate(categoryId)) throw new Error(`Category ${categoryId} already exists`);
    const node: DarazCategoryWire = { category_id: Number(categoryId), name, leaf: true, var: false };
    if (parentId === null) this.data.tree.push(node);
    else {
      const parent = this.must(parentId).node;
      if (parent.leaf) {
        parent.leaf = false;
        this.data.attributes.delete(parentId);
      }
      parent.children = [...(parent.children ?? []), node];
    }
    this.data.attributes.set(categoryId, structuredClone(attributes));
  }

  private leaf(categoryId: string): string {
    if (!this.must(categoryId).node.leaf) throw new Error(`Category ${categoryId} is not a leaf`);
    return categoryId;
  }

  private must(categoryId: string): Located {
    const found = this.locate(categoryId);
    if (!found) throw new Error(`No category ${categoryId}`);
    return found;
  }

  private locate(categoryId: string): Located | undefined {
    const walk = (siblings: DarazCategoryWire[]): Located | undefined => {
      for (const node of siblings) {
        if (String(node.category_id) === categoryId) return { node, siblings };
        const inner = node.children ? walk(node.children) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    return walk(this.data.tree);
  }
}
