/**
 * Fast catalog seeding for the benchmark: one INSERT ... SELECT FROM unnest(arrays) per table and chunk, straight
 * through pg (no per-row ORM work), so 100,000 products with their variants, content, media and stock land in
 * seconds. Rows match what saveProduct would write (same defaults, human content locked).
 */
import type pg from "pg";
import {
  BENCH_CATEGORIES,
  BENCH_PARENTS,
  BENCH_WAREHOUSES,
  type BenchImages,
  type GenProduct,
  generateProduct,
} from "./generate.js";

type Queryable = pg.Pool | pg.PoolClient;
type ColType = "text" | "int" | "numeric" | "jsonb" | "bool" | `enum:${string}`;

export async function insertUnnest(
  q: Queryable,
  table: string,
  cols: [name: string, type: ColType][],
  rows: unknown[][],
  extra: Record<string, string> = {},
): Promise<void> {
  if (rows.length === 0) return;
  const arrayType = (t: ColType) =>
    t === "int" ? "int[]" : t === "numeric" ? "numeric[]" : t === "bool" ? "bool[]" : "text[]";
  const select = cols.map(([, t], j) =>
    t === "jsonb" ? `c${j}::jsonb` : t.startsWith("enum:") ? `c${j}::"${t.slice(5)}"` : `c${j}`,
  );
  const names = [...cols.map(([n]) => `"${n}"`), ...Object.keys(extra).map((n) => `"${n}"`)];
  const sql =
    `INSERT INTO "${table}" (${names.join(", ")}) ` +
    `SELECT ${[...select, ...Object.values(extra)].join(", ")} ` +
    `FROM unnest(${cols.map(([, t], j) => `$${j + 1}::${arrayType(t)}`).join(", ")}) AS t(${cols.map((_, j) => `c${j}`).join(", ")})`;
  await q.query(
    sql,
    cols.map((_, j) => rows.map((r) => r[j])),
  );
}

export interface SeedBase {
  exporterId: string;
  categoryIds: Map<string, string>;
  warehouseIds: Map<string, string>;
}

