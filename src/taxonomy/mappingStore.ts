import type { RemoteAttribute } from "../../adapters/core/types.js";
import { NotFoundError, ValidationError, VersionConflictError } from "../catalog/errors.js";
import type { Db } from "../db.js";
import type { KnownCategory } from "../listing/readiness.js";
import type { MappingFile, MappingSet } from "./mappingFile.js";
import { toRemoteAttribute } from "./remoteAttributes.js";
import { validateMappings } from "./validateMappings.js";

export type WriteMode = "replace" | "merge";

export interface WriteOptions {
  mode: WriteMode;
  /** Refuse (409) unless the account's mappings are still at this version. */
  expectedVersion?: number;
  /** Entries to delete (merge mode only). */
  remove?: MappingSet;
}

const record = (accountId: string) => `channel account ${accountId} mappings`;

/** The account's mappings as a file, with the current version and each category's channel path. */
export async function exportMappings(db: Db, accountId: string): Promise<MappingFile> {
  const account = await db.channelAccount.findUnique({ where: { id: accountId } });
  if (!account) throw new NotFoundError(`channel account ${accountId}`);
  const [categories, attributes, values, paths, labels] = await Promise.all([
    db.categoryMapping.findMany({
      where: { channelAccountId: accountId },
      include: { category: { select: { code: true } } },
      orderBy: { category: { code: "asc" } },
    }),
    db.attributeMapping.findMany({
      where: { channelAccountId: accountId },
      orderBy: [{ remoteCategoryId: "asc" }, { masterKey: "asc" }],
    }),
    db.valueMapping.findMany({
      where: { channelAccountId: accountId },
      orderBy: [{ remoteKey: "asc" }, { masterValue: "asc" }],
    }),
    db.channelCategory.findMany({ where: { channelAccountId: accountId }, select: { remoteId: true, path: true } }),
    optionLabels(db, accountId),
  ]);
  const pathOf = new Map(paths.map((p) => [p.remoteId, p.path]));
  return {
    format: "tijarat-mappings/1",
    channel: account.channel,
    version: account.mappingVersion,
    exportedAt: new Date().toISOString(),
    categories: categories.map((m) => ({
      master: m.category.code,
      channel: m.remoteCategoryId,
      ...(pathOf.get(m.remoteCategoryId) ? { channelPath: pathOf.get(m.remoteCategoryId) } : {}),
    })),
    attributes: attributes.map((m) => ({
      master: m.masterKey,
      channel: m.remoteKey,
      ...(m.remoteCategoryId ? { category: m.remoteCategoryId } : {}),
    })),
    values: values.map((m) => {
      const label = labels.get(`${m.remoteKey}\u0000${m.remoteValue}`);
      return {
        attribute: m.remoteKey,
        master: m.masterValue,
        channel: m.remoteValue,
        ...(label && label !== m.remoteValue ? { channelLabel: label } : {}),
      };
    }),
  };
}

/**
 * Writes mappings all or nothing: every entry is checked against the master catalog and the stored taxonomy first,
 * and any problem refuses the whole write with each bad entry named. Replace makes the account's mappings exactly
 * the set; merge adds or changes the given entries. Bumps the account's mappingVersion.
 */
