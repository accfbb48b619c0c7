import { CallCounter } from "../../core/simulator/callCounter.js";
import { handleControl } from "../../core/simulator/control.js";
import { FaultInjector } from "../../core/simulator/faults.js";
import { startSimServer } from "../../core/simulator/httpServer.js";
import { TokenBucketQuota } from "../../core/simulator/quota.js";
import { createRng } from "../../core/simulator/rng.js";
import type { FaultConfig, QuotaConfig, RemoteEdit, SimulatorHandle } from "../../core/simulator/types.js";
import type { ChannelCredentials } from "../../core/types.js";
import { JD_CHANNEL, JD_LIMITS } from "../capabilities.js";
import { JdCatalog, type JdReviewRule } from "./catalog.js";
import { GATEWAY_PATH, handleGateway, type JdApp } from "./gateway.js";
import { JD_SIM_APP } from "./testApp.js";
import { JdTokenStore } from "./tokens.js";
import { type SimWare, simListing } from "./wares.js";

export interface JdSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Apps the gateway accepts (with optional method permissions); the first is the handle's app. Default JD_SIM_APP. */
  apps?: JdApp[];
  /** Seeds the fault RNG and token noise so runs replay. */
  seed?: number;
  /** Server clock (timestamp check, token lifetimes, quota, audit delay, modified times). */
  now?: () => number;
  /** Default 1 day / 365 days. */
  accessTokenTtlSec?: number;
  refreshTokenTtlSec?: number;
  quota?: QuotaConfig;
  faults?: Partial<FaultConfig>;
  /** Pending wares pass audit on their own after this delay; unset = only advanceReview(). */
  reviewDelayMs?: number;
  /** The default audit rule fails titles holding any of these words (case-insensitive). Default ["replica"]. */
  bannedTitleWords?: string[];
  /** Replaces the default audit rule: undefined approves, a reason (or {reason, outcome}) fails or delists. */
  reviewRule?: JdReviewRule;
  /** searchWare4Valid pageSize cap (default 50) and page cap (default 100: later pages are empty). */
  maxPageSize?: number;
  maxPages?: number;
  /** searchSkuList page_size cap (default 100). */
  maxSkuPageSize?: number;
  /** Timestamp tolerance in seconds (default 360 = +-6 minutes). */
  timestampSkewSec?: number;
  /** Main images per color (default 10) and title length (default 45). */
  maxImages?: number;
  maxTitleLength?: number;
  /** Titles must hold Chinese characters (default true). */
  requireChineseTitle?: boolean;
  /** When set, only these leaf categories / brand ids / image hosts are accepted. */
  categoryAllowlist?: number[];
  brandAllowlist?: number[];
  imageHostAllowlist?: string[];
  /** Content edits of a ware on sale send it back to audit (default true). */
  reauditOnUpdate?: boolean;
  /** New wares that pass audit go on sale (default true); false leaves them never listed (1). */
  listOnApproval?: boolean;
}

export interface JdSimulatorHandle extends SimulatorHandle {
  /** A one-time code for /oauth2/access_token (any unused code works too). */
  createAuthCode(): string;
  /** The wares as the simulator holds them (copies), deleted ones included. */
  wares(): SimWare[];
}

export const DEFAULT_BANNED_TITLE_WORDS = ["replica"];

/** Starts a JOS gateway (/routerjson + /oauth2/*) on node:http that enforces the channels.md contract. */
export async function startJdSimulator(opts: JdSimulatorOptions = {}): Promise<JdSimulatorHandle> {
  const apps = opts.apps && opts.apps.length > 0 ? opts.apps : [JD_SIM_APP];
  const primary = apps[0] ?? JD_SIM_APP;
  const now = opts.now ?? Date.now;
  const seed = opts.seed ?? 20_260_101;
  const faults = new FaultInjector(seed, opts.faults);
  const quota = new TokenBucketQuota(opts.quota, now);
  const counter = new CallCounter();
  const tokens = new JdTokenStore(
    {
      accessTokenTtlSec: opts.accessTokenTtlSec ?? 86_400,
      refreshTokenTtlSec: opts.refreshTokenTtlSec ?? 365 * 86_400,
    },
    now,
    createRng(seed ^ 0x1d),
  );
  const banned = (opts.bannedTitleWords ?? DEFAULT_BANNED_TITLE_WORDS).map((w) => w.toLowerCase());
  const reviewRule: JdReviewRule =
    opts.reviewRule ??
    ((ware) => {
      if (ware.images.length === 0) return "主图缺失 (main image missing)";
      const word = banned.find((w) => ware.title.toLowerCase().includes(w));
      return word ? `标题含违禁词 "${word}" (prohibited word in title: "${word}")` : undefined;
    });
  const catalog = new JdCatalog({
    now,
    reviewRule,
    reauditOnUpdate: opts.reauditOnUpdate ?? true,
    listOnApproval: opts.listOnApproval ?? true,
    ...(opts.reviewDelayMs !== undefined ? { reviewDelayMs: opts.reviewDelayMs } : {}),
    rules: {
      maxImages: opts.maxImages ?? JD_LIMITS.maxImages,
      maxTitleLength: opts.maxTitleLength ?? JD_LIMITS.maxTitleLength,
      requireChineseTitle: opts.requireChineseTitle ?? true,
      mainImageColorId: JD_LIMITS.mainImageColorId,
      ...(opts.categoryAllowlist ? { categoryAllowlist: opts.categoryAllowlist } : {}),
      ...(opts.brandAllowlist ? { brandAllowlist: opts.brandAllowlist } : {}),
      ...(opts.imageHostAllowlist ? { imageHostAllowlist: opts.imageHostAllowlist } : {}),
    },
  });
  const deps = {
    apps: new Map(apps.map((a) => [a.appKey, a])),
    catalog,
    tokens,
    faults,
    quota,
    counter,
    now,
    maxPageSize: opts.maxPageSize ?? JD_LIMITS.maxPageSize,
    maxPages: opts.maxPages ?? JD_LIMITS.maxPages,
    maxSkuPageSize: opts.maxSkuPageSize ?? JD_LIMITS.maxSkuPageSize,
    timestampSkewSec: opts.timestampSkewSec ?? JD_LIMITS.timestampSkewSec,
  };

  let handle: JdSimulatorHandle | undefined;
  const server = await startSimServer((req) => (handle && handleControl(req, handle)) ?? handleGateway(req, deps), {
    port: opts.port ?? 0,
    ...(opts.host ? { host: opts.host } : {}),
  });
  const baseUrl = `${server.url}${GATEWAY_PATH}`;
  const listings = () => catalog.all().map(simListing);

  handle = {
    channel: JD_CHANNEL,
    baseUrl,
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
    listings,
    state: () => ({
      channel: JD_CHANNEL,
      baseUrl,
      faults: faults.current(),
      quota: quota.current(),
      counts: counter.counts(),
      listings: listings(),
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
    wares: () => catalog.all(true).map((w) => structuredClone(w)),
  };
  return handle;
}

export type { JdReviewRule, JdReviewVerdict } from "./catalog.js";
export type { JdApp } from "./gateway.js";
export { JD_SIM_APP } from "./testApp.js";
export type { SimWare } from "./wares.js";
export { JOS } from "./wire.js";
