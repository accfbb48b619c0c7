import type { Db } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";

/** A product as the rest of the system sees it: plain values, money and measures as exact decimal strings. */
export interface CatalogProduct {
  id: string;
  exporterId: string;
  sku: string;
  categoryCode: string | null;
  brand: string;
  modelNumber: string | null;
  hsCode: string | null;
  origin: { city: string | null; region: string | null; country: string };
  basePricePkr: string;
  costPkr: string | null;
  active: boolean;
  version: number;
  content: {
    locale: string;
    title: string;
    description: string;
    bullets: string[];
    keywords: string[];
    source: "human" | "machine";
    locked: boolean;
  }[];
  media: { url: string; altText: string }[];
  attributes: { key: string; type: string; value: string }[];
  quantityBreaks: { minQuantity: number; pricePkr: string }[];
  variants: {
    id: string;
    sellerSku: string;
    options: Record<string, string>;
    pricePkr: string;
    lengthCm: string | null;
    widthCm: string | null;
    heightCm: string | null;
    weightKg: string | null;
    stock: { warehouse: string; quantity: number }[];
  }[];
}

export const productInclude = {
  category: true,
  contents: { orderBy: { locale: "asc" } },
  media: { orderBy: { position: "asc" } },
  attributes: { orderBy: { key: "asc" } },
  quantityBreaks: { orderBy: { minQuantity: "asc" } },
  variants: {
    orderBy: { position: "asc" },
    include: { stock: { include: { warehouse: true }, orderBy: { warehouseId: "asc" } } },
  },
} satisfies Prisma.ProductInclude;

export type ProductRow = Prisma.ProductGetPayload<{ include: typeof productInclude }>;

const dec = (d: Prisma.Decimal | null): string | null => (d === null ? null : d.toString());

const stringRecord = (value: Prisma.JsonValue): Record<string, string> =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"))
    : {};

const stringList = (value: Prisma.JsonValue): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

export function toCatalogProduct(row: ProductRow): CatalogProduct {
  const base = row.basePricePkr.toString();
  return {
    id: row.id,
    exporterId: row.exporterId,
    sku: row.sku,
    categoryCode: row.category?.code ?? null,
    brand: row.brand,
    modelNumber: row.modelNumber,
    hsCode: row.hsCode,
    origin: { city: row.originCity, region: row.originRegion, country: row.originCountry },
    basePricePkr: base,
    costPkr: dec(row.costPkr),
    active: row.active,
    version: row.version,
    content: row.contents.map((c) => ({
      locale: c.locale,
      title: c.title,
      description: c.description,
      bullets: stringList(c.bullets),
      keywords: stringList(c.keywords),
      source: c.source,
      locked: c.locked,
    })),
    media: row.media.map((m) => ({ url: m.url, altText: m.altText })),
    attributes: row.attributes.map((a) => ({ key: a.key, type: a.type, value: a.value })),
    quantityBreaks: row.quantityBreaks.map((q) => ({ minQuantity: q.minQuantity, pricePkr: q.pricePkr.toString() })),
    variants: row.variants.map((v) => ({
      id: v.id,
      sellerSku: v.sellerSku,
      options: stringRecord(v.options),
      pricePkr: dec(v.pricePkr) ?? base,
      lengthCm: dec(v.lengthCm),
      widthCm: dec(v.widthCm),
      heightCm: dec(v.heightCm),
      weightKg: dec(v.weightKg),
      stock: v.stock.map((s) => ({ warehouse: s.warehouse.code, quantity: s.quantity })),
    })),
  };
}

export async function loadProduct(db: Db, productId: string): Promise<CatalogProduct | null> {
  const row = await db.product.findUnique({ where: { id: productId }, include: productInclude });
  return row ? toCatalogProduct(row) : null;
}
