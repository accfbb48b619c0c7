import type { Db } from "../db.js";
import { channelSettings } from "../listing/channelProfile.js";
import type { ChannelAccounts } from "./channelAccounts.js";
import type { ChannelQueues } from "./queues.js";
import { type ResyncResult, resyncAccount } from "./resync.js";

/**
 * After a new exchange rate or a changed price rule: every account that sells in the currency is rescanned, and only
 * listings whose price really moved are pushed, through the normal queue and delta path.
 */
export async function repriceCurrency(
  db: Db,
  accounts: ChannelAccounts,
  queues: ChannelQueues,
  currency: string,
): Promise<ResyncResult[]> {
  const rows = await db.channelAccount.findMany({ select: { id: true, channel: true, settings: true } });
  const affected = rows.filter((r) => channelSettings.parse(r.settings).currency === currency);
  const results: ResyncResult[] = [];
  for (const row of affected) {
    accounts.forget(row.id);
    const account = await accounts.get(row.id);
    results.push(
      await resyncAccount(db, account, (jobs) =>
        queues.enqueuePushes(
          row.channel,
          jobs.map((data) => ({ data })),
        ),
      ),
    );
  }
  return results;
}
