import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Db } from "../db.js";
import { createProduct } from "./createProduct.js";
import { ValidationError } from "./errors.js";

const seedFile = z.object({
  exporter: z.object({ slug: z.string().min(1), name: z.string().min(1), city: z.string().optional() }),
  warehouses: z.array(z.object({ code: z.string().min(1), name: z.string().min(1), city: z.string().optional() })),
  categories: z.array(z.object({ code: z.string().min(1), name: z.string().min(1), parent: z.string().optional() })),
  darazCategoryMap: z.record(z.string(), z.string()).default({}),
  /** Master category code -> channel category id, per channel; channels not named here use darazCategoryMap. */
  categoryMaps: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  products: z.array(z.unknown()),
});

export type SeedFile = z.infer<typeof seedFile>;

export async function readSeedFile(path: string): Promise<SeedFile> {
  const parsed = seedFile.safeParse(JSON.parse(await readFile(path, "utf8")));
  if (!parsed.success) throw ValidationError.fromZod(`seed file ${path}`, parsed.error);
  return parsed.data;
}

/** Creates the exporter, warehouses, category tree and products of a seed file; returns the exporter id. */
export async function seedCatalog(db: Db, seed: SeedFile): Promise<{ exporterId: string; productIds: string[] }> {
  const exporter = await db.exporter.upsert({
    where: { slug: seed.exporter.slug },
    create: { slug: seed.exporter.slug, name: seed.exporter.name, city: seed.exporter.city ?? null },
    update: {},
  });
  for (const w of seed.warehouses) {
    await db.warehouse.upsert({ where: { code: w.code }, create: { ...w, city: w.city ?? null }, update: {} });
  }
  const paths = new Map<string, { id: string; path: string }>();
  for (const c of seed.categories) {
    const parent = c.parent ? paths.get(c.parent) : undefined;
    if (c.parent && !parent)
      throw new ValidationError(`category ${c.code}`, [
        { path: "parent", message: `unknown parent ${c.parent}; list parents first` },
      ]);
    const path = parent ? `${parent.path}/${c.code}` : c.code;
    const row = await db.category.upsert({
      where: { code: c.code },
      create: { code: c.code, name: c.name, path, parentId: parent?.id ?? null },
      update: {},
    });
    paths.set(c.code, { id: row.id, path });
  }
  const productIds: string[] = [];
  for (const product of seed.products) {
    productIds.push((await createProduct(db, exporter.id, product)).id);
  }
  return { exporterId: exporter.id, productIds };
}
