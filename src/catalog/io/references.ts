import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Db } from "../../db.js";
import { ValidationError } from "../errors.js";

const referencesFile = z.object({
  warehouses: z
    .array(z.object({ code: z.string().min(1), name: z.string().min(1), city: z.string().optional() }))
    .default([]),
  categories: z
    .array(z.object({ code: z.string().min(1), name: z.string().min(1), parent: z.string().optional() }))
    .default([]),
});

export type References = z.input<typeof referencesFile>;

/**
 * Reads the "warehouses" and "categories" of a seed-layout file (samples/catalog.json, or a generated JSON catalog).
 * The file is parsed whole: reference lists are small, but do not point this at a huge generated file.
 */
export async function readReferences(path: string): Promise<References> {
  const parsed = referencesFile.safeParse(JSON.parse(await readFile(path, "utf8")));
  if (!parsed.success) throw ValidationError.fromZod(`references in ${path}`, parsed.error);
  return parsed.data;
}

/** Creates the warehouses and categories an import references; existing ones are left as they are. */
export async function ensureReferences(db: Db, refs: References): Promise<{ warehouses: number; categories: number }> {
  for (const w of refs.warehouses ?? []) {
    await db.warehouse.upsert({ where: { code: w.code }, create: { ...w, city: w.city ?? null }, update: {} });
  }
  const byCode = new Map<string, { id: string; path: string }>();
  const pending = [...(refs.categories ?? [])];
  // Parents first, whatever the order in the file.
  while (pending.length > 0) {
    const index = pending.findIndex((c) => !c.parent || byCode.has(c.parent));
    if (index < 0) {
      const existing = await db.category.findMany({ where: { code: { in: pending.map((c) => c.parent!) } } });
      if (existing.length === 0) {
        throw new ValidationError(`category ${pending[0]!.code}`, [
          { path: "parent", message: `unknown parent ${pending[0]!.parent}` },
        ]);
      }
      for (const e of existing) byCode.set(e.code, { id: e.id, path: e.path });
      continue;
    }
    const c = pending.splice(index, 1)[0]!;
    const parent = c.parent ? byCode.get(c.parent) : undefined;
    const path = parent ? `${parent.path}/${c.code}` : c.code;
    const row = await db.category.upsert({
      where: { code: c.code },
      create: { code: c.code, name: c.name, path, parentId: parent?.id ?? null },
      update: {},
    });
    byCode.set(c.code, { id: row.id, path: row.path });
  }
  return { warehouses: refs.warehouses?.length ?? 0, categories: refs.categories?.length ?? 0 };
}
