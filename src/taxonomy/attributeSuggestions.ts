import { NotFoundError } from "../catalog/errors.js";
import type { Db } from "../db.js";
import { channelSettings } from "../listing/channelProfile.js";
import { mapAttributes } from "../listing/mapAttributes.js";
import { loadGlossary } from "../localize/glossary.js";
import { withGlossary } from "./glossaryNames.js";
import { loadReadiness } from "./loadReadiness.js";
import { nameSimilarity } from "./suggestCategories.js";

export interface MasterKeyCandidate {
  key: string;
  /** Products (of the mapped master categories) that carry it. */
  products: number;
  sample: string;
  score: number;
}

export interface UncoveredAttribute {
  categoryId: string;
  categoryPath: string;
  /** Master categories mapped to this channel category. */
  masters: string[];
  key: string;
  label: string;
  variant: boolean;
  /** Master attribute or option keys whose names read closest, best first (may be empty). */
  candidates: MasterKeyCandidate[];
}

/**
 * Required channel attributes that nothing in the catalog fills for a mapped category (no mapping, no name match, no
 * account default), each with the master keys of that category's products whose names read closest: the attribute
 * mappings an operator most likely needs next. Reads the stored taxonomy only.
 */
export async function uncoveredAttributes(db: Db, accountId: string, limit = 3): Promise<UncoveredAttribute[]> {
  const account = await db.channelAccount.findUnique({ where: { id: accountId } });
  if (!account) throw new NotFoundError(`channel account ${accountId}`);
  const settings = channelSettings.parse(account.settings);
  const readiness = await loadReadiness(db, accountId);
  const glossary = settings.locale === "en" ? [] : await loadGlossary(db, "en", settings.locale);
  const byCategory = new Map<string, string[]>();
  for (const [code, remote] of [...Object.entries(settings.categoryMap), ...readiness.categoryMap]) {
    byCategory.set(remote, [...new Set([...(byCategory.get(remote) ?? []), code])]);
  }
  const out: UncoveredAttribute[] = [];
  for (const [categoryId, masters] of byCategory) {
    const attributes = readiness.attributes.get(categoryId);
    if (!attributes) continue;
    const keys = await masterKeys(db, account.exporterId, masters);
    const mapped = mapAttributes(
      {
        channel: account.channel,
        categoryId,
        categoryPath: categoryId,
        attributes: keys.filter((k) => !k.option).map((k) => ({ key: k.key, value: k.sample })),
        defaults: settings.defaultAttributes,
        variants: [
          {
            sellerSku: "-",
            options: Object.fromEntries(keys.filter((k) => k.option).map((k) => [k.key, k.sample])),
          },
        ],
      },
      readiness,
    );
    for (const attr of attributes) {
      if (!attr.required || attr.fromListing) continue;
      const missing = mapped.gaps.some((g) => g.field.endsWith(`.${attr.key}`) && g.message.includes("requires"));
      if (!missing) continue;
      const candidates = keys
        .filter((k) => k.option === attr.variant)
        .map((k) => ({
          key: k.key,
          products: k.products,
          sample: k.sample,
          score: Math.max(
            nameSimilarity(withGlossary(k.key.replaceAll("_", " "), glossary), attr.label),
            nameSimilarity(k.key, attr.key),
          ),
        }))
        .filter((c) => c.score >= 0.1)
        .sort((a, b) => b.score - a.score || b.products - a.products)
        .slice(0, limit);
      out.push({
        categoryId,
        categoryPath: readiness.categories.get(categoryId)?.path ?? categoryId,
        masters,
        key: attr.key,
        label: attr.label,
        variant: attr.variant,
        candidates,
      });
    }
  }
  return out;
}

interface MasterKey {
  key: string;
  option: boolean;
  products: number;
  sample: string;
}

/** Attribute and variant option keys used by the exporter's active products in these master categories. */
async function masterKeys(db: Db, exporterId: string, codes: string[]): Promise<MasterKey[]> {
  const products = await db.product.findMany({
    where: { exporterId, active: true, category: { code: { in: codes } } },
    select: { attributes: { select: { key: true, value: true } }, variants: { select: { options: true } } },
    take: 500,
  });
  const keys = new Map<string, MasterKey>();
  const add = (key: string, option: boolean, sample: string, seen: Set<string>) => {
    const id = `${option ? "o" : "a"}:${key}`;
    const entry = keys.get(id) ?? { key, option, products: 0, sample };
    if (!seen.has(id)) entry.products += 1;
    seen.add(id);
    keys.set(id, entry);
  };
  for (const p of products) {
    const seen = new Set<string>();
    for (const a of p.attributes) add(a.key, false, a.value, seen);
    for (const v of p.variants) {
      const options = v.options && typeof v.options === "object" && !Array.isArray(v.options) ? v.options : {};
      for (const [k, value] of Object.entries(options)) if (typeof value === "string") add(k, true, value, seen);
    }
  }
  return [...keys.values()];
}
