import type { ApiAppOptions } from "../core/clientOptions.js";
import { iopTokenPair } from "../core/iopReplies.js";
import type { TokenPair } from "../core/types.js";
import { DARAZ_CHANNEL } from "./capabilities.js";
import { DarazClient, type DarazOk } from "./client.js";

export type DarazAppOptions = ApiAppOptions;

/** OAuth step two: trade the code from the seller's authorization redirect for tokens (/auth/token/create). */
export async function exchangeDarazAuthCode(
  app: DarazAppOptions,
  code: string,
  signal?: AbortSignal,
): Promise<TokenPair> {
  const client = new DarazClient(app);
  const res = await client.post("/auth/token/create", { code }, { signal, auth: false });
  return tokenPairFrom(res, app.now?.() ?? Date.now());
}

/** Token answers carry the fields at top level: access_token, refresh_token, expires_in (s), refresh_expires_in. */
export function tokenPairFrom(res: DarazOk, now: number): TokenPair {
  return iopTokenPair(res, now, DARAZ_CHANNEL);
}
