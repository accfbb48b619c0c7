import type { Db } from "../db.js";
import { Prisma } from "../generated/prisma/client.js";
import { stableJson } from "../listing/hashParts.js";
import { productInclude } from "./catalogProduct.js";
import { NotFoundError, ValidationError, VersionConflictError } from "./errors.js";
import { type OutboxEventType, writeOutbox } from "./outbox.js";
import { productInput } from "./productInput.js";
import { normalizeInput, type ProductSnapshot, snapshotOf } from "./productSnapshot.js";
import { syncChildren } from "./syncChildren.js";

type Tx = Prisma.TransactionClient;

export type SaveMode = "create" | "update" | "upsert";

export interface SaveOptions {
  /** create: the SKU must be new; update: it must exist; upsert: either. */
  mode: SaveMode;
  /** Optimistic concurrency: the version the caller last read. A mismatch is a 409, unless nothing would change. */
  expectedVersion?: number;
}

export interface SaveResult {
  id: string;
  sku: string;
  version: number;
  outcome: "created" | "updated" | "unchanged";
  /** Which listing parts the change may affect, for the outbox event. */
  parts: ("content" | "price" | "stock" | "media")[];
}

export function recordName(raw: unknown): string {
  const sku = raw && typeof raw === "object" && "sku" in raw ? raw.sku : undefined;
  return `product ${typeof sku === "string" && sku ? sku : "(no sku)"}`;
}

/** Parses raw input; the error names the record and every bad field. */
export function parseProduct(raw: unknown, record = recordName(raw)): ProductSnapshot {
  const parsed = productInput.safeParse(raw);
  if (!parsed.success) throw ValidationError.fromZod(record, parsed.error);
  return normalizeInput(parsed.data);
}

/** Saves a whole product in one transaction; when it changes anything, an outbox event is written in the same one. */
export async function saveProduct(db: Db, exporterId: string, raw: unknown, opts: SaveOptions): Promise<SaveResult> {
  const record = recordName(raw);
  const input = parseProduct(raw, record);
  return db.$transaction((tx) => saveParsedProduct(tx, exporterId, input, opts, record), { timeout: 20_000 });
}

