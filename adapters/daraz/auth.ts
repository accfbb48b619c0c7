import { PermanentError } from "../core/errors.js";
import type { TokenPair } from "../core/types.js";
import { DARAZ_CHANNEL } from "./capabilities.js";
import { DarazClient, type DarazOk } from "./client.js";

export interface DarazAppOptions {
  baseUrl: string;
  authBaseUrl?: string;
  appKey: string;
  appSecret: string;
  timeoutMs?: number;
  now?: () => number;
}

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
  const accessToken = typeof res.access_token === "string" ? res.access_token : "";
  if (!accessToken) throw new PermanentError("Token answer without access_token", "NO_ACCESS_TOKEN", DARAZ_CHANNEL);
  const pair: TokenPair = { accessToken };
  if (typeof res.refresh_token === "string" && res.refresh_token) pair.refreshToken = res.refresh_token;
  const expiresIn = Number(res.expires_in);
  if (Number.isFinite(expiresIn) && expiresIn > 0) pair.expiresAt = new Date(now + expiresIn * 1000).toISOString();
  return pair;
}
