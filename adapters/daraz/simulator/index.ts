import { CallCounter } from "../../core/simulator/callCounter.js";
import { handleControl } from "../../core/simulator/control.js";
import { FaultInjector } from "../../core/simulator/faults.js";
import { startSimServer } from "../../core/simulator/httpServer.js";
import { TokenBucketQuota } from "../../core/simulator/quota.js";
import { createRng } from "../../core/simulator/rng.js";
import type { FaultConfig, QuotaConfig, RemoteEdit, SimulatorHandle } from "../../core/simulator/types.js";
import type { ChannelCredentials } from "../../core/types.js";
import { DarazCatalog, type ReviewRule, type SeedListing } from "./catalog.js";
import { GATEWAY_PATH, handleGateway } from "./gateway.js";
import { simListing } from "./products.js";
import { DARAZ_SIM_APP } from "./testApp.js";
import { TokenStore } from "./tokens.js";

export interface DarazSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Apps the gateway accepts; the first is the handle's appKey/appSecret. Default: DARAZ_SIM_APP. */
  apps?: Array<{ appKey: string; appSecret: string }>;
  /** Seeds the fault RNG (and token noise) so runs replay. */
  seed?: number;
  /** Server clock (timestamp skew, token lifetimes, quota, review delay). */
  now?: () => number;
  /** Default 7 days / 14 days, as for Daraz test apps. */
  accessTokenTtlSec?: number;
  refreshTokenTtlSec?: number;
  quota?: QuotaConfig;
  faults?: Partial<FaultConfig>;
  /** Pending products pass QC on their own after this delay; unset = only advanceReview(). */
  reviewDelayMs?: number;
  /** The default QC rule rejects titles holding any of these words (case-insensitive). Default ["replica"]. */
  bannedTitleWords?: string[];
  /** Replaces the default QC rule: return a reject reason or undefined. */
  reviewRule?: ReviewRule;
  /** When set, brands outside the list are refused with code 4142. */
  brandAllowlist?: string[];
  /** When set, image URLs must be on these hosts (or subdomains). Off by default. */
  imageHostAllowlist?: string[];
  /** ApiCallLimit answers come with HTTP 200 (default) or 429; Daraz has been seen doing both. */
  throttleHttpStatus?: 200 | 429;
  /** /products/get limit cap (the real cap is 50 or 500, unverified). Default 50. */
  maxPageSize?: number;
  timestampSkewSec?: number;
}

export interface DarazSimulatorHandle extends SimulatorHandle {
  /** A one-time code for /auth/token/create (any unused code works too). */
  createAuthCode(): string;
  /** Locks SKUs in a "campaign": edits answer THD_IC_ERR_F_IC_ABILITY_PG_004 until unlocked. */
  lockForCampaign(sellerSkus: string[], locked?: boolean): void;
  /** Bulk-loads listings as if created and reviewed long ago (no checks, no QC, not counted); returns item ids. */
  seedListings(listings: SeedListing[]): string[];
}

export const DEFAULT_BANNED_TITLE_WORDS = ["replica"];

/** Starts a Daraz gateway on node:http that enforces the channels.md contract. Control routes live under /_sim/. */
export async function startDarazSimulator(opts: DarazSimulatorOptions = {}): Promise<DarazSimulatorHandle> {
  const apps = opts.apps && opts.apps.length > 0 ? opts.apps : [DARAZ_SIM_APP];
  const primary = apps[0] ?? DARAZ_SIM_APP;
  const now = opts.now ?? Date.now;
  const seed = opts.seed ?? 20_260_101;
  const faults = new FaultInjector(seed, opts.faults);
  const quota = new TokenBucketQuota(opts.quota, now);
  const counter = new CallCounter();
  const tokens = new TokenStore(
    {
      accessTokenTtlSec: opts.accessTokenTtlSec ?? 7 * 86_400,
      refreshTokenTtlSec: opts.refreshTokenTtlSec ?? 14 * 86_400,
    },
    now,
    createRng(seed ^ 0x5eed),
  );
  const banned = (opts.bannedTitleWords ?? DEFAULT_BANNED_TITLE_WORDS).map((w) => w.toLowerCase());
  const reviewRule: ReviewRule =
    opts.reviewRule ??
    ((p) => {
      if (p.images.length === 0) return "Image missing";
      const title = (p.attributes.name ?? "").toLowerCase();
      const word = banned.find((w) => title.includes(w));
      return word ? `Prohibited keyword in title: "${word}"` : undefined;
    });
  const catalog = new DarazCatalog({
    now,
    reviewRule,
    ...(opts.reviewDelayMs !== undefined ? { reviewDelayMs: opts.reviewDelayMs } : {}),
    content: {
      maxImages: 8,
      maxTitleLength: 255,
      maxDescriptionLength: 25_000,
      ...(opts.brandAllowlist ? { brandAllowlist: opts.brandAllowlist } : {}),
      ...(opts.imageHostAllowlist ? { imageHostAllowlist: opts.imageHostAllowlist } : {}),
    },
  });
  const deps = {
    apps: new Map(apps.map((a) => [a.appKey, a.appSecret])),
    catalog,
    tokens,
    faults,
    quota,
    counter,
    now,
    maxPageSize: opts.maxPageSize ?? 50,
    timestampSkewSec: opts.timestampSkewSec ?? 7200,
    throttleHttpStatus: opts.throttleHttpStatus ?? 200,
  };

  let handle: DarazSimulatorHandle | undefined;
  const server = await startSimServer((req) => (handle && handleControl(req, handle)) ?? handleGateway(req, deps), {
    port: opts.port ?? 0,
    ...(opts.host ? { host: opts.host } : {}),
  });

  handle = {
    channel: "daraz",
    baseUrl: `${server.url}${GATEWAY_PATH}`,
    appKey: primary.appKey,
    appSecret: primary.appSecret,
    counts: () => counter.counts(),
    setFaults: (patch: Partial<FaultConfig>) => faults.set(patch),
    setQuota: (q: QuotaConfig) => quota.configure(q),
    advanceReview: () => catalog.advanceReview(),
    editRemote: (sellerSku: string, patch: RemoteEdit) => catalog.edit(sellerSku, patch),
    reset: () => {
      catalog.reset();
      faults.reset();
      quota.reset();
      counter.reset();
    },
    close: () => server.close(),
    listings: () => catalog.all().map(simListing),
    state: () => ({
      channel: "daraz",
      baseUrl: `${server.url}${GATEWAY_PATH}`,
      faults: faults.current(),
      quota: quota.current(),
      counts: counter.counts(),
      listings: catalog.all().map(simListing),
    }),
    testCredentials: async (): Promise<ChannelCredentials> => {
      const pair = tokens.issue(primary.appKey);
      return {
        appKey: primary.appKey,
        appSecret: primary.appSecret,
        accessToken: String(pair.access_token),
        refreshToken: String(pair.refresh_token),
      };
    },
    createAuthCode: () => tokens.createAuthCode(),
    lockForCampaign: (sellerSkus: string[], locked = true) => catalog.lock(sellerSkus, locked),
    seedListings: (listings: SeedListing[]) => catalog.seed(listings),
  };
  return handle;
}

export type { ReviewRule, SeedListing } from "./catalog.js";
export type { SimProduct } from "./products.js";
export { DARAZ_SIM_APP } from "./testApp.js";