/** The transactional core, shared with imports that batch many products in one transaction. */
export async function saveParsedProduct(
  tx: Tx,
  exporterId: string,
  input: ProductSnapshot,
  opts: SaveOptions,
  record = `product ${input.sku}`,
): Promise<SaveResult> {
  // Serialises concurrent saves of one product, so the version check below cannot race.
  await tx.$executeRaw`SELECT 1 FROM product WHERE exporter_id = ${exporterId} AND sku = ${input.sku} FOR UPDATE`;
  const row = await tx.product.findUnique({
    where: { exporterId_sku: { exporterId, sku: input.sku } },
    include: productInclude,
  });
  if (row && opts.mode === "create") {
    throw new ValidationError(record, [
      { path: "sku", message: `seller SKU ${input.sku} already exists for this exporter` },
    ]);
  }
  if (!row && opts.mode === "update") throw new NotFoundError(record);

  const before = row ? snapshotOf(row) : null;
  if (row && before && stableJson(before) === stableJson(input)) {
    return { id: row.id, sku: row.sku, version: row.version, outcome: "unchanged", parts: [] };
  }
  if (row && opts.expectedVersion !== undefined && opts.expectedVersion !== row.version) {
    throw new VersionConflictError(record, opts.expectedVersion, row.version);
  }

  const refs = await resolveReferences(tx, input, record);
  const productData = {
    categoryId: refs.categoryId,
    brand: input.brand,
    modelNumber: input.modelNumber ?? null,
    hsCode: input.hsCode ?? null,
    originCity: input.originCity ?? null,
    originRegion: input.originRegion ?? null,
    originCountry: input.originCountry,
    basePricePkr: input.basePricePkr,
    costPkr: input.costPkr ?? null,
  };
  const product = row
    ? await tx.product.update({ where: { id: row.id }, data: { ...productData, version: { increment: 1 } } })
    : await tx.product.create({ data: { exporterId, sku: input.sku, ...productData } });

  await syncChildren(
    new Map((row?.contents ?? []).map((c) => [c.locale, { id: c.id, data: contentData(before, c.locale) }])),
    new Map(input.content.map((c) => [c.locale, c])),
    {
      create: (locale, c) => tx.productContent.create({ data: { productId: product.id, ...contentRow(c), locale } }),
      update: (id, c) =>
        tx.productContent.update({ where: { id }, data: { ...contentRow(c), version: { increment: 1 } } }),
      remove: (ids) => tx.productContent.deleteMany({ where: { id: { in: ids } } }),
    },
  );
  await syncChildren(
    new Map((row?.media ?? []).map((m) => [m.position, { id: m.id, data: { url: m.url, altText: m.altText } }])),
    new Map(input.media.map((m, position) => [position, m])),
    {
      create: (position, m) => tx.productMedia.create({ data: { productId: product.id, position, ...m } }),
      update: (id, m) => tx.productMedia.update({ where: { id }, data: { ...m, version: { increment: 1 } } }),
      remove: (ids) => tx.productMedia.deleteMany({ where: { id: { in: ids } } }),
    },
  );
  await syncChildren(
    new Map(
      (row?.attributes ?? []).map((a) => [a.key, { id: a.id, data: { key: a.key, type: a.type, value: a.value } }]),
    ),
    new Map(input.attributes.map((a) => [a.key, a])),
    {
      create: (_key, a) => tx.productAttribute.create({ data: { productId: product.id, ...a } }),
      update: (id, a) => tx.productAttribute.update({ where: { id }, data: { ...a, version: { increment: 1 } } }),
      remove: (ids) => tx.productAttribute.deleteMany({ where: { id: { in: ids } } }),
    },
  );
  await syncChildren(
    new Map(
      (row?.quantityBreaks ?? []).map((q) => [
        q.minQuantity,
        { id: q.id, data: { minQuantity: q.minQuantity, pricePkr: Number(q.pricePkr).toFixed(2) } },
      ]),
    ),
    new Map(input.quantityBreaks.map((q) => [q.minQuantity, q])),
    {
      create: (_k, q) => tx.quantityBreak.create({ data: { productId: product.id, ...q } }),
      update: (id, q) => tx.quantityBreak.update({ where: { id }, data: { ...q, version: { increment: 1 } } }),
      remove: (ids) => tx.quantityBreak.deleteMany({ where: { id: { in: ids } } }),
    },
  );
  await saveVariants(tx, exporterId, product.id, row, before, input, refs.warehouseIds, record);

  const parts = changedParts(before, input);
  const eventType: OutboxEventType = row ? "product.updated" : "product.created";
  await writeOutbox(tx, {
    aggregateType: "product",
    aggregateId: product.id,
    eventType,
    payload: { exporterId, parts },
  });
  return { id: product.id, sku: product.sku, version: product.version, outcome: row ? "updated" : "created", parts };
}

