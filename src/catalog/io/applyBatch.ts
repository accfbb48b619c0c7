import type { Db } from "../../db.js";
import { Prisma } from "../../generated/prisma/client.js";
import { stableJson } from "../../listing/hashParts.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { ProductSnapshot } from "../productSnapshot.js";
import { changedParts, contentRow, saveParsedProduct } from "../saveProduct.js";
import { loadSnapshots } from "./loadSnapshots.js";

type Tx = Prisma.TransactionClient;

/** Category and warehouse ids by code, loaded once per import (both tables are small). */
export interface ReferenceIds {
  categories: Map<string, string>;
  warehouses: Map<string, string>;
}

export async function loadReferenceIds(db: Db | Tx): Promise<ReferenceIds> {
  const categories = await db.category.findMany({ select: { id: true, code: true } });
  const warehouses = await db.warehouse.findMany({ select: { id: true, code: true } });
  return {
    categories: new Map(categories.map((c) => [c.code, c.id])),
    warehouses: new Map(warehouses.map((w) => [w.code, w.id])),
  };
}

export interface BatchFailure {
  sku: string;
  message: string;
}

export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** Products the database refused (only after the fast path failed and each product was retried alone). */
  failed: BatchFailure[];
}

/**
 * Upserts a batch of validated products in one transaction with the semantics of saveParsedProduct(mode "upsert"):
 * the batch's existing products are loaded in one query; unchanged ones are skipped (no write, no outbox event);
 * changed ones go through saveParsedProduct itself; new ones are inserted with one multi-row INSERT per table, each
 * with its product.created outbox event: the same rows saveParsedProduct writes for a new product.
 *
 * If the transaction fails on a constraint (a concurrent writer took a SKU or removed a category since validation),
 * each product of the batch is retried in its own transaction through saveParsedProduct, so one product's conflict
 * does not hold back the others; the refused ones are returned in `failed`.
 */
export async function applyBatch(
  db: Db,
  exporterId: string,
  batch: ProductSnapshot[],
  refs: ReferenceIds,
): Promise<BatchOutcome> {
  try {
    return await db.$transaction((tx) => applyInTransaction(tx, exporterId, batch, refs), {
      timeout: 120_000,
      maxWait: 30_000,
    });
  } catch (err) {
    if (!isConstraintError(err)) throw err;
    return applyOneByOne(db, exporterId, batch);
  }
}

async function applyInTransaction(
  tx: Tx,
  exporterId: string,
  batch: ProductSnapshot[],
  refs: ReferenceIds,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { created: 0, updated: 0, unchanged: 0, failed: [] };
  // Without table statistics (a bulk load into a fresh table, before autovacuum's ANALYZE) the planner overestimates
  // the snapshot query and JIT-compiles its large JSON expression: about a second per batch, for 250 index lookups.
  await tx.$executeRawUnsafe("SET LOCAL jit = off");
  const existing = await loadSnapshots(
    tx,
    exporterId,
    batch.map((p) => p.sku),
  );
  const toCreate: ProductSnapshot[] = [];
  for (const input of batch) {
    const before = existing.get(input.sku);
    if (!before) toCreate.push(input);
    else if (stableJson(before) === stableJson(input)) outcome.unchanged++;
    else {
      // saveParsedProduct reloads the product and decides again, so its outcome is the one that counts.
      const res = await saveParsedProduct(tx, exporterId, input, { mode: "upsert" });
      outcome[res.outcome]++;
    }
  }
  if (toCreate.length > 0) {
    await createMany(tx, exporterId, toCreate, refs);
    outcome.created += toCreate.length;
  }
  return outcome;
}

/**
 * The create path of saveParsedProduct for a whole batch: one INSERT ... SELECT FROM unnest(...) per table, with
 * arrays as parameters. Prisma's createMany costs about 0.2 ms per row in its query interpreter, which made it the
 * bottleneck (4 000 rows per batch); this writes the same rows (same defaults, ids in cuid form, UTC timestamps
 * like Prisma's @updatedAt) in a few milliseconds.
 */
