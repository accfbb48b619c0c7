import type { SyncDeps } from "../sync/syncDeps.js";
import type { MappingSet } from "./mappingFile.js";
import { fetchAttributes } from "./refreshTaxonomy.js";

/**
 * Before a mapping write: reads the attributes of every category the set maps to (or scopes an attribute to) that
 * were never read, so the write can check attribute keys and values against them instead of taking them on trust.
 * One channel call per such category; categories the channel refuses are left for the write to report.
 */
export async function prefetchMappedAttributes(
  deps: Pick<SyncDeps, "db" | "accounts">,
  accountId: string,
  set: MappingSet,
): Promise<number> {
  const account = await deps.accounts.get(accountId);
  if (!account.adapter.taxonomy) return 0;
  const wanted = new Set([
    ...set.categories.map((c) => c.channel),
    ...set.attributes.flatMap((a) => (a.category ? [a.category] : [])),
  ]);
  if (wanted.size === 0) return 0;
  const known = await deps.db.channelCategory.findMany({
    where: { channelAccountId: accountId, remoteId: { in: [...wanted] } },
    select: { remoteId: true, leaf: true, removedAt: true, attributesFetchedAt: true },
  });
  const treeFetched =
    (await deps.db.channelAccount.findUniqueOrThrow({ where: { id: accountId }, select: { taxonomyFetchedAt: true } }))
      .taxonomyFetchedAt !== null;
  let fetched = 0;
  for (const id of wanted) {
    const row = known.find((k) => k.remoteId === id);
    if (row?.attributesFetchedAt) continue;
    // With the tree stored, only live leaves have attributes; without it the channel decides.
    if (treeFetched && (!row?.leaf || row.removedAt)) continue;
    try {
      await fetchAttributes(deps, account, id);
      fetched += 1;
    } catch {
      // Reported by the write (unknown or non-leaf category) or by the first push.
    }
  }
  if (fetched > 0) {
    await deps.db.channelAccount.update({ where: { id: accountId }, data: { taxonomyVersion: { increment: 1 } } });
  }
  return fetched;
}
