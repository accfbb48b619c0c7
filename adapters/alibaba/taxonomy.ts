import { isChannelError } from "../core/errors.js";
import type { CallContext, ChannelTaxonomy, RemoteAttribute, RemoteCategory } from "../core/types.js";
import { ALIBABA_PATHS } from "./capabilities.js";
import type { AlibabaClient } from "./client.js";
import { parseCategoryAttributes, parseCategoryChildren } from "./taxonomyWire.js";

export interface AlibabaTaxonomyDeps {
  client: AlibabaClient;
  /** The adapter's read retry (idempotent reads only). */
  read<T>(call: () => Promise<T>, ctx: CallContext): Promise<T>;
  /** Category calls in flight at once. */
  concurrency: number;
}

/** category/get/v2 answers this when the parent is a leaf or no longer exists. */
const NO_SUCH_CATEGORY = "BUSINESS_CATEGORY_NOT_EXIST";

/**
 * The ICBU category tree through the Product V2 category calls. The API serves one level at a time (the level-1
 * categories, or the children of one parent_category_id), so the tree is walked breadth first, a few parents at a
 * time, and comes back flattened with every parent before its children.
 */
export class AlibabaTaxonomy implements ChannelTaxonomy {
  constructor(private readonly deps: AlibabaTaxonomyDeps) {}

  async categoryTree(ctx: CallContext = {}): Promise<RemoteCategory[]> {
    const tree: RemoteCategory[] = [];
    const seen = new Set<string>();
    let level = await this.children(null, ctx);
    while (level.length > 0) {
      const fresh = level.filter((c) => !seen.has(c.id));
      for (const c of fresh) {
        seen.add(c.id);
        tree.push(c);
      }
      const parents = fresh.filter((c) => !c.leaf);
      const next = await mapBounded(parents, this.deps.concurrency, (p) => this.children(p.id, ctx));
      level = next.flat();
    }
    return tree;
  }

  /** Unknown and non-leaf ids are refused by the channel (PermanentError with its msg_code). */
  async categoryAttributes(categoryId: string, ctx: CallContext = {}): Promise<RemoteAttribute[]> {
    const res = await this.deps.read(
      () => this.deps.client.get(ALIBABA_PATHS.categoryAttributes, { category_id: categoryId }, { signal: ctx.signal }),
      ctx,
    );
    return parseCategoryAttributes(res);
  }

  private async children(parentId: string | null, ctx: CallContext): Promise<RemoteCategory[]> {
    try {
      const res = await this.deps.read(
        () =>
          this.deps.client.get(ALIBABA_PATHS.categoryGet, parentId === null ? {} : { parent_category_id: parentId }, {
            signal: ctx.signal,
          }),
        ctx,
      );
      return parseCategoryChildren(res, parentId);
    } catch (err) {
      // A parent removed (or turned into a leaf) between two levels of the walk has no children to read.
      if (parentId !== null && isChannelError(err) && err.code === NO_SUCH_CATEGORY) return [];
      throw err;
    }
  }
}

/** Runs `task` over `items` with at most `limit` in flight; results keep the input order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index] as T);
      } catch (err) {
        failed = true; // no new calls once the walk is lost
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
