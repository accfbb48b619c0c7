import { bannedWordFinder } from "../../core/simulator/bannedWords.js";
import {
  type GatewaySimulatorHandle,
  type GatewaySimulatorOptions,
  serveGatewaySimulator,
  simulatorParts,
} from "../../core/simulator/gatewaySimulator.js";
import { DARAZ_IMAGE_RULES } from "../capabilities.js";
import { DarazCatalog, type ReviewRule, type SeedListing } from "./catalog.js";
import { GATEWAY_PATH, type GatewayDeps, handleGateway } from "./gateway.js";
import { DarazImageStore, type HostedImage } from "./imageStore.js";
import type { ProductInput } from "./payloadRules.js";
import { type SimProduct, simListing } from "./products.js";
import { checkTaxonomy } from "./taxonomyRules.js";
import { DarazTaxonomyStore } from "./taxonomyStore.js";
import type { DarazAttributeWire, DarazCategoryWire } from "./taxonomyWire.js";
import { DARAZ_SIM_APP } from "./testApp.js";
import { DARAZ_TOKEN_STYLE } from "./tokens.js";

/** Defaults: app DARAZ_SIM_APP, token lifetimes 7 days / 14 days (as for Daraz test apps), skew 7200 s. Review is QC. */
export interface DarazSimulatorOptions extends GatewaySimulatorOptions {
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
  /**
   * Create/update must name an existing leaf category, carry its required attributes and sale properties, and use
   * closed-select values from the options (Daraz's BIZ_CHECK_* answers, 4143 for an undeclared sale property). Off by
   * default.
   */
  enforceTaxonomy?: boolean;
  /**
   * Every image URL of a create/update (product, SKU and description images) must be one this simulator's image store
   * issued (BIZ_CHECK_IMAGE_URL_INVALID otherwise). Stricter than imageHostAllowlist. Off by default.
   */
  requireHostedImages?: boolean;
  /** Polls of /image/response/get answered "still processing" (code 1000) before a batch shows. Default 1. */
  imageBatchPendingPolls?: number;
  /** How long the image store waits for one source URL. Default 5000 ms (Daraz's limit). */
  imageFetchTimeoutMs?: number;
}

export interface DarazSimulatorHandle extends GatewaySimulatorHandle {
  /** Locks SKUs in a "campaign": edits answer THD_IC_ERR_F_IC_ABILITY_PG_004 until unlocked. */
  lockForCampaign(sellerSkus: string[], locked?: boolean): void;
  /** Bulk-loads listings as if created and reviewed long ago (no checks, no QC, not counted); returns item ids. */
  seedListings(listings: SeedListing[]): string[];
  /** The category tree as /category/tree/get serves it now. */
  categoryTree(): DarazCategoryWire[];
  /** Replaces a leaf's attributes (Daraz changed the category's requirements). */
  setCategoryAttributes(categoryId: string, attributes: DarazAttributeWire[]): void;
  /** Makes a leaf's attribute required (or optional); `definition` adds it first when the leaf lacks it. */
  requireAttribute(categoryId: string, name: string, required?: boolean, definition?: DarazAttributeWire): void;
  renameCategory(categoryId: string, name: string): void;
  /** Removes a category and its subtree. */
  removeCategory(categoryId: string): void;
  /** Adds a leaf under parentId (null: a root); a leaf parent becomes a branch (a category split). */
  addCategory(parentId: string | null, categoryId: string, name: string, attributes?: DarazAttributeWire[]): void;
  /** Images the store holds. They survive reset() (like issued tokens), since callers cache their URLs. */
  uploadedImages(): HostedImage[];
  /** Empties the image store. */
  forgetImages(): void;
}