async function saveVariants(
  tx: Tx,
  exporterId: string,
  productId: string,
  row: Prisma.ProductGetPayload<{ include: typeof productInclude }> | null,
  before: ProductSnapshot | null,
  input: ProductSnapshot,
  warehouseIds: Map<string, string>,
  record: string,
): Promise<void> {
  const beforeVariants = new Map((before?.variants ?? []).map((v) => [v.sellerSku, v]));
  const existing = new Map((row?.variants ?? []).map((v) => [v.sellerSku, v]));
  const removed = [...existing.values()].filter((v) => !input.variants.some((i) => i.sellerSku === v.sellerSku));
  if (removed.length > 0) await tx.variant.deleteMany({ where: { id: { in: removed.map((v) => v.id) } } });

  for (const [position, v] of input.variants.entries()) {
    const current = existing.get(v.sellerSku);
    const { stock, ...fields } = v;
    const data = {
      options: fields.options,
      pricePkr: fields.pricePkr ?? null,
      lengthCm: fields.lengthCm ?? null,
      widthCm: fields.widthCm ?? null,
      heightCm: fields.heightCm ?? null,
      weightKg: fields.weightKg ?? null,
      barcode: fields.barcode ?? null,
      position,
    };
    let variantId: string;
    if (!current) {
      const created = await tx.variant
        .create({ data: { productId, exporterId, sellerSku: v.sellerSku, ...data } })
        .catch((err: unknown) => {
          if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
            throw new ValidationError(record, [
              {
                path: `variants.${position}.sellerSku`,
                message: `seller SKU ${v.sellerSku} already exists for this exporter`,
              },
            ]);
          }
          throw err;
        });
      variantId = created.id;
    } else {
      variantId = current.id;
      const { stock: _oldStock, ...old } = beforeVariants.get(v.sellerSku) ?? { stock: [] };
      if (stableJson({ ...old, position: current.position }) !== stableJson({ ...fields, position })) {
        await tx.variant.update({ where: { id: current.id }, data: { ...data, version: { increment: 1 } } });
      }
    }
    await syncChildren(
      new Map(
        (current?.stock ?? []).map((s) => [
          s.warehouse.code,
          { id: s.warehouseId, data: { warehouse: s.warehouse.code, quantity: s.quantity } },
        ]),
      ),
      new Map(stock.map((s) => [s.warehouse, s])),
      {
        create: (code, s) =>
          tx.stock.create({ data: { variantId, warehouseId: warehouseIds.get(code)!, quantity: s.quantity } }),
        update: (warehouseId, s) =>
          tx.stock.update({
            where: { variantId_warehouseId: { variantId, warehouseId } },
            data: { quantity: s.quantity, version: { increment: 1 } },
          }),
        remove: (ids) => tx.stock.deleteMany({ where: { variantId, warehouseId: { in: ids } } }),
      },
    );
  }
}

async function resolveReferences(tx: Tx, input: ProductSnapshot, record: string) {
  const category = input.category ? await tx.category.findUnique({ where: { code: input.category } }) : null;
  if (input.category && !category) {
    throw new ValidationError(record, [{ path: "category", message: `unknown category code "${input.category}"` }]);
  }
  const codes = [...new Set(input.variants.flatMap((v) => v.stock.map((s) => s.warehouse)))];
  const warehouses = codes.length > 0 ? await tx.warehouse.findMany({ where: { code: { in: codes } } }) : [];
  const warehouseIds = new Map(warehouses.map((w) => [w.code, w.id]));
  const unknown = codes.filter((c) => !warehouseIds.has(c));
  if (unknown.length > 0) {
    throw new ValidationError(record, [
      { path: "variants.stock.warehouse", message: `unknown warehouse ${unknown.join(", ")}` },
    ]);
  }
  return { categoryId: category?.id ?? null, warehouseIds };
}

type Content = ProductSnapshot["content"][number];

function contentData(before: ProductSnapshot | null, locale: string): Content {
  return before?.content.find((c) => c.locale === locale) as Content;
}

/** The stored row of one locale's content (shared with the batched import path). */
export function contentRow(c: Content) {
  return {
    title: c.title,
    description: c.description,
    bullets: c.bullets,
    keywords: c.keywords,
    source: c.source,
    reviewState: c.source === "human" ? ("human" as const) : ("machine" as const),
    locked: c.locked ?? c.source === "human",
  };
}

/** Which parts of a channel listing a catalog change can touch; a new product touches all of them. */
export function changedParts(before: ProductSnapshot | null, after: ProductSnapshot): SaveResult["parts"] {
  if (!before) return ["content", "price", "stock", "media"];
  const pick = (p: ProductSnapshot) => ({
    price: [
      p.basePricePkr,
      p.costPkr ?? null,
      p.quantityBreaks,
      p.variants.map((v) => [v.sellerSku, v.pricePkr ?? null]),
    ],
    stock: p.variants.map((v) => [v.sellerSku, v.stock]),
    media: p.media,
    content: {
      ...p,
      basePricePkr: null,
      costPkr: null,
      quantityBreaks: null,
      media: null,
      variants: p.variants.map(({ stock: _s, pricePkr: _p, ...rest }) => rest),
    },
  });
  const a = pick(before);
  const b = pick(after);
  return (["content", "price", "stock", "media"] as const).filter((k) => stableJson(a[k]) !== stableJson(b[k]));
}
