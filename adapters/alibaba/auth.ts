import type { ApiAppOptions } from "../core/clientOptions.js";
import { iopTokenPair } from "../core/iopReplies.js";
import type { TokenPair } from "../core/types.js";
import { ALIBABA_CHANNEL, ALIBABA_PATHS } from "./capabilities.js";
import { AlibabaClient, type AlibabaOk } from "./client.js";

export type AlibabaAppOptions = ApiAppOptions;

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
  return iopTokenPair(src, now, ALIBABA_CHANNEL);
}
