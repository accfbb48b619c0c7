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

/** JD OAuth state per app: one-time codes, access tokens (checked as code 19) and refresh tokens. */
export class JdTokenStore {
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
    return `jdcode${this.nextId()}`;
  }

  /** Any code not used before is accepted (the simulator has no login page). */
  redeemCode(code: string): boolean {
    if (!code || this.usedCodes.has(code)) return false;
    this.usedCodes.add(code);
    return true;
  }

  /** The JD token answer: {access_token, expires_in, refresh_token, scope, open_id, uid, time, token_type, code: 0}. */
  issue(appKey: string): Record<string, unknown> {
    const now = this.now();
    const accessToken = this.nextId();
    const refreshToken = this.nextId();
    this.access.set(accessToken, { appKey, expiresAt: now + this.lifetimes.accessTokenTtlSec * 1000, revoked: false });
    this.refresh.set(refreshToken, {
      appKey,
      expiresAt: now + this.lifetimes.refreshTokenTtlSec * 1000,
      revoked: false,
    });
    return {
      access_token: accessToken,
      expires_in: this.lifetimes.accessTokenTtlSec,
      refresh_token: refreshToken,
      scope: "snsapi_base",
      open_id: "pk-pavilion-sialkot-sports",
      uid: "8841200193",
      time: now,
      token_type: "bearer",
      code: 0,
      xid: "o*AAQFcbtSc3hhMzI1NTY3ODk",
    };
  }

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

  /** 32 hex characters plus a short tail, like JD's tokens. */
  private nextId(): string {
    this.seq += 1;
    let hex = "";
    while (hex.length < 24) {
      hex += Math.floor(this.rng() * 0xffffffff)
        .toString(16)
        .padStart(8, "0");
    }
    return `${String(this.seq).padStart(8, "0")}${hex}nlmd`;
  }
}
