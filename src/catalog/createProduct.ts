import type { Db } from "../db.js";
import { type SaveResult, saveProduct } from "./saveProduct.js";

/** Creates a new product (its seller SKU must be new) and the outbox event announcing it, in one transaction. */
export function createProduct(db: Db, exporterId: string, raw: unknown): Promise<SaveResult> {
  return saveProduct(db, exporterId, raw, { mode: "create" });
}
