import { channelSettings } from "../listing/channelProfile.js";
import type { ConnectedAccount } from "../sync/channelAccounts.js";
import { recordCall } from "../sync/recordCall.js";
import type { SyncDeps } from "../sync/syncDeps.js";
import { withTokenRefresh } from "../sync/tokenRefresh.js";
import { saveCategoryAttributes, saveCategoryTree } from "./storeTaxonomy.js";
import { affectsListings, type TaxonomyChange } from "./taxonomyChanges.js";

export interface RefreshResult {
  refreshId: string;
  categories: number;
  attributeCategories: number;
  changes: TaxonomyChange[];
  /** Some change can hold or release listings: the caller re-checks the account's listings. */
  affectsListings: boolean;
}

/** Channel category ids the account's mappings point at (mapping table and settings.categoryMap). */
export async function mappedCategoryIds(deps: Pick<SyncDeps, "db">, channelAccountId: string): Promise<string[]> {
  const [account, mappings] = await Promise.all([
    deps.db.channelAccount.findUniqueOrThrow({ where: { id: channelAccountId }, select: { settings: true } }),
    deps.db.categoryMapping.findMany({ where: { channelAccountId }, select: { remoteCategoryId: true } }),
  ]);
  const fromSettings = Object.values(channelSettings.parse(account.settings).categoryMap);
  return [...new Set([...mappings.map((m) => m.remoteCategoryId), ...fromSettings])];
}

/**
 * Reads the channel's whole tree and the attributes of every category a mapping uses or that was fetched before,
 * stores them with the fetch date and records what changed. Channels change requirements without notice; this is
 * what the scheduled refresh runs.
 */
export async function refreshTaxonomy(
  deps: Pick<SyncDeps, "db" | "accounts">,
  accountId: string,
): Promise<RefreshResult> {
  const { db } = deps;
  const account = await deps.accounts.get(accountId);
  const taxonomy = account.adapter.taxonomy;
  if (!taxonomy) throw new Error(`${account.channel} has no category tree to fetch`);
  const refresh = await db.taxonomyRefresh.create({ data: { channelAccountId: accountId } });
  try {
    const now = new Date();
    const tree = await withTokenRefresh(deps, account, (a) =>
      recordCall(db, { channelAccountId: accountId }, "categoryTree", () =>
        (a.adapter.taxonomy ?? taxonomy).categoryTree(),
      ),
    );
    const changes = await saveCategoryTree(db, accountId, tree, now);
    const leaves = new Set(tree.filter((c) => c.leaf).map((c) => c.id));
    const fetchedBefore = await db.channelCategory.findMany({
      where: { channelAccountId: accountId, attributesFetchedAt: { not: null } },
      select: { remoteId: true },
    });
    const mapped = new Set(await mappedCategoryIds(deps, accountId));
    const wanted = new Set([...mapped, ...fetchedBefore.map((c) => c.remoteId)]);
    let attributeCategories = 0;
    for (const id of wanted) {
      if (!leaves.has(id)) continue; // a removed or non-leaf category is already reported by the tree diff
      changes.push(...(await fetchAttributes(deps, account, id, now)));
      attributeCategories += 1;
    }
    const relevant = changes.some(
      (c) => affectsListings(c) && (mapped.has(c.categoryId) || c.kind === "category_removed"),
    );
    await db.$transaction([
      db.taxonomyRefresh.update({
        where: { id: refresh.id },
        data: { finishedAt: new Date(), categories: tree.length, changes: changes.map((c) => ({ ...c })) },
      }),
      db.channelAccount.update({
        where: { id: accountId },
        data: { taxonomyFetchedAt: now, taxonomyVersion: { increment: 1 } },
      }),
    ]);
    return { refreshId: refresh.id, categories: tree.length, attributeCategories, changes, affectsListings: relevant };
  } catch (err) {
    await db.taxonomyRefresh.update({
      where: { id: refresh.id },
      data: { finishedAt: new Date(), error: err instanceof Error ? err.message.slice(0, 2000) : String(err) },
    });
    throw err;
  }
}

/** Fetches and stores one category's attributes (a push does this on its own the first time it needs them). */
export async function fetchAttributes(
  deps: Pick<SyncDeps, "db" | "accounts">,
  account: ConnectedAccount,
  categoryId: string,
  now = new Date(),
): Promise<TaxonomyChange[]> {
  if (!account.adapter.taxonomy) return [];
  const attributes = await withTokenRefresh(deps, account, (a) =>
    recordCall(deps.db, { channelAccountId: account.id }, "categoryAttributes", () =>
      a.adapter.taxonomy ? a.adapter.taxonomy.categoryAttributes(categoryId) : Promise.resolve([]),
    ),
  );
  return saveCategoryAttributes(deps.db, account.id, categoryId, attributes, now);
}
