import type { Rng } from "../../core/simulator/rng.js";

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

/** OAuth state: one-time auth codes, access tokens and refresh tokens with their lifetimes, per app. */
export class TokenStore {
  private readonly access = new Map<string, Grant>();
  private readonly refresh = new Map<string, Grant>();
  private readonly usedCodes = new Set<string>();
  private seq = 0;

  constructor(
    private readonly lifetimes: TokenLifetimes,
    private readonly now: () => number,
    private readonly rng: Rng,
  ) {}

  createAuthCode(): string {
    return `3_${this.nextId()}`;
  }

  /** Any code not used before is accepted (the simulator has no login page). */
  redeemCode(code: string): boolean {
    if (!code || this.usedCodes.has(code)) return false;
    this.usedCodes.add(code);
    return true;
  }

  issue(appKey: string): Record<string, unknown> {
    const now = this.now();
    const accessToken = `50000${this.nextId()}`;
    const refreshToken = `50001${this.nextId()}`;
    this.access.set(accessToken, { appKey, expiresAt: now + this.lifetimes.accessTokenTtlSec * 1000, revoked: false });
    this.refresh.set(refreshToken, {
      appKey,
      expiresAt: now + this.lifetimes.refreshTokenTtlSec * 1000,
      revoked: false,
    });
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      expires_in: this.lifetimes.accessTokenTtlSec,
      refresh_expires_in: this.lifetimes.refreshTokenTtlSec,
      account_platform: "ICBU",
      account: "sialkot.sports.supplier@example.pk",
      account_id: "2208876543210",
    };
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
    const noise = Math.floor(this.rng() * 0xffffffff)
      .toString(16)
      .padStart(8, "0");
    return `${String(this.seq).padStart(4, "0")}${noise}`;
  }
}