async function createMany(tx: Tx, exporterId: string, products: ProductSnapshot[], refs: ReferenceIds) {
  const ids = new Map<string, string>();
  for (const p of products) ids.set(p.sku, newId());
  const idOf = (p: ProductSnapshot) => ids.get(p.sku)!;
  const categoryId = (p: ProductSnapshot): string | null => {
    if (!p.category) return null;
    const id = refs.categories.get(p.category);
    if (!id) {
      throw new ValidationError(`product ${p.sku}`, [
        { path: "category", message: `unknown category code "${p.category}"` },
      ]);
    }
    return id;
  };
  await insert(
    tx,
    "product",
    [
      ["id", "text"],
      ["exporter_id", "text"],
      ["sku", "text"],
      ["category_id", "text"],
      ["brand", "text"],
      ["model_number", "text"],
      ["hs_code", "text"],
      ["origin_city", "text"],
      ["origin_region", "text"],
      ["origin_country", "text"],
      ["base_price_pkr", "numeric"],
      ["cost_pkr", "numeric"],
    ],
    products.map((p) => [
      idOf(p),
      exporterId,
      p.sku,
      categoryId(p),
      p.brand,
      p.modelNumber ?? null,
      p.hsCode ?? null,
      p.originCity ?? null,
      p.originRegion ?? null,
      p.originCountry,
      p.basePricePkr,
      p.costPkr ?? null,
    ]),
    { createdAt: true, updatedAt: true },
  );
  await insert(
    tx,
    "product_content",
    [
      ["id", "text"],
      ["product_id", "text"],
      ["locale", "text"],
      ["title", "text"],
      ["description", "text"],
      ["bullets", "jsonb"],
      ["keywords", "jsonb"],
      ["source", '"ContentSource"'],
      ["review_state", '"ReviewState"'],
      ["locked", "bool"],
    ],
    products.flatMap((p) =>
      p.content.map((c) => {
        const row = contentRow(c);
        return [
          newId(),
          idOf(p),
          c.locale,
          row.title,
          row.description,
          JSON.stringify(row.bullets),
          JSON.stringify(row.keywords),
          row.source,
          row.reviewState,
          row.locked,
        ];
      }),
    ),
    { updatedAt: true },
  );
  await insert(
    tx,
    "product_media",
    [
      ["id", "text"],
      ["product_id", "text"],
      ["position", "int4"],
      ["url", "text"],
      ["alt_text", "text"],
    ],
    products.flatMap((p) => p.media.map((m, position) => [newId(), idOf(p), position, m.url, m.altText])),
  );
  await insert(
    tx,
    "product_attribute",
    [
      ["id", "text"],
      ["product_id", "text"],
      ["key", "text"],
      ["type", '"AttributeType"'],
      ["value", "text"],
    ],
    products.flatMap((p) => p.attributes.map((a) => [newId(), idOf(p), a.key, a.type, a.value])),
  );
  await insert(
    tx,
    "quantity_break",
    [
      ["id", "text"],
      ["product_id", "text"],
      ["min_quantity", "int4"],
      ["price_pkr", "numeric"],
    ],
    products.flatMap((p) => p.quantityBreaks.map((q) => [newId(), idOf(p), q.minQuantity, q.pricePkr])),
  );
  const variantRows: unknown[][] = [];
  const stockRows: unknown[][] = [];
  for (const p of products) {
    p.variants.forEach((v, position) => {
      const variantId = newId();
      variantRows.push([
        variantId,
        idOf(p),
        exporterId,
        v.sellerSku,
        JSON.stringify(v.options),
        v.pricePkr ?? null,
        measure(v.lengthCm),
        measure(v.widthCm),
        measure(v.heightCm),
        measure(v.weightKg),
        v.barcode ?? null,
        position,
      ]);
      for (const s of v.stock) {
        const warehouseId = refs.warehouses.get(s.warehouse);
        if (!warehouseId) {
          throw new ValidationError(`product ${p.sku}`, [
            { path: "variants.stock.warehouse", message: `unknown warehouse ${s.warehouse}` },
          ]);
        }
        stockRows.push([variantId, warehouseId, s.quantity]);
      }
    });
  }
  await insert(
    tx,
    "variant",
    [
      ["id", "text"],
      ["product_id", "text"],
      ["exporter_id", "text"],
      ["seller_sku", "text"],
      ["options", "jsonb"],
      ["price_pkr", "numeric"],
      ["length_cm", "numeric"],
      ["width_cm", "numeric"],
      ["height_cm", "numeric"],
      ["weight_kg", "numeric"],
      ["barcode", "text"],
      ["position", "int4"],
    ],
    variantRows,
    { createdAt: true, updatedAt: true },
  );
  await insert(
    tx,
    "stock",
    [
      ["variant_id", "text"],
      ["warehouse_id", "text"],
      ["quantity", "int4"],
    ],
    stockRows,
    { updatedAt: true },
  );
  await insert(
    tx,
    "outbox_event",
    [
      ["aggregate_type", "text"],
      ["aggregate_id", "text"],
      ["event_type", "text"],
      ["payload", "jsonb"],
    ],
    products.map((p) => [
      "product",
      idOf(p),
      "product.created",
      JSON.stringify({ exporterId, parts: changedParts(null, p) }),
    ]),
  );
}

