import type { FaultInjector } from "./faults.js";
import type { Rng } from "./rng.js";

export interface TokenLifetimes {
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
}

interface Grant {
  appKey: string;
  expiresAt: number;
  revoked: boolean;
}

export type TokenCheck = "ok" | "missing" | "unknown" | "expired";

/** A pair just issued, for the channel's token answer. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  lifetimes: TokenLifetimes;
  now: number;
}

/** How one channel's codes and tokens look, and the token answer it sends. */
export interface TokenStyle {
  /** A fresh id from the running sequence number and the store's RNG. */
  nextId(seq: number, rng: Rng): string;
  authCodePrefix: string;
  accessTokenPrefix: string;
  refreshTokenPrefix: string;
  answer(issued: IssuedTokens): Record<string, unknown>;
}

/** OAuth state: one-time auth codes, access tokens and refresh tokens with their lifetimes, per app. */
export class TokenStore {
  private readonly access = new Map<string, Grant>();
  private readonly refresh = new Map<string, Grant>();
  private readonly usedCodes = new Set<string>();
  private seq = 0;

  constructor(
    private readonly style: TokenStyle,
    private readonly lifetimes: TokenLifetimes,
    private readonly now: () => number,
    private readonly rng: Rng,
  ) {}

  createAuthCode(): string {
    return `${this.style.authCodePrefix}${this.nextId()}`;
  }

  /** Any code not used before is accepted (the simulator has no login page). */
  redeemCode(code: string): boolean {
    if (!code || this.usedCodes.has(code)) return false;
    this.usedCodes.add(code);
    return true;
  }

  issue(appKey: string): Record<string, unknown> {
    const now = this.now();
    const accessToken = `${this.style.accessTokenPrefix}${this.nextId()}`;
    const refreshToken = `${this.style.refreshTokenPrefix}${this.nextId()}`;
    this.access.set(accessToken, { appKey, expiresAt: now + this.lifetimes.accessTokenTtlSec * 1000, revoked: false });
    this.refresh.set(refreshToken, {
      appKey,
      expiresAt: now + this.lifetimes.refreshTokenTtlSec * 1000,
      revoked: false,
    });
    return this.style.answer({ accessToken, refreshToken, lifetimes: this.lifetimes, now });
  }

  /** A fresh pair for a valid refresh token (the old refresh token is retired), or undefined. */
  redeemRefresh(appKey: string, refreshToken: string): Record<string, unknown> | undefined {
    const grant = this.refresh.get(refreshToken);
    if (!grant || grant.revoked || grant.appKey !== appKey || grant.expiresAt <= this.now()) return undefined;
    grant.revoked = true;
    return this.issue(appKey);
  }

  check(appKey: string, token: string | undefined): TokenCheck {
    if (!token) return "missing";
    const grant = this.access.get(token);
    if (!grant || grant.appKey !== appKey) return "unknown";
    return grant.revoked || grant.expiresAt <= this.now() ? "expired" : "ok";
  }

  expire(token: string): void {
    const grant = this.access.get(token);
    if (grant) grant.revoked = true;
  }

  expireAll(): void {
    for (const grant of this.access.values()) grant.revoked = true;
  }

  private nextId(): string {
    this.seq += 1;
    return this.style.nextId(this.seq, this.rng);
  }
}

/**
 * Checks a call's access token after applying a pending expireTokens fault; throws `fail(missing)` unless it is valid
 * (missing: no token sent, else unknown or expired).
 */
export function checkAccessToken(
  parts: { tokens: TokenStore; faults: FaultInjector },
  appKey: string,
  token: string | undefined,
  fail: (missing: boolean) => Error,
): void {
  const forced = parts.faults.takeTokenExpiry();
  if (forced === "all") parts.tokens.expireAll();
  if (forced === "next" && token) parts.tokens.expire(token);
  const check = parts.tokens.check(appKey, token);
  if (check !== "ok") throw fail(check === "missing");
}

/**
 * IOP tokens (Daraz, Alibaba.com): codes `<prefix>_<id>`, access tokens 50000<id>, refresh tokens 50001<id>; the
 * answer carries both lifetimes and then the channel's account fields.
 */
export function iopTokenStyle(authCodePrefix: string, account: Record<string, unknown>): TokenStyle {
  return {
    nextId: (seq, rng) => {
      const noise = Math.floor(rng() * 0xffffffff)
        .toString(16)
        .padStart(8, "0");
      return `${String(seq).padStart(4, "0")}${noise}`;
    },
    authCodePrefix: `${authCodePrefix}_`,
    accessTokenPrefix: "50000",
    refreshTokenPrefix: "50001",
    answer: ({ accessToken, refreshToken, lifetimes }) => ({
      access_token: accessToken,
      refresh_token: refreshToken,
      expires_in: lifetimes.accessTokenTtlSec,
      refresh_expires_in: lifetimes.refreshTokenTtlSec,
      ...structuredClone(account),
    }),
  };
}
