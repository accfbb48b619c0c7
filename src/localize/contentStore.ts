import { type ProductRow, productInclude } from "../catalog/catalogProduct.js";
import { NotFoundError, VersionConflictError } from "../catalog/errors.js";
import { snapshotOf } from "../catalog/productSnapshot.js";
import { parseProduct, type SaveResult, saveParsedProduct } from "../catalog/saveProduct.js";
import type { Db } from "../db.js";
import { stableJson } from "../listing/hashParts.js";
import {
  aggregate,
  type ContentField,
  effectiveStates,
  type FieldState,
  type LocaleValues,
  storedFieldStates,
  valuesOf,
} from "./contentState.js";

export interface LocaleContentState {
  locale: string;
  /** ProductContent.version of the row. */
  version: number;
  values: LocaleValues;
  states: Record<ContentField, FieldState>;
}

export function localeState(row: ProductRow, locale: string): LocaleContentState | null {
  const content = row.contents.find((c) => c.locale === locale);
  return content
    ? { locale, version: content.version, values: valuesOf(content), states: effectiveStates(content) }
    : null;
}

/** Returns the wanted values and states of the locale, or null for "no change". May throw to abort. */
export type ContentChange = (
  current: LocaleContentState | null,
  row: ProductRow,
) => { values: LocaleValues; states: Record<ContentField, FieldState> } | null;

export interface ContentWriteResult {
  save: SaveResult;
  state: LocaleContentState | null;
  /** False when nothing was written (the change returned null or equal content and states). */
  changed: boolean;
}

/**
 * Changes one locale's content through the catalog's own save path, in one transaction: the product row is locked,
 * the change sees the current content and field states, the whole product is validated and saved (versioned, no-op
 * aware, with an outbox event when the content changed, so the listing is pushed), and the field states are stored
 * beside it. `expectedVersion` is the product version the caller read (If-Match); a mismatch is a 409 unless nothing
 * would change.
 */
export async function writeLocaleContent(
  db: Db,
  productId: string,
  locale: string,
  change: ContentChange,
  opts: { expectedVersion?: number | undefined } = {},
): Promise<ContentWriteResult> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM product WHERE id = ${productId} FOR UPDATE`;
      const row = await tx.product.findUnique({ where: { id: productId }, include: productInclude });
      if (!row) throw new NotFoundError(`product ${productId}`);
      const record = `product ${row.sku}`;
      const current = localeState(row, locale);
      const unchanged: ContentWriteResult = {
        save: { id: row.id, sku: row.sku, version: row.version, outcome: "unchanged", parts: [] },
        state: current,
        changed: false,
      };
      const next = change(current, row);
      if (!next) return unchanged;

      const agg = aggregate(next.states);
      const snapshot = snapshotOf(row);
      const parsed = parseProduct(
        {
          ...snapshot,
          content: [
            ...snapshot.content.filter((c) => c.locale !== locale),
            { locale, ...next.values, source: agg.source, locked: agg.locked },
          ],
        },
        record,
      );
      const saved = parsed.content.find((c) => c.locale === locale);
      if (!saved) throw new Error(`content ${locale} vanished while saving ${record}`);
      const values: LocaleValues = {
        title: saved.title,
        description: saved.description,
        bullets: saved.bullets,
        keywords: saved.keywords,
      };
      const fieldStates = storedFieldStates(values, next.states);
      const stored = row.contents.find((c) => c.locale === locale);
      const statesChanged =
        !stored ||
        stableJson(stored.fieldStates) !== stableJson(fieldStates) ||
        stored.reviewState !== agg.reviewState ||
        stored.source !== agg.source ||
        stored.locked !== agg.locked;
      if (!statesChanged && stableJson(snapshot) === stableJson(parsed)) return unchanged;
      if (opts.expectedVersion !== undefined && opts.expectedVersion !== row.version) {
        throw new VersionConflictError(record, opts.expectedVersion, row.version);
      }
      const save = await saveParsedProduct(tx, row.exporterId, parsed, { mode: "update" }, record);
      const updated = await tx.productContent.update({
        where: { productId_locale: { productId, locale } },
        data: {
          fieldStates,
          source: agg.source,
          reviewState: agg.reviewState,
          locked: agg.locked,
          ...(save.outcome === "unchanged" ? { version: { increment: 1 } } : {}),
        },
      });
      return {
        save,
        state: { locale, version: updated.version, values, states: effectiveStates(updated) },
        changed: true,
      };
    },
    { timeout: 20_000 },
  );
}
