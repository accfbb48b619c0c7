import type { RemoteAttribute, RemoteCategory } from "../../adapters/core/types.js";
import type { Db } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import { toRemoteAttribute } from "./remoteAttributes.js";
import {
  attributeChanges,
  categoryPaths,
  type StoredCategory,
  type TaxonomyChange,
  treeChanges,
} from "./taxonomyChanges.js";

const CHUNK = 1000;

/** Stores a freshly fetched tree: upserts every node, marks vanished ones removed, returns what changed. */
export async function saveCategoryTree(
  db: Db,
  channelAccountId: string,
  tree: readonly RemoteCategory[],
  now: Date,
): Promise<TaxonomyChange[]> {
  const rows = await db.channelCategory.findMany({
    where: { channelAccountId },
    select: { remoteId: true, name: true, path: true, leaf: true, removedAt: true },
  });
  const stored = new Map<string, StoredCategory>(
    rows.map((r) => [r.remoteId, { name: r.name, path: r.path, leaf: r.leaf, removed: r.removedAt !== null }]),
  );
  const changes = treeChanges(stored, tree);
  const paths = categoryPaths(tree);
  await db.$transaction(async (tx) => {
    for (let i = 0; i < tree.length; i += CHUNK) {
      const part = tree.slice(i, i + CHUNK);
      await tx.$executeRaw`
        INSERT INTO channel_category (channel_account_id, remote_id, parent_remote_id, name, path, leaf, fetched_at, removed_at)
        SELECT ${channelAccountId}, t.remote_id, t.parent_remote_id, t.name, t.path, t.leaf, ${now}, NULL
        FROM unnest(${part.map((c) => c.id)}::text[], ${part.map((c) => c.parentId)}::text[],
                    ${part.map((c) => c.name)}::text[], ${part.map((c) => paths.get(c.id) ?? c.name)}::text[],
                    ${part.map((c) => c.leaf)}::boolean[])
          AS t(remote_id, parent_remote_id, name, path, leaf)
        ON CONFLICT (channel_account_id, remote_id) DO UPDATE SET
          parent_remote_id = EXCLUDED.parent_remote_id, name = EXCLUDED.name, path = EXCLUDED.path,
          leaf = EXCLUDED.leaf, fetched_at = EXCLUDED.fetched_at, removed_at = NULL`;
    }
    const ids = tree.map((c) => c.id);
    await tx.channelCategory.updateMany({
      where: { channelAccountId, removedAt: null, remoteId: { notIn: ids } },
      data: { removedAt: now },
    });
  });
  return changes;
}

/** Stores one category's attributes (replacing the previous set) and returns how they changed. */
export async function saveCategoryAttributes(
  db: Db,
  channelAccountId: string,
  categoryId: string,
  attributes: readonly RemoteAttribute[],
  now: Date,
): Promise<TaxonomyChange[]> {
  return db.$transaction(async (tx) => {
    const before = await tx.channelAttribute.findMany({ where: { channelAccountId, categoryRemoteId: categoryId } });
    const category = await tx.channelCategory.findUnique({
      where: { channelAccountId_remoteId: { channelAccountId, remoteId: categoryId } },
      select: { attributesFetchedAt: true },
    });
    // A first fetch has nothing to compare with: it changes nothing anyone relied on.
    const changes = category?.attributesFetchedAt
      ? attributeChanges(categoryId, before.map(toRemoteAttribute), attributes)
      : [];
    await tx.channelAttribute.deleteMany({ where: { channelAccountId, categoryRemoteId: categoryId } });
    if (attributes.length > 0) {
      await tx.channelAttribute.createMany({
        data: attributes.map((a) => ({
          channelAccountId,
          categoryRemoteId: categoryId,
          key: a.key,
          label: a.label,
          required: a.required,
          type: a.type,
          variant: a.variant,
          fromListing: a.fromListing,
          allowsCustomValue: a.allowsCustomValue ?? false,
          options: a.options.map((o) => ({ value: o.value, label: o.label })) satisfies Prisma.InputJsonArray,
          unit: a.unit ?? null,
          fetchedAt: now,
        })),
        skipDuplicates: true,
      });
    }
    await tx.channelCategory.upsert({
      where: { channelAccountId_remoteId: { channelAccountId, remoteId: categoryId } },
      create: {
        channelAccountId,
        remoteId: categoryId,
        name: categoryId,
        path: categoryId,
        leaf: true,
        fetchedAt: now,
        attributesFetchedAt: now,
      },
      update: { attributesFetchedAt: now },
    });
    return changes;
  });
}
