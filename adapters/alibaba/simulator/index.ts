import { bannedWordFinder } from "../../core/simulator/bannedWords.js";
import {
  type GatewaySimulatorHandle,
  type GatewaySimulatorOptions,
  serveGatewaySimulator,
  simulatorParts,
} from "../../core/simulator/gatewaySimulator.js";
import { ALIBABA_CHANNEL, ALIBABA_LIMITS } from "../capabilities.js";
import { AlibabaCatalog, type ReviewRule } from "./catalog.js";
import { type BusinessFault, GATEWAY_PATH, type GatewayDeps, handleGateway } from "./gateway.js";
import { simListing } from "./products.js";
import { ALIBABA_SIM_APP } from "./testApp.js";
import { ALIBABA_TOKEN_STYLE } from "./tokens.js";

/** Defaults: app ALIBABA_SIM_APP, token lifetimes 30 days / 60 days (unverified for ICBU), skew per ALIBABA_LIMITS. */
export interface AlibabaSimulatorOptions extends GatewaySimulatorOptions {
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
}

export interface AlibabaSimulatorHandle extends GatewaySimulatorHandle {
  /** The next matching calls answer success:false with this msg_code, without doing their work. */
  injectBusinessError(fault: BusinessFault): void;
  /** Replaces the caller IP whitelist; undefined turns it off. */
  setIpWhitelist(ips: string[] | undefined): void;
}

/** Parent (non-leaf) category ids of the simulated category tree; every other id is treated as a leaf. */
export const DEFAULT_NON_LEAF_CATEGORIES = ["18", "66", "1501"];

/** Starts an Alibaba.com ICBU gateway on node:http that enforces the channels.md contract. Control under /_sim/. */
export async function startAlibabaSimulator(opts: AlibabaSimulatorOptions = {}): Promise<AlibabaSimulatorHandle> {
  const parts = simulatorParts(opts, {
    app: ALIBABA_SIM_APP,
    seed: 20_260_202,
    accessTokenTtlSec: 30 * 86_400,
    refreshTokenTtlSec: 60 * 86_400,
    tokenStyle: ALIBABA_TOKEN_STYLE,
    tokenSeedSalt: 0xa11ba,
  });
  const { now } = parts;
  const bannedWord = bannedWordFinder(opts.bannedTitleWords);
  const reviewRule: ReviewRule =
    opts.reviewRule ??
    ((p) => {
      const word = bannedWord(p.title);
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
    ...parts,
    apps: new Map(parts.apps.map((a) => [a.appKey, a.appSecret])),
    catalog,
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

  const sim = await serveGatewaySimulator(
    {
      channel: ALIBABA_CHANNEL,
      gatewayPath: GATEWAY_PATH,
      gateway: (req) => handleGateway(req, deps),
      parts,
      catalog,
      listings: () => catalog.all().map(simListing),
      onReset: () => {
        businessFaults.length = 0;
        ipWhitelist = opts.ipWhitelist ? [...opts.ipWhitelist] : undefined;
      },
    },
    opts,
  );
  return {
    ...sim,
    injectBusinessError: (fault: BusinessFault) => {
      businessFaults.push({ ...fault });
    },
    setIpWhitelist: (ips: string[] | undefined) => {
      ipWhitelist = ips ? [...ips] : undefined;
    },
  };
}

export { DEFAULT_BANNED_TITLE_WORDS } from "../../core/simulator/bannedWords.js";
export type { ReviewRule } from "./catalog.js";
export type { BusinessFault } from "./gateway.js";
export type { SimProduct } from "./products.js";
export { ALIBABA_SIM_APP } from "./testApp.js";
