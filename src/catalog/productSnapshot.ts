import type { ProductRow } from "./catalogProduct.js";
import type { ProductInput } from "./productInput.js";

/**
 * The catalog's own view of a product in input form: what an import row, an API body or an export holds. Two
 * snapshots are equal exactly when saving one over the other would change nothing, so the no-op check is a comparison.
 */
export type ProductSnapshot = ProductInput;

const money = (v: { toString(): string } | string): string => Number(v.toString()).toFixed(2);
const measure = (v: { toString(): string } | null | undefined): number | undefined =>
  v == null ? undefined : Number(v.toString());
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
const stringRecord = (value: unknown): Record<string, string> =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"))
    : {};

/** Puts parsed input in canonical form: 2-decimal money, sorted keyed collections, no empty optionals. */
export function normalizeInput(p: ProductInput): ProductSnapshot {
  return {
    sku: p.sku,
    ...(p.category ? { category: p.category } : {}),
    brand: p.brand,
    ...(p.modelNumber ? { modelNumber: p.modelNumber } : {}),
    ...(p.hsCode ? { hsCode: p.hsCode } : {}),
    ...(p.originCity ? { originCity: p.originCity } : {}),
    ...(p.originRegion ? { originRegion: p.originRegion } : {}),
    originCountry: p.originCountry,
    basePricePkr: money(p.basePricePkr),
    ...(p.costPkr !== undefined ? { costPkr: money(p.costPkr) } : {}),
    content: [...p.content]
      .map((c) => ({
        locale: c.locale,
        title: c.title,
        description: c.description,
        bullets: c.bullets,
        keywords: c.keywords,
        source: c.source,
        locked: c.locked ?? c.source === "human",
      }))
      .sort((a, b) => a.locale.localeCompare(b.locale)),
    media: p.media.map((m) => ({ url: m.url, altText: m.altText })),
    attributes: [...p.attributes].sort((a, b) => a.key.localeCompare(b.key)),
    quantityBreaks: p.quantityBreaks
      .map((q) => ({ minQuantity: q.minQuantity, pricePkr: money(q.pricePkr) }))
      .sort((a, b) => a.minQuantity - b.minQuantity),
    variants: p.variants.map((v) => ({
      sellerSku: v.sellerSku,
      options: v.options,
      ...(v.pricePkr !== undefined ? { pricePkr: money(v.pricePkr) } : {}),
      ...(v.lengthCm !== undefined ? { lengthCm: v.lengthCm } : {}),
      ...(v.widthCm !== undefined ? { widthCm: v.widthCm } : {}),
      ...(v.heightCm !== undefined ? { heightCm: v.heightCm } : {}),
      ...(v.weightKg !== undefined ? { weightKg: v.weightKg } : {}),
      ...(v.barcode ? { barcode: v.barcode } : {}),
      stock: [...v.stock].sort((a, b) => a.warehouse.localeCompare(b.warehouse)),
    })),
  };
}

/** The stored product in the same canonical form. */
export function snapshotOf(row: ProductRow): ProductSnapshot {
  return normalizeInput({
    sku: row.sku,
    ...(row.category ? { category: row.category.code } : {}),
    brand: row.brand,
    ...(row.modelNumber ? { modelNumber: row.modelNumber } : {}),
    ...(row.hsCode ? { hsCode: row.hsCode } : {}),
    ...(row.originCity ? { originCity: row.originCity } : {}),
    ...(row.originRegion ? { originRegion: row.originRegion } : {}),
    originCountry: row.originCountry,
    basePricePkr: money(row.basePricePkr),
    ...(row.costPkr ? { costPkr: money(row.costPkr) } : {}),
    content: row.contents.map((c) => ({
      locale: c.locale,
      title: c.title,
      description: c.description,
      bullets: strings(c.bullets),
      keywords: strings(c.keywords),
      source: c.source,
      locked: c.locked,
    })),
    media: row.media.map((m) => ({ url: m.url, altText: m.altText })),
    attributes: row.attributes.map((a) => ({ key: a.key, type: a.type, value: a.value })),
    quantityBreaks: row.quantityBreaks.map((q) => ({ minQuantity: q.minQuantity, pricePkr: money(q.pricePkr) })),
    variants: row.variants.map((v) => ({
      sellerSku: v.sellerSku,
      options: stringRecord(v.options),
      ...(v.pricePkr ? { pricePkr: money(v.pricePkr) } : {}),
      lengthCm: measure(v.lengthCm),
      widthCm: measure(v.widthCm),
      heightCm: measure(v.heightCm),
      weightKg: measure(v.weightKg),
      ...(v.barcode ? { barcode: v.barcode } : {}),
      stock: v.stock.map((s) => ({ warehouse: s.warehouse.code, quantity: s.quantity })),
    })),
  });
}
