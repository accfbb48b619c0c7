import { z } from "zod";

/** Exact decimal with at most 2 fraction digits, kept as a string so no float ever touches money. */
export const money = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === "number" ? v.toString() : v.trim()))
  .refine((v) => /^\d{1,12}(\.\d{1,2})?$/.test(v), "must be a non-negative amount with at most 2 decimals");

const measure = z.coerce.number<string | number>().positive().max(100_000);

export const skuPattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const sku = z.string().trim().regex(skuPattern, "must be 1-64 letters, digits, '.', '_', '/' or '-'");

export const localeContentInput = z.object({
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, "must be a language tag such as en, zh-Hans or ur"),
  title: z.string().trim().min(1, "must not be empty").max(500),
  description: z.string().max(50_000).default(""),
  bullets: z.array(z.string().trim().min(1).max(500)).max(10).default([]),
  keywords: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  source: z.enum(["human", "machine"]).default("human"),
  locked: z.boolean().optional(),
});

export const variantInput = z.object({
  sellerSku: sku,
  options: z.record(z.string().min(1).max(50), z.string().min(1).max(100)).default({}),
  pricePkr: money.optional(),
  lengthCm: measure.optional(),
  widthCm: measure.optional(),
  heightCm: measure.optional(),
  weightKg: measure.optional(),
  barcode: z.string().trim().max(64).optional(),
  stock: z
    .array(z.object({ warehouse: z.string().trim().min(1).max(32), quantity: z.number().int().min(0).max(10_000_000) }))
    .default([]),
});

export const productInput = z
  .object({
    sku,
    category: z.string().trim().min(1).max(64).optional(),
    brand: z.string().trim().min(1).max(100),
    modelNumber: z.string().trim().max(64).optional(),
    hsCode: z
      .string()
      .trim()
      .regex(/^\d{4}(\.?\d{2}){0,3}$/, "must be an HS code such as 9506.62 or 950662")
      .optional(),
    originCity: z.string().trim().max(64).optional(),
    originRegion: z.string().trim().max(64).optional(),
    originCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, "must be an ISO 3166 alpha-2 code such as PK")
      .default("PK"),
    basePricePkr: money,
    costPkr: money.optional(),
    content: z.array(localeContentInput).min(1, "needs content in at least one locale"),
    media: z
      .array(z.object({ url: z.url({ protocol: /^https?$/ }), altText: z.string().max(300).default("") }))
      .default([]),
    attributes: z
      .array(
        z.object({
          key: z.string().trim().min(1).max(64),
          type: z.enum(["text", "number", "boolean", "enum"]).default("text"),
          value: z.string().max(1000),
        }),
      )
      .default([]),
    quantityBreaks: z.array(z.object({ minQuantity: z.number().int().min(1), pricePkr: money })).default([]),
    variants: z.array(variantInput).min(1, "needs at least one variant"),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.variants.forEach((v, i) => {
      if (seen.has(v.sellerSku)) {
        ctx.addIssue({
          code: "custom",
          path: ["variants", i, "sellerSku"],
          message: `duplicate seller SKU ${v.sellerSku}`,
        });
      }
      seen.add(v.sellerSku);
    });
    const locales = new Set<string>();
    p.content.forEach((c, i) => {
      if (locales.has(c.locale))
        ctx.addIssue({ code: "custom", path: ["content", i, "locale"], message: `duplicate locale ${c.locale}` });
      locales.add(c.locale);
    });
  });

export type ProductInput = z.infer<typeof productInput>;
export type ProductInputRaw = z.input<typeof productInput>;
