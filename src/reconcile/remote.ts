import { AuthExpiredError } from "../../adapters/core/errors.js";
import type { RemoteListing } from "../../adapters/core/types.js";
import type { Db } from "../db.js";
import type { ChannelAccounts, ConnectedAccount } from "../sync/channelAccounts.js";
import { recordCall } from "../sync/recordCall.js";

export interface RemoteSide {
  listings: RemoteListing[];
  /** Pages the channel served, counted through ListRemoteOptions.onPage. */
  pages: number;
  /** The adapter does not report pages: `pages` is ceil(listings / maxPageSize), the least it can have fetched. */
  pagesEstimated: boolean;
  /** The account as it stands after any token refresh. */
  account: ConnectedAccount;
}

/**
 * Everything the channel shows for one account, read through adapter.listRemote (which keeps to the channel's page
 * size cap and splits time windows where a channel caps a query). An expired token is refreshed once and the scan
 * starts again; throttling and other channel errors end the run (the reconcile job retries it later).
 */
export async function collectRemote(
  db: Db,
  accounts: ChannelAccounts,
  start: ConnectedAccount,
  signal?: AbortSignal,
): Promise<RemoteSide> {
  let account = start;
  let pages = 0;
  let refreshed = false;
  for (;;) {
    const listings: RemoteListing[] = [];
    try {
      const iterator = account.adapter.listRemote({
        ...(signal ? { signal } : {}),
        onPage: () => {
          pages += 1;
        },
      });
      for await (const remote of iterator) listings.push(remote);
      const pagesEstimated = pages === 0 && listings.length > 0;
      return {
        listings,
        pages: pagesEstimated ? Math.ceil(listings.length / account.adapter.capabilities.maxPageSize) : pages,
        pagesEstimated,
        account,
      };
    } catch (err) {
      if (!(err instanceof AuthExpiredError) || refreshed) throw err;
      refreshed = true;
      const current = account;
      account = await accounts.refresh(current, () =>
        recordCall(db, { channelAccountId: current.id }, "refreshToken", () => current.adapter.refreshToken()),
      );
    }
  }
}
