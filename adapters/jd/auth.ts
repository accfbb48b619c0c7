import type { ApiAppOptions } from "../core/clientOptions.js";
import type { TokenPair } from "../core/types.js";
import { JdClient } from "./client.js";

/** The OAuth host is derived from baseUrl (the gateway) unless authBaseUrl is given. */
export type JdAppOptions = ApiAppOptions;

/** OAuth step two: trade the code from the seller's authorization redirect for tokens (/oauth2/access_token). */
export async function exchangeJdAuthCode(app: JdAppOptions, code: string, signal?: AbortSignal): Promise<TokenPair> {
  const client = new JdClient(app);
  const res = await client.oauth("/oauth2/access_token", { grant_type: "authorization_code", code }, signal);
  return tokenPairFromJd(res, app.now?.() ?? Date.now());
}

/** JD token answers: {access_token, expires_in (s), refresh_token, scope, open_id, uid, time, token_type, code: 0}. */
export function tokenPairFromJd(res: Record<string, unknown>, now: number): TokenPair {
  const pair: TokenPair = { accessToken: String(res.access_token ?? "") };
  if (typeof res.refresh_token === "string" && res.refresh_token) pair.refreshToken = res.refresh_token;
  const expiresIn = Number(res.expires_in);
  const issuedAt = Number(res.time);
  const from = Number.isFinite(issuedAt) && issuedAt > 0 ? issuedAt : now;
  if (Number.isFinite(expiresIn) && expiresIn > 0) pair.expiresAt = new Date(from + expiresIn * 1000).toISOString();
  return pair;
}
