import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { productInclude } from "../../src/catalog/catalogProduct.js";
import { ensureReferences, readReferences } from "../../src/catalog/io/references.js";
import { snapshotOf } from "../../src/catalog/productSnapshot.js";
import type { Db } from "../../src/db.js";

/** Warehouses and categories of samples/catalog.json, plus an exporter. */
export async function seedImportBasics(db: Db, slug: string): Promise<string> {
  await ensureReferences(db, await readReferences("samples/catalog.json"));
  const exporter = await db.exporter.create({ data: { slug, name: `Exporter ${slug}` } });
  return exporter.id;
}

export async function tempDir(): Promise<{ dir: string; path(name: string): string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "tijarat-import-test-"));
  return { dir, path: (name) => join(dir, name), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeCsv(path: string, rows: string[][]): Promise<string> {
  await writeFile(path, stringify(rows));
  return path;
}

/** All of an exporter's products as snapshots, by SKU. */
export async function catalogSnapshots(db: Db, exporterId: string) {
  const rows = await db.product.findMany({ where: { exporterId }, include: productInclude, orderBy: { sku: "asc" } });
  return rows.map(snapshotOf);
}

export async function counts(db: Db, exporterId: string) {
  const products = await db.product.findMany({ where: { exporterId }, select: { id: true, version: true } });
  const outbox = await db.outboxEvent.count({ where: { aggregateId: { in: products.map((p) => p.id) } } });
  const versions = products.reduce((sum, p) => sum + p.version, 0);
  const variantVersions = await db.variant.aggregate({ where: { exporterId }, _sum: { version: true } });
  return { products: products.length, outbox, versions, variantVersions: variantVersions._sum.version ?? 0 };
}

/** A small valid CSV: two products, three variant rows. */
export const smallHeader = [
  "sku",
  "category",
  "brand",
  "base_price_pkr",
  "variant_sku",
  "option:size",
  "variant_price_pkr",
  "weight_kg",
  "stock:SKT-1",
  "title:en",
  "bullets:en",
  "image_urls",
  "attr:panels:number",
  "breaks",
];

export function smallRows(): string[][] {
  return [
    smallHeader,
    [
      "T-FB-1",
      "sports-footballs",
      "Panjnad Sports",
      "4500.00",
      "T-FB-1-5",
      "5",
      "",
      "0.45",
      "240",
      "Match Football",
      "32 panels|Butyl bladder",
      "https://img.example.com/fb1.jpg",
      "32",
      "50=4100.00|200=3750.00",
    ],
    [
      "T-FB-1",
      "sports-footballs",
      "Panjnad Sports",
      "4500.00",
      "T-FB-1-4",
      "4",
      "4200.00",
      "0.38",
      "120",
      "Match Football",
      "32 panels|Butyl bladder",
      "https://img.example.com/fb1.jpg",
      "32",
      "50=4100.00|200=3750.00",
    ],
    [
      "T-GL-1",
      "sports-goalkeeper-gloves",
      "Keeper Craft",
      "3200.00",
      "T-GL-1-9",
      "9",
      "",
      "0.25",
      "60",
      "Goalkeeper Gloves",
      "",
      "",
      "",
      "",
    ],
  ];
}
