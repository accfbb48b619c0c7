import { bannedWordFinder } from "../../core/simulator/bannedWords.js";
import {
  type GatewaySimulatorHandle,
  type GatewaySimulatorOptions,
  serveGatewaySimulator,
  simulatorParts,
} from "../../core/simulator/gatewaySimulator.js";
import type { ImageRules } from "../../core/types.js";
import { JD_CHANNEL, JD_IMAGE_RULES, JD_LIMITS } from "../capabilities.js";
import { JdCatalog, type JdReviewRule } from "./catalog.js";
import { GATEWAY_PATH, type GatewayDeps, handleGateway, type JdApp } from "./gateway.js";
import { JdSimImageZone, type SimPicture } from "./imageZone.js";
import { JdSimTaxonomy } from "./taxonomy.js";
import { JD_SIM_TAXONOMY, type JdSimAttribute, type JdSimCategory, type JdTaxonomyData } from "./taxonomyData.js";
import { JD_SIM_APP } from "./testApp.js";
import { JD_TOKEN_STYLE } from "./tokens.js";
import { type JdEnforcement, wareGuard } from "./wareGuard.js";
import { type SimWare, simListing } from "./wares.js";

/** Defaults: app JD_SIM_APP, token lifetimes 1 day / 365 days, skew 360 s (+-6 minutes). Review is the audit. */
export interface JdSimulatorOptions extends GatewaySimulatorOptions<JdApp> {
  /** Replaces the default audit rule: undefined approves, a reason (or {reason, outcome}) fails or delists. */
  reviewRule?: JdReviewRule;
  /** searchWare4Valid pageSize cap (default 50) and page cap (default 100: later pages are empty). */
  maxPageSize?: number;
  maxPages?: number;
  /** searchSkuList page_size cap (default 100). */
  maxSkuPageSize?: number;
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
  /** add/updateWare check the category, required attributes and values (default false). */
  enforceTaxonomy?: boolean;
  /** add refuses images that are not in this simulator's image zone (default false). */
  requireHostedImages?: boolean;
  /** What the image zone takes; JD_IMAGE_RULES by default. */
  imageRules?: Partial<ImageRules>;
  /** The category tree and attributes served; JD_SIM_TAXONOMY by default. */
  taxonomy?: JdTaxonomyData;
}

export interface JdSimulatorHandle extends GatewaySimulatorHandle {
  /** The wares as the simulator holds them (copies), deleted ones included. */
  wares(): SimWare[];
  /** The tree and attributes as served now (a copy). */
  taxonomy(): JdTaxonomyData;
  setCategoryAttributes(categoryId: number, attrs: JdSimAttribute[]): void;
  /** Makes one attribute of a leaf required (or optional with `required` false). */
  requireAttribute(categoryId: number, attrId: number, required?: boolean): void;
  renameCategory(categoryId: number, name: string): void;
  /** Removes a category and everything under it. */
  removeCategory(categoryId: number): void;
  addCategory(category: JdSimCategory, attrs?: JdSimAttribute[]): void;
  /** Pictures in the image zone (one per distinct image uploaded). */
  uploadedImages(): SimPicture[];
  /** Switches the checks at run time; reset() puts back the start options. */
  setEnforcement(patch: Partial<JdEnforcement>): void;
  setImageRules(patch: Partial<ImageRules>): void;
}

