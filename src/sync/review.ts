import type { CallContext } from "../../adapters/core/types.js";
import type { ListingState } from "../generated/prisma/enums.js";
import { stateFor } from "./listingState.js";
import type { PushJobData, ReviewJobData } from "./queues.js";
import { recordCall } from "./recordCall.js";
import type { SyncDeps } from "./syncDeps.js";
import { withTokenRefresh } from "./tokenRefresh.js";

/** Looks at a listing under review and records what the channel decided. */
export async function checkReview(deps: SyncDeps, job: PushJobData, ctx: CallContext = {}): Promise<ListingState> {
  const account = await deps.accounts.get(job.channelAccountId);
  const listing = await deps.db.listing.findUnique({
    where: { productId_channelAccountId: { productId: job.productId, channelAccountId: job.channelAccountId } },
    include: {
      product: { select: { variants: { select: { sellerSku: true }, orderBy: { position: "asc" }, take: 1 } } },
    },
  });
  const sku = listing?.product.variants[0]?.sellerSku;
  if (!listing?.remoteItemId || !sku) return listing?.state ?? "queued";
  const remote = await withTokenRefresh(deps, account, (a) =>
    recordCall(deps.db, { channelAccountId: account.id, listingId: listing.id }, "findBySellerSku", () =>
      a.adapter.findBySellerSku(sku, ctx),
    ),
  );
  const state: ListingState = remote ? stateFor(remote.status) : "failed";
  await deps.db.listing.update({
    where: { id: listing.id },
    data: {
      state,
      remoteStatus: remote?.rawStatus ?? remote?.status ?? "missing",
      errorMessage:
        state === "rejected"
          ? (remote?.rejectReason ?? "rejected by the channel")
          : state === "failed"
            ? "listing not found on the channel"
            : null,
      errorClass: state === "rejected" || state === "failed" ? "permanent" : null,
    },
  });
  return state;
}

/** The next look at a listing still in review: each waits twice as long as the one before, at most an hour. */
export function nextReviewLook(
  data: ReviewJobData,
  maxChecks: number,
): { data: ReviewJobData; delayMs: number } | null {
  if (data.checks + 1 >= maxChecks) return null;
  return {
    data: { ...data, checks: data.checks + 1 },
    delayMs: Math.min(data.delayMs * 2 ** (data.checks + 1), 3_600_000),
  };
}
