import { CallCounter } from "../../core/simulator/callCounter.js";
import { handleControl } from "../../core/simulator/control.js";
import { FaultInjector } from "../../core/simulator/faults.js";
import { startSimServer } from "../../core/simulator/httpServer.js";
import { TokenBucketQuota } from "../../core/simulator/quota.js";
import { createRng } from "../../core/simulator/rng.js";
import type { FaultConfig, QuotaConfig, RemoteEdit, SimulatorHandle } from "../../core/simulator/types.js";
import type { ChannelCredentials } from "../../core/types.js";
import { ALIBABA_CHANNEL, ALIBABA_LIMITS } from "../capabilities.js";
import { AlibabaCatalog, type ReviewRule } from "./catalog.js";
import { type BusinessFault, GATEWAY_PATH, type GatewayDeps, handleGateway } from "./gateway.js";
import { simListing } from "./products.js";
import { ALIBABA_SIM_APP } from "./testApp.js";
import { TokenStore } from "./tokens.js";

export interface AlibabaSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Apps the gateway accepts; the first is the handle's appKey/appSecret. Default: ALIBABA_SIM_APP. */
  apps?: Array<{ appKey: string; appSecret: string }>;
  /** Seeds the fault RNG (and token noise) so runs replay. */
  seed?: number;
  /** Server clock (timestamp skew, token lifetimes, quota, audit delay, gmt_modified). */
  now?: () => number;
  /** Token lifetimes (unverified for ICBU): default 30 days / 60 days. */
  accessTokenTtlSec?: number;
  refreshTokenTtlSec?: number;
  quota?: QuotaConfig;
  faults?: Partial<FaultConfig>;
  /** Pending products pass audit on their own after this delay; unset = only advanceReview(). */
  reviewDelayMs?: number;
  /** The default audit rule rejects titles holding any of these words (case-insensitive). Default ["replica"]. */
  bannedTitleWords?: string[];
  /** Replaces the default audit rule: return a reject reason or undefined. */
  reviewRule?: ReviewRule;
  /** Category ids that are not leaves (CHK_CAT_NOT_LEAF). Default DEFAULT_NON_LEAF_CATEGORIES. */
  nonLeafCategories?: string[];
  /** Edits (update/v2, edit-price, edit-inventory) of a product under audit answer PUB_BIZCHECK_PRODUCT_NOT_EDITABLE. Default true. */
  lockWhileAuditing?: boolean;
  /** Content edits send an approved product back to audit. Default true. */
  reauditOnUpdate?: boolean;
  /** Caller IPs the app accepts (AppWhiteIpLimit otherwise). Default: no whitelist. */
  ipWhitelist?: string[];
  /** When set, image URLs must be on these hosts (or subdomains): B_CONTAINS_INVALID_IMAGE otherwise. */
  imageHostAllowlist?: string[];
  /** ApiCallLimit answers come with HTTP 200 (default) or 429. */
  throttleHttpStatus?: 200 | 429;
  /** /alibaba/icbu/product/list page_size cap. Default 30. */
  maxPageSize?: number;
  /** Items one list query serves (current_page * page_size beyond it comes back empty). Default 5000. */
  windowCap?: number;
  /** Offset of the 'yyyy-MM-dd HH:mm:ss' times from UTC, in minutes. Default 480 (UTC+8). */
  timeZoneOffsetMinutes?: number;
  timestampSkewSec?: number;
}

export interface AlibabaSimulatorHandle extends SimulatorHandle {
  /** A one-time code for /auth/token/create (any unused code works too). */
  createAuthCode(): string;
  /** The next matching calls answer success:false with this msg_code, without doing their work. */
  injectBusinessError(fault: BusinessFault): void;
  /** Replaces the caller IP whitelist; undefined turns it off. */
  setIpWhitelist(ips: string[] | undefined): void;
}

export const DEFAULT_BANNED_TITLE_WORDS = ["replica"];
/** Parent (non-leaf) category ids of the simulated category tree; every other id is treated as a leaf. */
export const DEFAULT_NON_LEAF_CATEGORIES = ["18", "66", "1501"];

