import { bannedWordFinder } from "../../core/simulator/bannedWords.js";
import {
  type GatewaySimulatorHandle,
  type GatewaySimulatorOptions,
  serveGatewaySimulator,
  simulatorParts,
} from "../../core/simulator/gatewaySimulator.js";
import type { ImageRules } from "../../core/types.js";
import { ALIBABA_CHANNEL, ALIBABA_IMAGE_RULES, ALIBABA_LIMITS } from "../capabilities.js";
import { AlibabaCatalog, type ReviewRule } from "./catalog.js";
import type { SimEnforcement } from "./enforcement.js";
import { type BusinessFault, GATEWAY_PATH, type GatewayDeps, handleGateway } from "./gateway.js";
import { type SimPhoto, SimPhotobank } from "./photobank.js";
import { simListing } from "./products.js";
import { SimTaxonomy } from "./taxonomy.js";
import {
  defaultTaxonomyData,
  type SimAttributeDef,
  type SimCategoryDef,
  type SimTaxonomyData,
} from "./taxonomyData.js";
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
  /**
   * listing/v2 and update/v2 check the category tree: the category exists and is a leaf (CHK_CAT_NOT_LEAF), required
   * attributes are given (CHK_BASIC_REQUIRED), option values are among the options (B_PRODUCT_PARAM_INVALID).
   * Default false.
   */
  enforceTaxonomy?: boolean;
  /** Every image URL in listing/v2 and update/v2 must be one this photobank issued (B_CONTAINS_INVALID_IMAGE). Default false. */
  requireHostedImages?: boolean;
  /** What the photobank accepts. Default ALIBABA_IMAGE_RULES (its 350 px minimum is a recommendation, unverified). */
  imageRules?: Partial<ImageRules>;
  /** The category tree to start from (and to go back to on reset). Default defaultTaxonomyData(). */
  taxonomy?: () => SimTaxonomyData;
}

export interface AlibabaSimulatorHandle extends GatewaySimulatorHandle {
  /** The next matching calls answer success:false with this msg_code, without doing their work. */
  injectBusinessError(fault: BusinessFault): void;
  /** Replaces the caller IP whitelist; undefined turns it off. */
  setIpWhitelist(ips: string[] | undefined): void;
  /** Switches the listing checks on or off (reset goes back to the options). */
  setEnforcement(patch: Partial<SimEnforcement>): void;
  /** The live category tree (parents before children). */
  categories(): SimCategoryDef[];
  /** The attributes of a leaf as the simulator serves them now. */
  categoryAttributes(categoryId: string): SimAttributeDef[];
  setCategoryAttributes(categoryId: string, attributes: SimAttributeDef[]): void;
  /** Makes one attribute of a leaf required (or optional again with required false). */
  requireAttribute(categoryId: string, attributeId: number, required?: boolean): void;
  addCategory(category: SimCategoryDef, attributes?: SimAttributeDef[]): void;
  renameCategory(categoryId: string, name: string): void;
  /** Removes a category and everything under it. */
  removeCategory(categoryId: string): void;
  /** What the photobank holds, in upload order. */
  uploadedImages(): SimPhoto[];
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
  const taxonomy = new SimTaxonomy(opts.taxonomy ?? defaultTaxonomyData);
  const imageRules: ImageRules = { ...ALIBABA_IMAGE_RULES, ...opts.imageRules };
  const photobank = new SimPhotobank(() => imageRules);
  const initialEnforcement = (): SimEnforcement => ({
    enforceTaxonomy: opts.enforceTaxonomy ?? false,
    requireHostedImages: opts.requireHostedImages ?? false,
  });
  const enforcement = initialEnforcement();
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
    taxonomy,
    photobank,
    enforcement,
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
        taxonomy.reset();
        photobank.reset();
        Object.assign(enforcement, initialEnforcement());
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
    setEnforcement: (patch: Partial<SimEnforcement>) => {
      Object.assign(enforcement, patch);
    },
    categories: () => taxonomy.all(),
    categoryAttributes: (categoryId: string) => structuredClone(taxonomy.attributesOf(categoryId)),
    setCategoryAttributes: (categoryId: string, attributes: SimAttributeDef[]) =>
      taxonomy.setCategoryAttributes(categoryId, attributes),
    requireAttribute: (categoryId: string, attributeId: number, required = true) =>
      taxonomy.requireAttribute(categoryId, attributeId, required),
    addCategory: (category: SimCategoryDef, attributes?: SimAttributeDef[]) =>
      taxonomy.addCategory(category, attributes),
    renameCategory: (categoryId: string, name: string) => taxonomy.renameCategory(categoryId, name),
    removeCategory: (categoryId: string) => taxonomy.removeCategory(categoryId),
    uploadedImages: () => photobank.list(),
  };
}

export { DEFAULT_BANNED_TITLE_WORDS } from "../../core/simulator/bannedWords.js";
export type { ReviewRule } from "./catalog.js";
export type { SimEnforcement } from "./enforcement.js";
export type { BusinessFault } from "./gateway.js";
export type { SimPhoto } from "./photobank.js";
export type { SimProduct } from "./products.js";
export {
  ATTR,
  defaultTaxonomyData,
  SAMPLE_CATEGORY_LEAVES,
  type SimAttributeDef,
  type SimAttributeValue,
  type SimCategoryDef,
  type SimTaxonomyData,
  valueIdOf,
} from "./taxonomyData.js";
export { ALIBABA_SIM_APP } from "./testApp.js";
