import type { Db } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
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

/**
 * Replaces an account's settings (price rule, category map, stock buffer, ...) after validating them, then rescans the
 * account so every listing the change affects is pushed through the normal delta path.
 */
export async function updateAccountSettings(
  db: Db,
  accounts: ChannelAccounts,
  queues: ChannelQueues,
  accountId: string,
  settings: Prisma.InputJsonObject,
): Promise<ResyncResult> {
  channelSettings.parse(settings);
  const row = await db.channelAccount.update({
    where: { id: accountId },
    data: { settings },
    select: { channel: true },
  });
  accounts.forget(accountId);
  const account = await accounts.get(accountId);
  return resyncAccount(db, account, (jobs) =>
    queues.enqueuePushes(
      row.channel,
      jobs.map((data) => ({ data })),
    ),
  );
}