/** Exporter, warehouses and the category tree the generator uses. */
export async function seedBase(pool: pg.Pool, slug = "bench-exporter"): Promise<SeedBase> {
  const exporterId = "bench_exporter";
  await pool.query(`INSERT INTO exporter (id, slug, name, city) VALUES ($1, $2, $3, 'Sialkot')`, [
    exporterId,
    slug,
    "Bench Exports",
  ]);
  const warehouseIds = new Map<string, string>();
  for (const w of BENCH_WAREHOUSES) {
    const id = `bench_wh_${w.code}`;
    await pool.query(`INSERT INTO warehouse (id, code, name, city) VALUES ($1, $2, $3, $4)`, [
      id,
      w.code,
      w.name,
      w.city,
    ]);
    warehouseIds.set(w.code, id);
  }
  const categoryIds = new Map<string, string>();
  for (const c of BENCH_PARENTS) {
    const id = `bench_cat_${c.code}`;
    await pool.query(`INSERT INTO category (id, code, name, path) VALUES ($1, $2, $3, $2)`, [id, c.code, c.name]);
    categoryIds.set(c.code, id);
  }
  for (const c of BENCH_CATEGORIES) {
    const id = `bench_cat_${c.code}`;
    const parentId = c.parent ? categoryIds.get(c.parent) : undefined;
    await pool.query(`INSERT INTO category (id, code, name, path, parent_id) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      c.code,
      c.name,
      c.parent ? `${c.parent}/${c.code}` : c.code,
      parentId ?? null,
    ]);
    categoryIds.set(c.code, id);
  }
  return { exporterId, categoryIds, warehouseIds };
}

export const productId = (prefix: string, index: number) => `${prefix}${String(index).padStart(7, "0")}`;

export interface SeedProductsOptions {
  count: number;
  /** First product index (default 0): products start..start + count - 1. */
  start?: number;
  variants: number;
  /** Where the product images are served (Phase.images). */
  images: BenchImages;
  /** Product ids are `${idPrefix}0000042`; seller SKUs `${skuPrefix}-0000042-1`. */
  idPrefix: string;
  skuPrefix: string;
  /** Also write one product.created outbox row per product. */
  outbox: boolean;
  chunk?: number;
  /** Chunks written at once (each on its own connection). */
  parallel?: number;
  onProgress?: (done: number) => void;
  /** Runs inside each chunk's transaction after its rows are written (e.g. to add listing rows). */
  afterChunk?: (client: pg.PoolClient, products: [string, GenProduct][]) => Promise<void>;
}

/** Bulk-inserts `count` generated products; returns their ids in order. */
export async function seedProducts(pool: pg.Pool, base: SeedBase, opts: SeedProductsOptions): Promise<string[]> {
  const chunk = opts.chunk ?? 2500;
  const first = opts.start ?? 0;
  const end = first + opts.count;
  const starts: number[] = [];
  for (let s = first; s < end; s += chunk) starts.push(s);
  let done = 0;
  let next = 0;
  const runOne = async (): Promise<void> => {
    for (;;) {
      const start = starts[next++];
      if (start === undefined) return;
      const products: [string, GenProduct][] = [];
      for (let i = start; i < Math.min(end, start + chunk); i += 1) {
        products.push([productId(opts.idPrefix, i), generateProduct(i, opts.variants, opts.skuPrefix, opts.images)]);
      }
      await insertChunk(pool, base, products, opts.outbox, opts.afterChunk);
      done += products.length;
      opts.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: opts.parallel ?? 3 }, runOne));
  // Fresh bulk loads have no planner statistics until autovacuum gets to them; production tables would have them.
  await pool.query("ANALYZE");
  return Array.from({ length: opts.count }, (_, i) => productId(opts.idPrefix, first + i));
}

async function insertChunk(
  pool: pg.Pool,
  base: SeedBase,
  products: [string, GenProduct][],
  outbox: boolean,
  afterChunk?: SeedProductsOptions["afterChunk"],
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await insertUnnest(
      client,
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
        ["base_price_pkr", "numeric"],
        ["cost_pkr", "numeric"],
      ],
      products.map(([id, p]) => [
        id,
        base.exporterId,
        p.sku,
        base.categoryIds.get(p.category) ?? null,
        p.brand,
        p.modelNumber,
        p.hsCode,
        p.originCity,
        p.originRegion,
        p.basePricePkr,
        p.costPkr,
      ]),
      { updated_at: "now()" },
    );
    const variantRows: unknown[][] = [];
    const stockRows: unknown[][] = [];
    for (const [id, p] of products) {
      p.variants.forEach((v, position) => {
        const variantId = `${id}v${position}`;
        variantRows.push([
          variantId,
          id,
          base.exporterId,
          v.sellerSku,
          JSON.stringify(v.options),
          v.pricePkr,
          String(v.lengthCm),
          String(v.widthCm),
          String(v.heightCm),
          String(v.weightKg),
          position,
        ]);
        for (const s of v.stock) stockRows.push([variantId, base.warehouseIds.get(s.warehouse), s.quantity]);
      });
    }
    await insertUnnest(
      client,
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
        ["position", "int"],
      ],
      variantRows,
      { updated_at: "now()" },
    );
    await insertUnnest(
      client,
      "stock",
      [
        ["variant_id", "text"],
        ["warehouse_id", "text"],
        ["quantity", "int"],
      ],
      stockRows,
      { updated_at: "now()" },
    );
    await insertUnnest(
      client,
      "product_content",
      [
        ["id", "text"],
        ["product_id", "text"],
        ["locale", "text"],
        ["title", "text"],
        ["description", "text"],
        ["bullets", "jsonb"],
        ["keywords", "jsonb"],
      ],
      products.flatMap(([id, p]) =>
        p.content.map((c) => [
          `${id}c${c.locale}`,
          id,
          c.locale,
          c.title,
          c.description,
          JSON.stringify(c.bullets),
          JSON.stringify(c.keywords),
        ]),
      ),
      // What saveProduct writes for human content (contentRow): reviewed by a human and locked.
      {
        source: `'human'::"ContentSource"`,
        review_state: `'human'::"ReviewState"`,
        locked: "true",
        updated_at: "now()",
      },
    );
    await insertUnnest(
      client,
      "product_media",
      [
        ["id", "text"],
        ["product_id", "text"],
        ["position", "int"],
        ["url", "text"],
        ["alt_text", "text"],
      ],
      products.flatMap(([id, p]) => p.media.map((m, i) => [`${id}m${i}`, id, i, m.url, m.altText])),
    );
    await insertUnnest(
      client,
      "product_attribute",
      [
        ["id", "text"],
        ["product_id", "text"],
        ["key", "text"],
        ["type", "enum:AttributeType"],
        ["value", "text"],
      ],
      products.flatMap(([id, p]) => p.attributes.map((a) => [`${id}a${a.key}`, id, a.key, a.type, a.value])),
    );
    await insertUnnest(
      client,
      "quantity_break",
      [
        ["id", "text"],
        ["product_id", "text"],
        ["min_quantity", "int"],
        ["price_pkr", "numeric"],
      ],
      products.flatMap(([id, p]) =>
        p.quantityBreaks.map((q) => [`${id}q${q.minQuantity}`, id, q.minQuantity, q.pricePkr]),
      ),
    );
    if (outbox) {
      await insertOutbox(
        client,
        base.exporterId,
        products.map(([id]) => id),
        "product.created",
      );
    }
    await afterChunk?.(client, products);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** One outbox row per product, as saveProduct writes them; `parts` omitted means every part. */
export async function insertOutbox(
  q: Queryable,
  exporterId: string,
  productIds: string[],
  eventType: "product.created" | "product.updated",
  parts?: string[],
): Promise<void> {
  const payload = JSON.stringify(parts ? { exporterId, parts } : { exporterId });
  await insertUnnest(
    q,
    "outbox_event",
    [["aggregate_id", "text"]],
    productIds.map((id) => [id]),
    { aggregate_type: "'product'", event_type: `'${eventType}'`, payload: `'${payload}'::jsonb` },
  );
}
