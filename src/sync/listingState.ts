import { isChannelError } from "../../adapters/core/errors.js";
import type { RemoteListing } from "../../adapters/core/types.js";
import type { Db } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import type { ListingState } from "../generated/prisma/enums.js";

/** The listing state a channel status means. */
export const stateFor = (status: RemoteListing["status"]): ListingState =>
  status === "live" ? "live" : status === "rejected" ? "rejected" : status === "pending" ? "in_review" : "delisted";

export async function setState(
  db: Db,
  listingId: string,
  state: ListingState,
  extra: { holds?: Prisma.InputJsonValue },
): Promise<void> {
  await db.listing.update({
    where: { id: listingId },
    data: { state, ...(extra.holds !== undefined ? { holds: extra.holds } : {}) },
  });
}

/** A failed push: permanent errors fail the listing; others leave it queued for the retry. */
export async function recordFailure(db: Db, listingId: string, err: unknown): Promise<void> {
  const permanent = isChannelError(err) && err.errorClass === "permanent";
  await db.listing.update({
    where: { id: listingId },
    data: {
      state: permanent ? "failed" : "queued",
      errorClass: isChannelError(err) ? err.errorClass : "unexpected",
      errorCode: isChannelError(err) ? (err.code ?? null) : null,
      errorMessage: err instanceof Error ? err.message.slice(0, 2000) : String(err),
    },
  });
}
