import { leafAttributes } from "./taxonomyAttributes.js";
import { DARAZ_CATEGORY_TREE } from "./taxonomyTree.js";
import type { DarazAttributeWire, DarazCategoryWire } from "./taxonomyWire.js";

/**
 * The simulator's Daraz taxonomy in one place, for the simulator and for tests: the category tree (wire shape of
 * /category/tree/get), the attributes of every leaf (wire shape of /category/attributes/get), the sample catalog's
 * leaves and the closed option lists.
 */
export interface DarazTaxonomyData {
  tree: DarazCategoryWire[];
  /** Leaf category id -> its attributes. */
  attributes: Map<string, DarazAttributeWire[]>;
}

/** A fresh, mutable copy (the simulator changes its own copy at run time). */
export function darazTaxonomyData(): DarazTaxonomyData {
  const tree = structuredClone(DARAZ_CATEGORY_TREE) as DarazCategoryWire[];
  const attributes = new Map<string, DarazAttributeWire[]>();
  const visit = (nodes: DarazCategoryWire[]) => {
    for (const node of nodes) {
      if (node.leaf) attributes.set(String(node.category_id), leafAttributes(String(node.category_id)));
      visit(node.children ?? []);
    }
  };
  visit(tree);
  return { tree, attributes };
}

export { DARAZ_COLOR_FAMILIES, DARAZ_WARRANTY_TYPES, darazAttribute, leafAttributes } from "./taxonomyAttributes.js";
export { DARAZ_CATEGORY_TREE, DARAZ_SAMPLE_CATEGORY_LEAVES } from "./taxonomyTree.js";
export type {
  DarazAttributeOptionWire,
  DarazAttributeWire,
  DarazCategoryWire,
  DarazInputType,
} from "./taxonomyWire.js";
