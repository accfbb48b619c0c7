import { NotFoundError } from "../catalog/errors.js";
import type { Db } from "../db.js";
import { channelSettings } from "../listing/channelProfile.js";
import { loadGlossary } from "../localize/glossary.js";
import { withGlossary } from "./glossaryNames.js";
import { type Suggestion, suggestCategories } from "./suggestCategories.js";

export interface UnmappedCategory {
  code: string;
  name: string;
  path: string;
  products: number;
  suggestions: Suggestion[];
}

/**
 * Master categories that hold active products of the account's exporter but have no channel category, each with the
 * channel leaves whose names read closest (from the stored tree; none until the taxonomy was fetched).
 */
export async function unmappedCategories(db: Db, accountId: string, limit = 5): Promise<UnmappedCategory[]> {
  const account = await db.channelAccount.findUnique({ where: { id: accountId } });
  if (!account) throw new NotFoundError(`channel account ${accountId}`);
  const settings = channelSettings.parse(account.settings);
  const fromSettings = settings.categoryMap;
  // A tree in another language (JD's Chinese) is compared with the master names put through the glossary.
  const glossary = settings.locale === "en" ? [] : await loadGlossary(db, "en", settings.locale);
  const [used, mapped, leaves] = await Promise.all([
    db.product.groupBy({
      by: ["categoryId"],
      where: { exporterId: account.exporterId, active: true, categoryId: { not: null } },
      _count: { _all: true },
    }),
    db.categoryMapping.findMany({ where: { channelAccountId: accountId }, select: { categoryId: true } }),
    db.channelCategory.findMany({
      where: { channelAccountId: accountId, leaf: true, removedAt: null },
      select: { remoteId: true, name: true, path: true },
    }),
  ]);
  const mappedIds = new Set(mapped.map((m) => m.categoryId));
  const ids = used.map((u) => u.categoryId).filter((id): id is string => id !== null && !mappedIds.has(id));
  const categories = await db.category.findMany({ where: { id: { in: ids } }, include: { parent: true } });
  const count = new Map(used.map((u) => [u.categoryId, u._count._all]));
  const candidates = leaves.map((l) => ({ id: l.remoteId, name: l.name, path: l.path }));
  return categories
    .filter((c) => !fromSettings[c.code])
    .map((c) => ({
      code: c.code,
      name: c.name,
      path: c.path,
      products: count.get(c.id) ?? 0,
      suggestions: suggestCategories(
        {
          name: withGlossary(c.name, glossary),
          code: c.code,
          ...(c.parent ? { parentName: withGlossary(c.parent.name, glossary) } : {}),
        },
        candidates,
        limit,
      ),
    }))
    .sort((a, b) => b.products - a.products || a.code.localeCompare(b.code));
}
