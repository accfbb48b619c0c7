import { PermanentError, TransientError } from "../../adapters/core/errors.js";
import type { CallContext, CanonicalListing, PushResult } from "../../adapters/core/types.js";
import { loadProduct } from "../catalog/catalogProduct.js";
import type { Prisma } from "../generated/prisma/client.js";
import type { ListingState } from "../generated/prisma/enums.js";
import { changedParts, hashParts, type PartHashes } from "../listing/hashParts.js";
import type { ConnectedAccount } from "./channelAccounts.js";
import { recordFailure, setState, stateFor } from "./listingState.js";
import { prepareListing } from "./prepareListing.js";
import type { PushJobData } from "./queues.js";
import { recordCall } from "./recordCall.js";
import type { SyncDeps } from "./syncDeps.js";
import { withTokenRefresh } from "./tokenRefresh.js";

export type { SyncDeps } from "./syncDeps.js";

export interface PushOutcome {
  listingId: string;
  state: ListingState;
  calls: string[];
  /** Set when the channel is reviewing the listing and someone should look again later. */
  reviewCheckAfterMs?: number;
}

/**
 * Brings one listing on one channel in line with the catalog using the fewest calls: none when nothing changed,
 * the price/stock endpoint when only those changed, a full update otherwise. Before creating, it looks the seller SKU
 * up on the channel, so a create whose answer was lost is adopted, never duplicated.
 */
export async function pushListing(deps: SyncDeps, job: PushJobData, ctx: CallContext = {}): Promise<PushOutcome> {
  const { db } = deps;
  const account = await deps.accounts.get(job.channelAccountId);
  // Most pushes find their listing: read first, and only the first push of a listing pays for the upsert.
  const key = { productId_channelAccountId: { productId: job.productId, channelAccountId: job.channelAccountId } };
  const listing =
    (await db.listing.findUnique({ where: key })) ??
    (await db.listing.upsert({
      where: key,
      create: { productId: job.productId, channelAccountId: job.channelAccountId },
      update: {},
    }));
  const calls: string[] = [];
  const call = <T>(name: string, fn: (a: ConnectedAccount) => Promise<T>) => {
    calls.push(name);
    return withTokenRefresh(deps, account, (a) =>
      recordCall(db, { channelAccountId: account.id, listingId: listing.id }, name, () => fn(a)),
    );
  };

  const product = await loadProduct(db, job.productId);
  if (!product?.active) {
    const remoteSkus = Object.keys(jsonRecord(listing.remoteSkus));
    if (listing.remoteItemId && remoteSkus.length > 0) {
      await call("delist", (a) => a.adapter.delist(remoteSkus, ctx));
    }
    await setState(db, listing.id, "delisted", {});
    return { listingId: listing.id, state: "delisted", calls };
  }

  const built = await prepareListing(deps, account, product, { fx: await deps.fx.get(), now: new Date() }, call);
  if (!built.ok) {
    await setState(db, listing.id, built.state, { holds: built.holds.map((h) => ({ ...h })) });
    if (built.state === "needs_translation" && deps.translations) {
      await deps.translations.request(product.id, account.profile.locale);
    }
    return { listingId: listing.id, state: built.state, calls };
  }
  const issues = account.adapter.validate(built.listing);
  if (issues.length > 0) {
    const holds = issues.map((i) => ({
      kind: "rule",
      field: i.field,
      message: i.message,
      sellerSku: i.sellerSku ?? null,
    }));
    await setState(db, listing.id, "incomplete", { holds });
    return { listingId: listing.id, state: "incomplete", calls };
  }

  const hashes = hashParts(built.listing);
  let itemId = listing.remoteItemId;
  let accepted: Partial<PartHashes> = {
    content: listing.contentHash ?? undefined,
    price: listing.priceHash ?? undefined,
    stock: listing.stockHash ?? undefined,
    media: listing.mediaHash ?? undefined,
  };
  const changed = changedParts(hashes, accepted);
  if (itemId && changed.length === 0) {
    return { listingId: listing.id, state: listing.state, calls };
  }

  await setState(db, listing.id, "pushing", {});
  try {
    let result: PushResult | null = null;
    if (!itemId) {
      const existing = await call("findBySellerSku", (a) => a.adapter.findBySellerSku(lookupSku(built.listing), ctx));
      if (existing) {
        itemId = existing.itemId;
        accepted = {};
        deps.log.info({ listingId: listing.id, itemId }, "adopted a listing already on the channel");
      } else {
        result = await call("create", (a) => a.adapter.create(built.listing, ctx));
      }
    }
    if (!result && itemId) {
      const parts = changedParts(hashes, accepted);
      const skuIds = jsonRecord(listing.remoteSkus);
      if (parts.includes("content") || parts.includes("media")) {
        result = await call("update", (a) => a.adapter.update(built.listing, itemId!, ctx));
      } else {
        const outcomes = await call("updatePriceStock", (a) =>
          deps.batcher.submit(
            a,
            built.listing.variants.map((v) => ({
              sellerSku: v.sellerSku,
              itemId: itemId!,
              ...(skuIds[v.sellerSku] ? { skuId: String(skuIds[v.sellerSku]) } : {}),
              ...(parts.includes("price") ? { price: v.price } : {}),
              ...(parts.includes("stock") ? { quantity: v.quantity } : {}),
            })),
            ctx,
          ),
        );
        const failed = outcomes.find((o) => !o.ok);
        if (failed) {
          const message = `${failed.sellerSku}: ${failed.error?.message ?? "rejected"}`;
          throw failed.error?.errorClass === "transient"
            ? new TransientError(message, failed.error.code, account.channel)
            : new PermanentError(message, failed.error?.code, account.channel);
        }
      }
    }
    const keep: ListingState[] = ["live", "in_review", "rejected"];
    const finalState: ListingState = result
      ? stateFor(result.status)
      : keep.includes(listing.state)
        ? listing.state
        : "live";
    await db.listing.update({
      where: { id: listing.id },
      data: {
        state: finalState,
        remoteItemId: result?.itemId ?? itemId,
        ...(result ? { remoteStatus: result.status } : {}),
        ...(result
          ? { remoteSkus: Object.fromEntries(result.skus.filter((s) => s.skuId).map((s) => [s.sellerSku, s.skuId!])) }
          : {}),
        accepted: toJson(built.listing),
        contentHash: hashes.content,
        priceHash: hashes.price,
        stockHash: hashes.stock,
        mediaHash: hashes.media,
        holds: [],
        errorClass: null,
        errorCode: null,
        errorMessage: null,
        lastPushedAt: new Date(),
        version: { increment: 1 },
      },
    });
    return {
      listingId: listing.id,
      state: finalState,
      calls,
      ...(finalState === "in_review" ? { reviewCheckAfterMs: account.profile.reviewCheckDelayMs } : {}),
    };
  } catch (err) {
    await recordFailure(db, listing.id, err);
    throw err;
  }
}

/** Channels find listings by a variant's seller SKU; the first variant's is the listing's key. */
export function lookupSku(listing: CanonicalListing): string {
  return listing.variants[0]?.sellerSku ?? listing.sellerSku;
}

function jsonRecord(value: Prisma.JsonValue): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? value : {};
}

function toJson(listing: CanonicalListing): Prisma.InputJsonObject {
  return JSON.parse(JSON.stringify(listing)) as Prisma.InputJsonObject;
}
