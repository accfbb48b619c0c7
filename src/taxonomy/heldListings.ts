import { z } from "zod";
import type { Db } from "../db.js";

const holds = z.array(z.object({ kind: z.string(), field: z.string(), message: z.string() }).loose()).catch([]);

export interface HeldSummary {
  /** Listings held as incomplete or needs_translation. */
  held: number;
  /** What holds them, most common first: one entry per kind and field ("attribute attributes.warranty_type"). */
  gaps: { kind: string; field: string; listings: number; example: string }[];
  items: { productId: string; sku: string; state: string; holds: z.infer<typeof holds> }[];
}

/** Listings of one account that wait for something, and which gaps hold most of them. */
export async function heldListings(db: Db, channelAccountId: string, limit = 100): Promise<HeldSummary> {
  const rows = await db.listing.findMany({
    where: { channelAccountId, state: { in: ["incomplete", "needs_translation"] } },
    select: { productId: true, state: true, holds: true, product: { select: { sku: true } } },
    orderBy: { updatedAt: "desc" },
  });
  const gaps = new Map<string, HeldSummary["gaps"][number]>();
  const items: HeldSummary["items"] = [];
  for (const row of rows) {
    const list = holds.parse(row.holds);
    for (const h of list) {
      // Variant fields name their SKUs; fold them so one gap counts once across products.
      const field = h.field.replace(/^variants\.[^.]+\./, "variants.*.").replace(/^media\[\d+\]$/, "media[]");
      const key = `${h.kind}\u0000${field}`;
      const entry = gaps.get(key) ?? { kind: h.kind, field, listings: 0, example: h.message };
      entry.listings += 1;
      gaps.set(key, entry);
    }
    if (items.length < limit)
      items.push({ productId: row.productId, sku: row.product.sku, state: row.state, holds: list });
  }
  return {
    held: rows.length,
    gaps: [...gaps.values()].sort((a, b) => b.listings - a.listings || a.field.localeCompare(b.field)),
    items,
  };
}
