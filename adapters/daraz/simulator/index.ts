import { bannedWordFinder } from "../../core/simulator/bannedWords.js";
import {
  type GatewaySimulatorHandle,
  type GatewaySimulatorOptions,
  serveGatewaySimulator,
  simulatorParts,
} from "../../core/simulator/gatewaySimulator.js";
import { DarazCatalog, type ReviewRule, type SeedListing } from "./catalog.js";
import { GATEWAY_PATH, type GatewayDeps, handleGateway } from "./gateway.js";
import { simListing } from "./products.js";
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
}

export interface DarazSimulatorHandle extends GatewaySimulatorHandle {
  /** Locks SKUs in a "campaign": edits answer THD_IC_ERR_F_IC_ABILITY_PG_004 until unlocked. */
  lockForCampaign(sellerSkus: string[], locked?: boolean): void;
  /** Bulk-loads listings as if created and reviewed long ago (no checks, no QC, not counted); returns item ids. */
  seedListings(listings: SeedListing[]): string[];
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
  const catalog = new DarazCatalog({
    now: parts.now,
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
  const deps: GatewayDeps = {
    ...parts,
    apps: new Map(parts.apps.map((a) => [a.appKey, a.appSecret])),
    catalog,
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
    },
    opts,
  );
  return {
    ...sim,
    lockForCampaign: (sellerSkus: string[], locked = true) => catalog.lock(sellerSkus, locked),
    seedListings: (listings: SeedListing[]) => catalog.seed(listings),
  };
}

export { DEFAULT_BANNED_TITLE_WORDS } from "../../core/simulator/bannedWords.js";
export type { ReviewRule, SeedListing } from "./catalog.js";
export type { SimProduct } from "./products.js";
export { DARAZ_SIM_APP } from "./testApp.js";