/** Starts a JOS gateway (/routerjson + /oauth2/*) on node:http that enforces the channels.md contract. */
export async function startJdSimulator(opts: JdSimulatorOptions = {}): Promise<JdSimulatorHandle> {
  const parts = simulatorParts(opts, {
    app: JD_SIM_APP,
    seed: 20_260_101,
    accessTokenTtlSec: 86_400,
    refreshTokenTtlSec: 365 * 86_400,
    tokenStyle: JD_TOKEN_STYLE,
    tokenSeedSalt: 0x1d,
  });
  const bannedWord = bannedWordFinder(opts.bannedTitleWords);
  const reviewRule: JdReviewRule =
    opts.reviewRule ??
    ((ware) => {
      if (ware.images.length === 0) return "主图缺失 (main image missing)";
      const word = bannedWord(ware.title);
      return word ? `标题含违禁词 "${word}" (prohibited word in title: "${word}")` : undefined;
    });
  const startEnforcement: JdEnforcement = {
    enforceTaxonomy: opts.enforceTaxonomy ?? false,
    requireHostedImages: opts.requireHostedImages ?? false,
  };
  const enforcement: JdEnforcement = { ...startEnforcement };
  const startRules: ImageRules = { ...JD_IMAGE_RULES, formats: [...JD_IMAGE_RULES.formats], ...opts.imageRules };
  let imageRules: ImageRules = { ...startRules };
  const taxonomy = new JdSimTaxonomy(opts.taxonomy ?? JD_SIM_TAXONOMY);
  const imageZone = new JdSimImageZone(() => imageRules, parts.now);
  const catalog = new JdCatalog({
    now: parts.now,
    guard: wareGuard(enforcement, taxonomy, imageZone),
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
  const deps: GatewayDeps = {
    ...parts,
    apps: new Map(parts.apps.map((a) => [a.appKey, a])),
    catalog,
    taxonomy,
    imageZone,
    maxPageSize: opts.maxPageSize ?? JD_LIMITS.maxPageSize,
    maxPages: opts.maxPages ?? JD_LIMITS.maxPages,
    maxSkuPageSize: opts.maxSkuPageSize ?? JD_LIMITS.maxSkuPageSize,
    timestampSkewSec: opts.timestampSkewSec ?? JD_LIMITS.timestampSkewSec,
  };

  const sim = await serveGatewaySimulator(
    {
      channel: JD_CHANNEL,
      gatewayPath: GATEWAY_PATH,
      gateway: (req) => handleGateway(req, deps),
      parts,
      catalog,
      listings: () => catalog.all().map(simListing),
      onReset: () => {
        taxonomy.reset();
        imageZone.reset();
        Object.assign(enforcement, startEnforcement);
        imageRules = { ...startRules };
      },
    },
    opts,
  );
  return {
    ...sim,
    wares: () => catalog.all(true).map((w) => structuredClone(w)),
    taxonomy: () => taxonomy.snapshot(),
    setCategoryAttributes: (categoryId, attrs) => taxonomy.setCategoryAttributes(categoryId, attrs),
    requireAttribute: (categoryId, attrId, required) => taxonomy.requireAttribute(categoryId, attrId, required),
    renameCategory: (categoryId, name) => taxonomy.renameCategory(categoryId, name),
    removeCategory: (categoryId) => taxonomy.removeCategory(categoryId),
    addCategory: (category, attrs) => taxonomy.addCategory(category, attrs),
    uploadedImages: () => imageZone.list(),
    setEnforcement: (patch) => Object.assign(enforcement, patch),
    setImageRules: (patch) => {
      imageRules = { ...imageRules, ...patch };
    },
  };
}

export { DEFAULT_BANNED_TITLE_WORDS } from "../../core/simulator/bannedWords.js";
export type { JdReviewRule, JdReviewVerdict } from "./catalog.js";
export type { JdApp } from "./gateway.js";
export type { SimPicture } from "./imageZone.js";
export {
  JD_SAMPLE_LEAVES,
  JD_SIM_TAXONOMY,
  type JdSimAttribute,
  type JdSimAttrValue,
  type JdSimCategory,
  type JdTaxonomyData,
  jdAttributeId,
  simAttribute,
} from "./taxonomyData.js";
export { JD_SIM_APP } from "./testApp.js";
export type { JdEnforcement } from "./wareGuard.js";
export type { SimWare } from "./wares.js";
export { JOS } from "./wire.js";
