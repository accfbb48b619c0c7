import type { Db } from "../db.js";
import type { ChannelAccounts } from "../sync/channelAccounts.js";
import type { ChannelQueues } from "../sync/queues.js";
import { type ResyncResult, resyncAccount } from "../sync/resync.js";

/**
 * After a mapping or taxonomy change: every listing of the account whose build changed is pushed again, so held
 * listings whose gap was filled go out on their own and listings a new requirement breaks are held.
 */
export async function recheckAccount(
  db: Db,
  accounts: ChannelAccounts,
  queues: ChannelQueues,
  accountId: string,
): Promise<ResyncResult> {
  const account = await accounts.get(accountId);
  return resyncAccount(db, account, (jobs) =>
    queues.enqueuePushes(
      account.channel,
      jobs.map((data) => ({ data })),
    ),
  );
}
