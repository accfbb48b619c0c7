import type { RemoteAttribute } from "../../adapters/core/types.js";
import type { Db } from "../db.js";
import { type ChannelReadiness, type KnownCategory, normaliseName } from "../listing/readiness.js";
import { toRemoteAttribute } from "./remoteAttributes.js";

/**
 * Reads an account's stored taxonomy and mappings. Only the categories some mapping points at are loaded with
 * their attributes; the tree itself is kept whole because leaf checks need any id.
 */
export async function loadReadiness(db: Db, channelAccountId: string): Promise<ChannelReadiness> {
  const [account, categoryRows, mappings, attributeMappings, valueMappings] = await Promise.all([
    db.channelAccount.findUniqueOrThrow({ where: { id: channelAccountId }, select: { taxonomyFetchedAt: true } }),
    db.channelCategory.findMany({
      where: { channelAccountId },
      select: { remoteId: true, path: true, leaf: true, removedAt: true, attributesFetchedAt: true },
    }),
    db.categoryMapping.findMany({ where: { channelAccountId }, include: { category: { select: { code: true } } } }),
    db.attributeMapping.findMany({ where: { channelAccountId } }),
    db.valueMapping.findMany({ where: { channelAccountId } }),
  ]);
  const categories = new Map<string, KnownCategory>(
    categoryRows.map((c) => [
      c.remoteId,
      { id: c.remoteId, path: c.path, leaf: c.leaf, removed: c.removedAt !== null },
    ]),
  );
  const categoryMap = new Map(mappings.map((m) => [m.category.code, m.remoteCategoryId]));
  const attributeRows = await db.channelAttribute.findMany({
    where: { channelAccountId },
    orderBy: [{ categoryRemoteId: "asc" }, { key: "asc" }],
  });
  const attributes = new Map<string, RemoteAttribute[]>();
  for (const row of attributeRows) {
    const list = attributes.get(row.categoryRemoteId) ?? [];
    list.push(toRemoteAttribute(row));
    attributes.set(row.categoryRemoteId, list);
  }
  // A category whose attributes were fetched and came back empty still counts as known.
  for (const c of categoryRows) {
    if (c.attributesFetchedAt && !attributes.has(c.remoteId)) attributes.set(c.remoteId, []);
  }

  const attributeMap = new Map<string, Map<string, string>>();
  for (const m of attributeMappings) {
    const scope = attributeMap.get(m.remoteCategoryId) ?? new Map<string, string>();
    scope.set(m.masterKey, m.remoteKey);
    attributeMap.set(m.remoteCategoryId, scope);
  }
  const valueMap = new Map<string, Map<string, string>>();
  for (const v of valueMappings) {
    const values = valueMap.get(v.remoteKey) ?? new Map<string, string>();
    values.set(normaliseName(v.masterValue), v.remoteValue);
    valueMap.set(v.remoteKey, values);
  }
  return {
    categoryMap,
    treeFetched: account.taxonomyFetchedAt !== null,
    categories,
    attributes,
    attributeMap,
    valueMap,
  };
}

/**
 * Keeps each account's readiness in memory and reloads it when the account's mapping or taxonomy version moved, so
 * a mapping saved through the API reaches every worker on its next push at the cost of one small query.
 */
export class ReadinessCache {
  private readonly entries = new Map<string, { stamp: string; readiness: Promise<ChannelReadiness> }>();

  constructor(private readonly db: Db) {}

  async get(channelAccountId: string): Promise<ChannelReadiness> {
    const row = await this.db.channelAccount.findUniqueOrThrow({
      where: { id: channelAccountId },
      select: { mappingVersion: true, taxonomyVersion: true },
    });
    const stamp = `${row.mappingVersion}:${row.taxonomyVersion}`;
    const entry = this.entries.get(channelAccountId);
    if (entry?.stamp === stamp) return entry.readiness;
    const readiness = loadReadiness(this.db, channelAccountId);
    readiness.catch(() => this.entries.delete(channelAccountId));
    this.entries.set(channelAccountId, { stamp, readiness });
    return readiness;
  }
}
