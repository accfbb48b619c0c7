import { AuthExpiredError } from "../../adapters/core/errors.js";
import type { ConnectedAccount } from "./channelAccounts.js";
import { recordCall } from "./recordCall.js";
import type { SyncDeps } from "./syncDeps.js";

/** Auth expired: refresh the token once and retry; a second failure is left to the caller to pause the channel. */
export async function withTokenRefresh<T>(
  deps: Pick<SyncDeps, "db" | "accounts">,
  account: ConnectedAccount,
  fn: (a: ConnectedAccount) => Promise<T>,
): Promise<T> {
  try {
    return await fn(account);
  } catch (err) {
    if (!(err instanceof AuthExpiredError)) throw err;
    const fresh = await deps.accounts.refresh(account, () =>
      recordCall(deps.db, { channelAccountId: account.id }, "refreshToken", () => account.adapter.refreshToken()),
    );
    return fn(fresh);
  }
}