/** Starts a Daraz gateway on node:http that enforces the channels.md contract. Control routes live under /_sim/. */
export async function startDarazSimulator(opts: DarazSimulatorOptions = {}): Promise<DarazSimulatorHandle> {
  const parts = simulatorParts(opts, {
    app: DARAZ_SIM_APP,
    seed: 20_260_101,
    accessTokenTtlSec: 7 * 86_400,
    refreshTokenTtlSec: 14 * 86_400,
    tokenStyle: DARAZ_TOKEN_STYLE,
    tokenSeedSalt: 0x5eed,
  });
  const bannedWord = bannedWordFinder(opts.bannedTitleWords);
  const reviewRule: ReviewRule =
    opts.reviewRule ??
    ((p) => {
      if (p.images.length === 0) return "Image missing";
      const word = bannedWord(p.attributes.name ?? "");
      return word ? `Prohibited keyword in title: "${word}"` : undefined;
    });
  const taxonomy = new DarazTaxonomyStore();
  const images = new DarazImageStore({
    rules: DARAZ_IMAGE_RULES,
    pendingPolls: opts.imageBatchPendingPolls ?? 1,
    fetchTimeoutMs: opts.imageFetchTimeoutMs ?? 5000,
    host: "static-01.daraz.pk",
  });
  const gate = (input: ProductInput, existing: SimProduct | undefined) => {
    if (opts.enforceTaxonomy) checkTaxonomy(input, existing, taxonomy);
    if (opts.requireHostedImages) images.checkHosted(imagesOf(input));
  };
  const catalog = new DarazCatalog({
    now: parts.now,
    reviewRule,
    gate,
    ...(opts.reviewDelayMs !== undefined ? { reviewDelayMs: opts.reviewDelayMs } : {}),
    content: {
      maxImages: 8,
      maxTitleLength: 255,
      maxDescriptionLength: 25_000,
      ...(opts.brandAllowlist ? { brandAllowlist: opts.brandAllowlist } : {}),
      ...(opts.imageHostAllowlist ? { imageHostAllowlist: opts.imageHostAllowlist } : {}),
    },
  });
  const deps: GatewayDeps = {
    ...parts,
    apps: new Map(parts.apps.map((a) => [a.appKey, a.appSecret])),
    catalog,
    taxonomy,
    images,
    maxPageSize: opts.maxPageSize ?? 50,
    timestampSkewSec: opts.timestampSkewSec ?? 7200,
    throttleHttpStatus: opts.throttleHttpStatus ?? 200,
  };

  const sim = await serveGatewaySimulator(
    {
      channel: "daraz",
      gatewayPath: GATEWAY_PATH,
      gateway: (req) => handleGateway(req, deps),
      parts,
      catalog,
      listings: () => catalog.all().map(simListing),
      onReset: () => taxonomy.reset(),
    },
    opts,
  );
  return {
    ...sim,
    lockForCampaign: (sellerSkus: string[], locked = true) => catalog.lock(sellerSkus, locked),
    seedListings: (listings: SeedListing[]) => catalog.seed(listings),
    categoryTree: () => taxonomy.tree(),
    setCategoryAttributes: (categoryId, attributes) => taxonomy.setCategoryAttributes(categoryId, attributes),
    requireAttribute: (categoryId, name, required = true, definition) =>
      taxonomy.requireAttribute(categoryId, name, required, definition),
    renameCategory: (categoryId, name) => taxonomy.renameCategory(categoryId, name),
    removeCategory: (categoryId) => taxonomy.removeCategory(categoryId),
    addCategory: (parentId, categoryId, name, attributes) =>
      taxonomy.addCategory(parentId, categoryId, name, attributes),
    uploadedImages: () => images.list(),
    forgetImages: () => images.forget(),
  };
}

/** Product, SKU and description images of a create/update payload. */
function imagesOf(input: ProductInput): string[] {
  const description = [...(input.attributes.description ?? "").matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)];
  return [...(input.images ?? []), ...input.skus.flatMap((s) => s.images ?? []), ...description.map((m) => m[1] ?? "")];
}

export { DEFAULT_BANNED_TITLE_WORDS } from "../../core/simulator/bannedWords.js";
export type { ReviewRule, SeedListing } from "./catalog.js";
export type { HostedImage } from "./imageStore.js";
export type { SimProduct } from "./products.js";
export * from "./taxonomyData.js";
export { DARAZ_SIM_APP } from "./testApp.js";
