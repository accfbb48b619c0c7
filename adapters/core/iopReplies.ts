import { PermanentError } from "./errors.js";
import type { TokenPair } from "./types.js";

/** An IOP gateway error body: a top-level code other than "0". */
export function hasIopErrorCode(json: unknown): boolean {
  if (!json || typeof json !== "object" || !("code" in json)) return false;
  const code = (json as { code: unknown }).code;
  return code !== undefined && code !== null && String(code) !== "0";
}

/** "... this ban will last 12 seconds" -> 12. */
export function parseBanSeconds(message: string | undefined): number | undefined {
  const match = /ban will last\s+(\d+)\s*second/i.exec(message ?? "");
  return match?.[1] ? Number(match[1]) : undefined;
}

/** An IOP token answer's access_token, refresh_token and expires_in (s) as a TokenPair. */
export function iopTokenPair(src: Record<string, unknown>, now: number, channel: string): TokenPair {
  const accessToken = typeof src.access_token === "string" ? src.access_token : "";
  if (!accessToken) throw new PermanentError("Token answer without access_token", "NO_ACCESS_TOKEN", channel);
  const pair: TokenPair = { accessToken };
  if (typeof src.refresh_token === "string" && src.refresh_token) pair.refreshToken = src.refresh_token;
  const expiresIn = Number(src.expires_in);
  if (Number.isFinite(expiresIn) && expiresIn > 0) pair.expiresAt = new Date(now + expiresIn * 1000).toISOString();
  return pair;
}