export async function writeMappings(
  db: Db,
  accountId: string,
  input: MappingSet,
  opts: WriteOptions,
): Promise<{ version: number }> {
  const account = await db.channelAccount.findUnique({ where: { id: accountId } });
  if (!account) throw new NotFoundError(`channel account ${accountId}`);
  const context = await mappingContext(db, accountId, account.channel, account.taxonomyFetchedAt !== null);
  const { set, issues } = validateMappings(input, context);
  if (issues.length > 0)
    throw new ValidationError(
      record(accountId),
      issues.map((i) => ({ path: i.field, message: i.message })),
    );
  const codes = await db.category.findMany({
    where: {
      code: { in: [...set.categories.map((c) => c.master), ...(opts.remove?.categories.map((c) => c.master) ?? [])] },
    },
    select: { id: true, code: true },
  });
  const categoryId = new Map(codes.map((c) => [c.code, c.id]));

  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ mapping_version: number }[]>`
      SELECT mapping_version FROM channel_account WHERE id = ${accountId} FOR UPDATE`;
    const current = locked[0]?.mapping_version ?? 0;
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== current) {
      throw new VersionConflictError(record(accountId), opts.expectedVersion, current);
    }
    const channelAccountId = accountId;
    if (opts.mode === "replace") {
      await tx.categoryMapping.deleteMany({ where: { channelAccountId } });
      await tx.attributeMapping.deleteMany({ where: { channelAccountId } });
      await tx.valueMapping.deleteMany({ where: { channelAccountId } });
    }
    for (const m of opts.remove?.categories ?? []) {
      const id = categoryId.get(m.master);
      if (id) await tx.categoryMapping.deleteMany({ where: { channelAccountId, categoryId: id } });
    }
    for (const m of opts.remove?.attributes ?? []) {
      await tx.attributeMapping.deleteMany({
        where: { channelAccountId, masterKey: m.master, remoteCategoryId: m.category ?? "" },
      });
    }
    for (const m of opts.remove?.values ?? []) {
      await tx.valueMapping.deleteMany({ where: { channelAccountId, remoteKey: m.attribute, masterValue: m.master } });
    }
    for (const m of set.categories) {
      const id = categoryId.get(m.master);
      if (!id) continue; // validated above
      await tx.categoryMapping.upsert({
        where: { channelAccountId_categoryId: { channelAccountId, categoryId: id } },
        create: { channelAccountId, categoryId: id, remoteCategoryId: m.channel },
        update: { remoteCategoryId: m.channel },
      });
    }
    for (const m of set.attributes) {
      const remoteCategoryId = m.category ?? "";
      await tx.attributeMapping.upsert({
        where: {
          channelAccountId_remoteCategoryId_masterKey: { channelAccountId, remoteCategoryId, masterKey: m.master },
        },
        create: { channelAccountId, remoteCategoryId, masterKey: m.master, remoteKey: m.channel },
        update: { remoteKey: m.channel },
      });
    }
    for (const m of set.values) {
      await tx.valueMapping.upsert({
        where: {
          channelAccountId_remoteKey_masterValue: { channelAccountId, remoteKey: m.attribute, masterValue: m.master },
        },
        create: { channelAccountId, remoteKey: m.attribute, masterValue: m.master, remoteValue: m.channel },
        update: { remoteValue: m.channel },
      });
    }
    const updated = await tx.channelAccount.update({
      where: { id: accountId },
      data: { mappingVersion: { increment: 1 } },
      select: { mappingVersion: true },
    });
    return { version: updated.mappingVersion };
  });
}

async function mappingContext(db: Db, accountId: string, channel: string, treeFetched: boolean) {
  const [masters, tree, attributeRows] = await Promise.all([
    db.category.findMany({ select: { code: true } }),
    db.channelCategory.findMany({ where: { channelAccountId: accountId } }),
    db.channelAttribute.findMany({ where: { channelAccountId: accountId } }),
  ]);
  const attributes = new Map<string, RemoteAttribute[]>();
  for (const row of attributeRows) {
    const list = attributes.get(row.categoryRemoteId) ?? [];
    list.push(toRemoteAttribute(row));
    attributes.set(row.categoryRemoteId, list);
  }
  return {
    channel,
    masterCodes: new Set(masters.map((m) => m.code)),
    tree: treeFetched
      ? new Map<string, KnownCategory>(
          tree.map((c) => [c.remoteId, { id: c.remoteId, path: c.path, leaf: c.leaf, removed: c.removedAt !== null }]),
        )
      : null,
    attributes,
  };
}

async function optionLabels(db: Db, accountId: string): Promise<Map<string, string>> {
  const rows = await db.channelAttribute.findMany({ where: { channelAccountId: accountId } });
  const labels = new Map<string, string>();
  for (const row of rows) {
    for (const o of toRemoteAttribute(row).options) labels.set(`${row.key}\u0000${o.value}`, o.label);
  }
  return labels;
}
