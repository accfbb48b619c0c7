import { stableJson } from "../listing/hashParts.js";

export interface ChildOps<K, D> {
  create(key: K, data: D): Promise<unknown>;
  update(id: string, data: D): Promise<unknown>;
  remove(ids: string[]): Promise<unknown>;
}

/**
 * Brings a keyed child collection (contents by locale, variants by seller SKU, ...) to the desired state with the
 * fewest writes: unchanged rows are not touched. Returns whether anything was written.
 */
export async function syncChildren<K, D>(
  existing: Map<K, { id: string; data: D }>,
  desired: Map<K, D>,
  ops: ChildOps<K, D>,
): Promise<boolean> {
  let changed = false;
  const removed = [...existing].filter(([key]) => !desired.has(key)).map(([, row]) => row.id);
  if (removed.length > 0) {
    await ops.remove(removed);
    changed = true;
  }
  for (const [key, data] of desired) {
    const current = existing.get(key);
    if (!current) {
      await ops.create(key, data);
      changed = true;
    } else if (stableJson(current.data) !== stableJson(data)) {
      await ops.update(current.id, data);
      changed = true;
    }
  }
  return changed;
}
