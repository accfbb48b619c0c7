import { PermanentError } from "../core/errors.js";
import type { TokenPair } from "../core/types.js";
import { ALIBABA_CHANNEL, ALIBABA_PATHS } from "./capabilities.js";
import { AlibabaClient, type AlibabaOk } from "./client.js";

export interface AlibabaAppOptions {
  baseUrl: string;
  authBaseUrl?: string;
  appKey: string;
  appSecret: string;
  timeoutMs?: number;
  now?: () => number;
}

/** OAuth step two: trade the code from the seller's authorization redirect for tokens (/auth/token/create). */
export async function exchangeAlibabaAuthCode(
  app: AlibabaAppOptions,
  code: string,
  signal?: AbortSignal,
): Promise<TokenPair> {
  const client = new AlibabaClient(app);
  const res = await client.post(ALIBABA_PATHS.tokenCreate, { code }, { signal, auth: false });
  return tokenPairFrom(res, app.now?.() ?? Date.now());
}

/** Token answers carry access_token, refresh_token, expires_in (s) at top level (IOP), or under result. */
export function tokenPairFrom(res: AlibabaOk, now: number): TokenPair {
  const src =
    typeof res.access_token === "string"
      ? res
      : res.result && typeof res.result === "object"
        ? (res.result as Record<string, unknown>)
        : res;
  const accessToken = typeof src.access_token === "string" ? src.access_token : "";
  if (!accessToken) throw new PermanentError("Token answer without access_token", "NO_ACCESS_TOKEN", ALIBABA_CHANNEL);
  const pair: TokenPair = { accessToken };
  if (typeof src.refresh_token === "string" && src.refresh_token) pair.refreshToken = src.refresh_token;
  const expiresIn = Number(src.expires_in);
  if (Number.isFinite(expiresIn) && expiresIn > 0) pair.expiresAt = new Date(now + expiresIn * 1000).toISOString();
  return pair;
}