const measure = (n: number | undefined): string | null => (n === undefined ? null : String(n));

/** Types travel as text (or int/bool) arrays and are cast in SQL, so one statement carries any number of rows. */
const arrayType: Record<string, string> = { int4: "int4[]", bool: "bool[]" };

async function insert(
  tx: Tx,
  table: string,
  columns: [name: string, type: string][],
  rows: unknown[][],
  stamps: { createdAt?: boolean; updatedAt?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => `"${name}"`);
  const select = columns.map(([name, type]) =>
    arrayType[type] || type === "text" ? `t."${name}"` : `t."${name}"::${type}`,
  );
  const unnest = columns.map(([, type], i) => `$${i + 1}::${arrayType[type] ?? "text[]"}`);
  // Prisma stores DateTime as UTC in "timestamp without time zone" columns; do the same.
  for (const [flag, column] of [
    [stamps.createdAt, "created_at"],
    [stamps.updatedAt, "updated_at"],
  ] as const) {
    if (!flag) continue;
    names.push(`"${column}"`);
    select.push(`(now() AT TIME ZONE 'UTC')`);
  }
  const sql =
    `INSERT INTO "${table}" (${names.join(", ")}) SELECT ${select.join(", ")} ` +
    `FROM unnest(${unnest.join(", ")}) AS t(${columns.map(([name]) => `"${name}"`).join(", ")})`;
  await tx.$executeRawUnsafe(sql, ...columns.map((_, i) => rows.map((r) => r[i])));
}

let counter = 0;
const fingerprint = Math.floor(Math.random() * 36 ** 4)
  .toString(36)
  .padStart(4, "0");

/** A collision-resistant id in the shape of Prisma's cuid(): c + time + counter + fingerprint + random. */
export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  const random = Math.floor(Math.random() * 36 ** 8)
    .toString(36)
    .padStart(8, "0");
  return `c${Date.now().toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${fingerprint}${random}`;
}

async function applyOneByOne(db: Db, exporterId: string, batch: ProductSnapshot[]): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { created: 0, updated: 0, unchanged: 0, failed: [] };
  for (const input of batch) {
    try {
      const res = await db.$transaction((tx) => saveParsedProduct(tx, exporterId, input, { mode: "upsert" }), {
        timeout: 20_000,
      });
      outcome[res.outcome]++;
    } catch (err) {
      if (err instanceof ValidationError) {
        outcome.failed.push({ sku: input.sku, message: err.fields.map((f) => `${f.path}: ${f.message}`).join("; ") });
      } else if (err instanceof NotFoundError || isConstraintError(err)) {
        outcome.failed.push({ sku: input.sku, message: (err as Error).message });
      } else {
        throw err;
      }
    }
  }
  return outcome;
}

/** Unique or foreign-key violations, from Prisma queries (P2002/P2003) or raw statements (P2010 with 23505/23503). */
function isConstraintError(err: unknown): boolean {
  if (err instanceof ValidationError) return true;
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (err.code === "P2002" || err.code === "P2003") return true;
  return err.code === "P2010" && /\b(23505|23503)\b/.test(err.message);
}
