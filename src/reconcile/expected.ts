import { type CatalogProduct, productInclude, toCatalogProduct } from "../catalog/catalogProduct.js";
import type { Db } from "../db.js";
import { buildListing, type PricingContext } from "../listing/buildListing.js";
import type { ConnectedAccount } from "../sync/channelAccounts.js";
import { buildOptions, inputsForPage } from "../sync/resync.js";
import { loadReadiness } from "../taxonomy/loadReadiness.js";
import type { ExpectedListing, NotExpectedReason } from "./compare.js";

export interface ExpectedSide {
  expected: ExpectedListing[];
  notExpected: Map<string, { productId: string; reason: NotExpectedReason }>;
  /** Products read from the catalog. */
  scanned: number;
}

/**
 * What the account's channel should show: every product of the exporter built for the channel with the latest FX
 * rates, a page at a time (the scan of src/sync/resync.ts). Pages of ids are read by keyset and up to `concurrency` (2)
 * pages of full products load at once, so the scan waits on PostgreSQL less. Inactive products and listings the
 * builder or the channel's rules hold back are expected to be absent.
 */
export async function collectExpected(
  db: Db,
  account: ConnectedAccount,
  exporterId: string,
  pricing: PricingContext,
  opts: { pageSize?: number; concurrency?: number } = {},
): Promise<ExpectedSide> {
  const pageSize = opts.pageSize ?? 1000;
  const concurrency = Math.max(1, opts.concurrency ?? 2);
  const side: ExpectedSide = { expected: [], notExpected: new Map(), scanned: 0 };
  const load = (ids: string[]) =>
    db.product.findMany({
      where: { id: { in: ids } },
      include: {
        ...productInclude,
        listings: { where: { channelAccountId: account.id }, select: { remoteItemId: true, lastPushedAt: true } },
      },
      orderBy: { id: "asc" },
    });
  type Rows = Awaited<ReturnType<typeof load>>;
  const readiness = await loadReadiness(db, account.id);
  const consume = async (rows: Rows) => {
    const products = rows.map(toCatalogProduct);
    const inputs = await inputsForPage(db, account, readiness, products);
    for (const [i, row] of rows.entries()) {
      side.scanned += 1;
      const product = products[i] as CatalogProduct;
      const skip = (reason: NotExpectedReason) => {
        for (const v of product.variants) side.notExpected.set(v.sellerSku, { productId: product.id, reason });
      };
      if (!product.active) {
        skip("inactive");
        continue;
      }
      const built = buildListing(product, account.profile, pricing, buildOptions(account, inputs(product.id)));
      if (!built.ok || account.adapter.validate(built.listing).length > 0) {
        skip("held");
        continue;
      }
      const listing = row.listings[0];
      side.expected.push({
        productId: product.id,
        sku: product.sku,
        title: built.listing.title,
        imageCount: built.listing.images.length,
        variants: built.listing.variants.map((v) => ({ sellerSku: v.sellerSku, price: v.price, quantity: v.quantity })),
        remoteItemId: listing?.remoteItemId ?? null,
        lastPushedAt: listing?.lastPushedAt ?? null,
      });
    }
  };

  const inflight: Promise<Rows>[] = [];
  let cursor: string | undefined;
  for (;;) {
    const ids = (
      await db.product.findMany({
        where: { exporterId, ...(cursor ? { id: { gt: cursor } } : {}) },
        select: { id: true },
        orderBy: { id: "asc" },
        take: pageSize,
      })
    ).map((r) => r.id);
    if (ids.length > 0) {
      const loading = load(ids);
      loading.catch(() => {}); // awaited below; keeps an early failure from going unhandled meanwhile
      inflight.push(loading);
    }
    if (inflight.length >= concurrency || (ids.length < pageSize && inflight.length > 0)) {
      await consume(await inflight.shift()!);
    }
    if (ids.length < pageSize) break;
    cursor = ids.at(-1);
  }
  while (inflight.length > 0) await consume(await inflight.shift()!);
  return side;
}
