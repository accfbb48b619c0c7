import { loadProduct } from "../catalog/catalogProduct.js";
import { NotFoundError } from "../catalog/errors.js";
import { buildListing, type Hold } from "../listing/buildListing.js";
import { inspectImages } from "../media/channelImages.js";
import { isMediaFetchError } from "../media/mediaErrors.js";
import type { ConnectedAccount } from "./channelAccounts.js";
import { environmentMedia, readinessOf } from "./prepareListing.js";
import type { SyncDeps } from "./syncDeps.js";

export interface ChannelReadinessReport {
  channelAccountId: string;
  channel: string;
  /** True when a push would send the listing (nothing missing). */
  ready: boolean;
  /** The listing's stored state, if it was pushed or held before. */
  state: string | null;
  gaps: (Hold | { kind: "rule"; field: string; message: string })[];
}

/**
 * Completeness of one product on every channel account of its exporter, computed the way a push computes it
 * (mapping, required attributes, translations, prices, package, images fetched and checked) but with no channel
 * call and nothing uploaded.
 */
export async function productReadiness(
  deps: Pick<SyncDeps, "db" | "accounts" | "fx" | "readiness" | "media">,
  productId: string,
): Promise<ChannelReadinessReport[]> {
  const product = await loadProduct(deps.db, productId);
  if (!product) throw new NotFoundError(`product ${productId}`);
  const rows = await deps.db.channelAccount.findMany({
    where: { exporterId: product.exporterId },
    select: { id: true },
    orderBy: { channel: "asc" },
  });
  const pricing = { fx: await deps.fx.get(), now: new Date() };
  const reports: ChannelReadinessReport[] = [];
  for (const row of rows) {
    const account: ConnectedAccount = await deps.accounts.get(row.id);
    const readiness = await readinessOf(deps).get(account.id);
    const capabilities = account.adapter.capabilities;
    const built = buildListing(product, account.profile, pricing, { capabilities, readiness });
    const gaps: ChannelReadinessReport["gaps"] = built.ok ? [] : [...built.holds];
    if (capabilities.imageRules && product.media.length > 0) {
      try {
        const inspected = await inspectImages(
          deps.db,
          deps.media ?? environmentMedia(),
          product.media.map((m) => m.url),
          capabilities.imageRules,
        );
        gaps.push(...inspected.holds);
      } catch (err) {
        if (!isMediaFetchError(err)) throw err;
        gaps.push({ kind: "media", field: "media", message: `${err.message} (temporary; a push retries it)` });
      }
    }
    if (built.ok && gaps.length === 0) {
      gaps.push(
        ...account.adapter
          .validate(built.listing)
          .map((i) => ({ kind: "rule" as const, field: i.field, message: i.message })),
      );
    }
    const listing = await deps.db.listing.findUnique({
      where: { productId_channelAccountId: { productId, channelAccountId: account.id } },
      select: { state: true },
    });
    reports.push({
      channelAccountId: account.id,
      channel: account.channel,
      ready: gaps.length === 0,
      state: listing?.state ?? null,
      gaps,
    });
  }
  return reports;
}
