import type { Db } from "../db.js";
import { Prisma } from "../generated/prisma/client.js";
import { ValidationError } from "./errors.js";
import { writeOutbox } from "./outbox.js";
import { productInput } from "./productInput.js";

export interface CreatedProduct {
  id: string;
  sku: string;
  version: number;
}

/**
 * Creates a product with its variants, content, media, attributes, quantity breaks and stock, and the outbox
 * event announcing it, in one transaction.
 */
export async function createProduct(db: Db, exporterId: string, raw: unknown): Promise<CreatedProduct> {
  const record = recordName(raw);
  const parsed = productInput.safeParse(raw);
  if (!parsed.success) throw ValidationError.fromZod(record, parsed.error);
  const p = parsed.data;

  return db.$transaction(async (tx) => {
    const category = p.category ? await tx.category.findUnique({ where: { code: p.category } }) : null;
    if (p.category && !category) {
      throw new ValidationError(record, [{ path: "category", message: `unknown category code "${p.category}"` }]);
    }
    const warehouseCodes = [...new Set(p.variants.flatMap((v) => v.stock.map((s) => s.warehouse)))];
    const warehouses = await tx.warehouse.findMany({ where: { code: { in: warehouseCodes } } });
    const warehouseId = new Map(warehouses.map((w) => [w.code, w.id]));
    const unknown = warehouseCodes.filter((c) => !warehouseId.has(c));
    if (unknown.length > 0) {
      throw new ValidationError(record, [
        { path: "variants.stock.warehouse", message: `unknown warehouse ${unknown.join(", ")}` },
      ]);
    }

    const product = await tx.product
      .create({
        data: {
          exporterId,
          sku: p.sku,
          categoryId: category?.id ?? null,
          brand: p.brand,
          modelNumber: p.modelNumber ?? null,
          hsCode: p.hsCode ?? null,
          originCity: p.originCity ?? null,
          originRegion: p.originRegion ?? null,
          originCountry: p.originCountry,
          basePricePkr: p.basePricePkr,
          costPkr: p.costPkr ?? null,
          contents: {
            create: p.content.map((c) => ({
              locale: c.locale,
              title: c.title,
              description: c.description,
              bullets: c.bullets,
              keywords: c.keywords,
              source: c.source,
              reviewState: c.source === "human" ? "human" : "machine",
              locked: c.locked ?? c.source === "human",
            })),
          },
          media: { create: p.media.map((m, position) => ({ position, url: m.url, altText: m.altText })) },
          attributes: { create: p.attributes },
          quantityBreaks: { create: p.quantityBreaks },
        },
      })
      .catch((err: unknown) => {
        throw uniqueViolation(err, record, "sku", `seller SKU ${p.sku} already exists for this exporter`);
      });

    for (const [position, v] of p.variants.entries()) {
      await tx.variant
        .create({
          data: {
            productId: product.id,
            exporterId,
            sellerSku: v.sellerSku,
            options: v.options,
            pricePkr: v.pricePkr ?? null,
            lengthCm: v.lengthCm ?? null,
            widthCm: v.widthCm ?? null,
            heightCm: v.heightCm ?? null,
            weightKg: v.weightKg ?? null,
            barcode: v.barcode ?? null,
            position,
            stock: {
              create: v.stock.map((s) => ({ warehouseId: warehouseId.get(s.warehouse)!, quantity: s.quantity })),
            },
          },
        })
        .catch((err: unknown) => {
          throw uniqueViolation(
            err,
            record,
            `variants.${position}.sellerSku`,
            `seller SKU ${v.sellerSku} already exists for this exporter`,
          );
        });
    }

    await writeOutbox(tx, {
      aggregateType: "product",
      aggregateId: product.id,
      eventType: "product.created",
      payload: { exporterId },
    });
    return { id: product.id, sku: product.sku, version: product.version };
  });
}

function uniqueViolation(err: unknown, record: string, path: string, message: string): unknown {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
    return new ValidationError(record, [{ path, message }]);
  }
  return err;
}

export function recordName(raw: unknown): string {
  const sku = raw && typeof raw === "object" && "sku" in raw ? raw.sku : undefined;
  return `product ${typeof sku === "string" && sku ? sku : "(no sku)"}`;
}