/** Starts an Alibaba.com ICBU gateway on node:http that enforces the channels.md contract. Control under /_sim/. */
export async function startAlibabaSimulator(opts: AlibabaSimulatorOptions = {}): Promise<AlibabaSimulatorHandle> {
  const apps = opts.apps && opts.apps.length > 0 ? opts.apps : [ALIBABA_SIM_APP];
  const primary = apps[0] ?? ALIBABA_SIM_APP;
  const now = opts.now ?? Date.now;
  const seed = opts.seed ?? 20_260_202;
  const faults = new FaultInjector(seed, opts.faults);
  const quota = new TokenBucketQuota(opts.quota, now);
  const counter = new CallCounter();
  const tokens = new TokenStore(
    {
      accessTokenTtlSec: opts.accessTokenTtlSec ?? 30 * 86_400,
      refreshTokenTtlSec: opts.refreshTokenTtlSec ?? 60 * 86_400,
    },
    now,
    createRng(seed ^ 0xa11ba),
  );
  const banned = (opts.bannedTitleWords ?? DEFAULT_BANNED_TITLE_WORDS).map((w) => w.toLowerCase());
  const reviewRule: ReviewRule =
    opts.reviewRule ??
    ((p) => {
      const title = p.title.toLowerCase();
      const word = banned.find((w) => title.includes(w));
      return word ? `Prohibited keyword in title: "${word}" (intellectual property infringement)` : undefined;
    });
  const content = {
    maxImages: ALIBABA_LIMITS.maxImages,
    maxTitleLength: ALIBABA_LIMITS.maxTitleLength,
    maxKeywords: ALIBABA_LIMITS.maxKeywords,
    nonLeafCategories: new Set(opts.nonLeafCategories ?? DEFAULT_NON_LEAF_CATEGORIES),
    ...(opts.imageHostAllowlist ? { imageHostAllowlist: opts.imageHostAllowlist } : {}),
  };
  const catalog = new AlibabaCatalog({
    now,
    content,
    reviewRule,
    lockWhileAuditing: opts.lockWhileAuditing ?? true,
    reauditOnUpdate: opts.reauditOnUpdate ?? true,
    ...(opts.reviewDelayMs !== undefined ? { reviewDelayMs: opts.reviewDelayMs } : {}),
  });
  let ipWhitelist: string[] | undefined = opts.ipWhitelist ? [...opts.ipWhitelist] : undefined;
  const businessFaults: BusinessFault[] = [];
  const deps: GatewayDeps = {
    apps: new Map(apps.map((a) => [a.appKey, a.appSecret])),
    catalog,
    tokens,
    faults,
    quota,
    counter,
    now,
    content,
    maxPageSize: opts.maxPageSize ?? ALIBABA_LIMITS.maxPageSize,
    maxSearchPageSize: ALIBABA_LIMITS.maxSearchPageSize,
    windowCap: opts.windowCap ?? ALIBABA_LIMITS.listWindowCap,
    offsetMinutes: opts.timeZoneOffsetMinutes ?? ALIBABA_LIMITS.timeZoneOffsetMinutes,
    timestampSkewSec: opts.timestampSkewSec ?? ALIBABA_LIMITS.timestampSkewSec,
    throttleHttpStatus: opts.throttleHttpStatus ?? 200,
    ipWhitelist: () => ipWhitelist,
    businessFaults,
  };

  let handle: AlibabaSimulatorHandle | undefined;
  const server = await startSimServer((req) => (handle && handleControl(req, handle)) ?? handleGateway(req, deps), {
    port: opts.port ?? 0,
    ...(opts.host ? { host: opts.host } : {}),
  });
  const baseUrl = `${server.url}${GATEWAY_PATH}`;

  handle = {
    channel: ALIBABA_CHANNEL,
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
      businessFaults.length = 0;
      ipWhitelist = opts.ipWhitelist ? [...opts.ipWhitelist] : undefined;
    },
    close: () => server.close(),
    listings: () => catalog.all().map(simListing),
    state: () => ({
      channel: ALIBABA_CHANNEL,
      baseUrl,
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
    injectBusinessError: (fault: BusinessFault) => {
      businessFaults.push({ ...fault });
    },
    setIpWhitelist: (ips: string[] | undefined) => {
      ipWhitelist = ips ? [...ips] : undefined;
    },
  };
  return handle;
}

export type { ReviewRule } from "./catalog.js";
export type { BusinessFault } from "./gateway.js";
export type { SimProduct } from "./products.js";
export { ALIBABA_SIM_APP } from "./testApp.js";
