import type { Db } from "../db.js";
import { productInclude } from "./catalogProduct.js";
import { NotFoundError, ValidationError, VersionConflictError } from "./errors.js";
import { writeOutbox } from "./outbox.js";
import { type ProductSnapshot, snapshotOf } from "./productSnapshot.js";
import { parseProduct, type SaveResult, saveParsedProduct } from "./saveProduct.js";

export interface StoredProduct {
  id: string;
  exporterId: string;
  version: number;
  active: boolean;
  product: ProductSnapshot;
}

export async function getProduct(db: Db, productId: string): Promise<StoredProduct> {
  const row = await db.product.findUnique({ where: { id: productId }, include: productInclude });
  if (!row) throw new NotFoundError(`product ${productId}`);
  return { id: row.id, exporterId: row.exporterId, version: row.version, active: row.active, product: snapshotOf(row) };
}

/**
 * Applies an edit to the current product and saves it through the same path as a full save: the edit gets the
 * stored snapshot and returns the wanted one (raw, it is parsed again), so partial edits share the no-op check,
 * the version check and the outbox write.
 */
export async function editProduct(
  db: Db,
  productId: string,
  expectedVersion: number | undefined,
  edit: (current: ProductSnapshot) => unknown,
): Promise<SaveResult> {
  return db.$transaction(
    async (tx) => {
      const row = await tx.product.findUnique({ where: { id: productId }, include: productInclude });
      if (!row) throw new NotFoundError(`product ${productId}`);
      const current = snapshotOf(row);
      const wanted = edit(structuredClone(current));
      const record = `product ${row.sku}`;
      const parsed = parseProduct(wanted, record);
      if (parsed.sku !== row.sku) {
        throw new ValidationError(record, [
          { path: "sku", message: "the seller SKU of a product cannot change; create a new product" },
        ]);
      }
      return saveParsedProduct(
        tx,
        row.exporterId,
        parsed,
        { mode: "update", ...(expectedVersion !== undefined ? { expectedVersion } : {}) },
        record,
      );
    },
    { timeout: 20_000 },
  );
}

/** Withdraws a product from every channel (listings are delisted by the next push) without losing its history. */
export async function deactivateProduct(db: Db, productId: string, expectedVersion?: number): Promise<SaveResult> {
  return db.$transaction(async (tx) => {
    const row = await tx.product.findUnique({ where: { id: productId } });
    if (!row) throw new NotFoundError(`product ${productId}`);
    if (!row.active) return { id: row.id, sku: row.sku, version: row.version, outcome: "unchanged", parts: [] };
    if (expectedVersion !== undefined && expectedVersion !== row.version) {
      throw new VersionConflictError(`product ${row.sku}`, expectedVersion, row.version);
    }
    const updated = await tx.product.update({
      where: { id: row.id },
      data: { active: false, version: { increment: 1 } },
    });
    await writeOutbox(tx, {
      aggregateType: "product",
      aggregateId: row.id,
      eventType: "product.deleted",
      payload: { exporterId: row.exporterId },
    });
    return {
      id: row.id,
      sku: row.sku,
      version: updated.version,
      outcome: "updated",
      parts: ["content", "price", "stock", "media"],
    };
  });
}
