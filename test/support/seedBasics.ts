import type { Db } from "../../src/db.js";
import { testImageHost } from "./images.js";

/** Exporter, two warehouses and a small category tree: the minimum a product needs. */
export async function seedBasics(db: Db, slug = "test-exporter"): Promise<{ exporterId: string }> {
  const exporter = await db.exporter.create({ data: { slug, name: `Exporter ${slug}` } });
  for (const code of ["SKT-1", "KHI-PORT"]) {
    await db.warehouse.upsert({ where: { code }, create: { code, name: code }, update: {} });
  }
  const sports = await db.category.upsert({
    where: { code: "sports" },
    create: { code: "sports", name: "Sports", path: "sports" },
    update: {},
  });
  await db.category.upsert({
    where: { code: "sports-balls" },
    create: { code: "sports-balls", name: "Balls", path: "sports/sports-balls", parentId: sports.id },
    update: {},
  });
  return { exporterId: exporter.id };
}

export function footballInput(sku = "SKC-FB-PRO5", overrides: Record<string, unknown> = {}) {
  return {
    sku,
    category: "sports-balls",
    brand: "Sialkot Crafts",
    modelNumber: "PRO-5",
    hsCode: "9506.62",
    originCity: "Sialkot",
    originRegion: "Punjab",
    basePricePkr: "4500.00",
    costPkr: "2600.00",
    content: [
      {
        locale: "en",
        title: "Hand-Stitched Match Football Size 5",
        description: "<p>32 panels</p>",
        bullets: ["32 panels"],
      },
    ],
    media: [{ url: `${testImageHost()}/fb.jpg`, altText: "front" }],
    variants: [
      {
        sellerSku: `${sku}-WHT`,
        options: { color: "White", size: "5" },
        lengthCm: 23,
        widthCm: 23,
        heightCm: 23,
        weightKg: 0.45,
        stock: [{ warehouse: "SKT-1", quantity: 240 }],
      },
    ],
    ...overrides,
  };
}
