import { editProduct } from "../catalog/editProduct.js";
import type { Runtime } from "../runtime.js";
import { waitForSettled } from "./waitForSettled.js";

/**
 * The everyday case after the first sync: an exporter changes one price and one stock figure. Prints which channel
 * calls that cost, per channel: only the price/stock endpoints, never a full update.
 */
export async function demoDeltaEdit(rt: Runtime, productSku: string, expectedListings: number): Promise<string[]> {
  const product = await rt.db.product.findFirst({
    where: { sku: productSku },
    include: { variants: { orderBy: { position: "asc" } } },
  });
  const variant = product?.variants[0];
  if (!product || !variant) return [];
  const since = await rt.db.channelCall.aggregate({ _max: { id: true } });
  const newPrice = (Number(variant.pricePkr ?? product.basePricePkr) + 250).toFixed(2);
  await editProduct(rt.db, product.id, product.version, (p) => ({
    ...p,
    variants: p.variants.map((v, i) =>
      i === 0
        ? { ...v, pricePkr: newPrice, stock: v.stock.map((s, j) => (j === 0 ? { ...s, quantity: s.quantity - 5 } : s)) }
        : v,
    ),
  }));
  await new Promise((r) => setTimeout(r, 400));
  await waitForSettled(rt.db, expectedListings, 30_000);
  const calls = await rt.db.channelCall.findMany({
    where: { id: { gt: since._max.id ?? 0n }, listing: { productId: product.id } },
    include: { channelAccount: { select: { channel: true } } },
    orderBy: { id: "asc" },
  });
  const lines = [`${productSku}: ${variant.sellerSku} price -> ${newPrice} PKR, stock -5`];
  const byChannel = new Map<string, string[]>();
  for (const c of calls)
    byChannel.set(c.channelAccount.channel, [
      ...(byChannel.get(c.channelAccount.channel) ?? []),
      `${c.call} ${c.outcome}`,
    ]);
  for (const [channel, list] of byChannel) lines.push(`  ${channel}: ${list.join(", ")}`);
  return lines;
}
