import type { RemoteAttribute, RemoteCategory } from "../../adapters/core/types.js";

export type TaxonomyChangeKind =
  | "category_added"
  | "category_removed"
  | "category_renamed"
  | "category_not_leaf"
  | "attribute_added"
  | "attribute_removed"
  | "attribute_now_required"
  | "attribute_no_longer_required"
  | "options_removed";

export interface TaxonomyChange {
  kind: TaxonomyChangeKind;
  categoryId: string;
  key?: string;
  detail: string;
}

export interface StoredCategory {
  name: string;
  path: string;
  leaf: boolean;
  removed: boolean;
}

/** Paths from the root ("Sports > Team Sports > Football"); parents come before children in the channel's list. */
export function categoryPaths(tree: readonly RemoteCategory[]): Map<string, string> {
  const byId = new Map(tree.map((c) => [c.id, c]));
  const paths = new Map<string, string>();
  const pathOf = (c: RemoteCategory, depth = 0): string => {
    const known = paths.get(c.id);
    if (known !== undefined) return known;
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    // A cycle or a missing parent ends the walk instead of looping.
    const path = parent && depth < 32 ? `${pathOf(parent, depth + 1)} > ${c.name}` : c.name;
    paths.set(c.id, path);
    return path;
  };
  for (const c of tree) pathOf(c);
  return paths;
}

/** Pure: what a newly fetched tree changed against the stored one (nothing is reported for a first fetch). */
export function treeChanges(
  stored: ReadonlyMap<string, StoredCategory>,
  next: readonly RemoteCategory[],
): TaxonomyChange[] {
  const live = [...stored.entries()].filter(([, c]) => !c.removed);
  if (live.length === 0) return [];
  const changes: TaxonomyChange[] = [];
  const nextIds = new Set(next.map((c) => c.id));
  const paths = categoryPaths(next);
  for (const c of next) {
    const before = stored.get(c.id);
    const path = paths.get(c.id) ?? c.name;
    if (!before || before.removed) changes.push({ kind: "category_added", categoryId: c.id, detail: path });
    else {
      if (before.name !== c.name) {
        changes.push({ kind: "category_renamed", categoryId: c.id, detail: `${before.path} -> ${path}` });
      }
      if (before.leaf && !c.leaf) {
        changes.push({ kind: "category_not_leaf", categoryId: c.id, detail: `${path} now has subcategories` });
      }
    }
  }
  for (const [id, before] of live) {
    if (!nextIds.has(id)) changes.push({ kind: "category_removed", categoryId: id, detail: before.path });
  }
  return changes;
}

/** Pure: how one category's attributes changed between two fetches. */
export function attributeChanges(
  categoryId: string,
  before: readonly RemoteAttribute[],
  after: readonly RemoteAttribute[],
): TaxonomyChange[] {
  const changes: TaxonomyChange[] = [];
  const old = new Map(before.map((a) => [a.key, a]));
  const next = new Map(after.map((a) => [a.key, a]));
  for (const a of after) {
    const prior = old.get(a.key);
    if (!prior) {
      changes.push({
        kind: "attribute_added",
        categoryId,
        key: a.key,
        detail: `${a.label}${a.required ? " (required)" : ""}`,
      });
      continue;
    }
    if (a.required && !prior.required) {
      changes.push({ kind: "attribute_now_required", categoryId, key: a.key, detail: a.label });
    }
    if (!a.required && prior.required) {
      changes.push({ kind: "attribute_no_longer_required", categoryId, key: a.key, detail: a.label });
    }
    const values = new Set(a.options.map((o) => o.value));
    const gone = prior.options.filter((o) => !values.has(o.value));
    if (gone.length > 0) {
      changes.push({
        kind: "options_removed",
        categoryId,
        key: a.key,
        detail: `${a.label}: ${gone.map((o) => o.label).join(", ")}`,
      });
    }
  }
  for (const a of before) {
    if (!next.has(a.key)) changes.push({ kind: "attribute_removed", categoryId, key: a.key, detail: a.label });
  }
  return changes;
}

/** Changes that can turn a listing that was fine into one the channel refuses (or the reverse). */
export function affectsListings(change: TaxonomyChange): boolean {
  return change.kind !== "category_added" && change.kind !== "category_renamed";
}
