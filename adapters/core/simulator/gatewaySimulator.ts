import type { ChannelCredentials } from "../types.js";
import { CallCounter } from "./callCounter.js";
import { handleControl } from "./control.js";
import { FaultInjector } from "./faults.js";
import type { GatewayParts } from "./gateway.js";
import { type SimHandler, startSimServer } from "./httpServer.js";
import { TokenBucketQuota } from "./quota.js";
import { createRng } from "./rng.js";
import { TokenStore, type TokenStyle } from "./tokenStore.js";
import type { FaultConfig, QuotaConfig, RemoteEdit, SimListing, SimulatorHandle } from "./types.js";

export interface SimApp {
  appKey: string;
  appSecret: string;
}

/** The options every API gateway simulator takes; each channel names its defaults. */
export interface GatewaySimulatorOptions<App extends SimApp = SimApp> {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Apps the gateway accepts; the first is the handle's appKey/appSecret. */
  apps?: App[];
  /** Seeds the fault RNG and token noise so runs replay. */
  seed?: number;
  /** Server clock (timestamp checks, token lifetimes, quota, review delay, modified times). */
  now?: () => number;
  accessTokenTtlSec?: number;
  refreshTokenTtlSec?: number;
  quota?: QuotaConfig;
  faults?: Partial<FaultConfig>;
  /** Pending listings pass review on their own after this delay; unset = only advanceReview(). */
  reviewDelayMs?: number;
  /** The default review rule rejects titles holding any of these words (case-insensitive). Default ["replica"]. */
  bannedTitleWords?: string[];
  /** Timestamp tolerance in seconds. */
  timestampSkewSec?: number;
}

export interface GatewaySimulatorHandle extends SimulatorHandle {
  /** A one-time code for the OAuth token call (any unused code works too). */
  createAuthCode(): string;
}

/** A channel's defaults for the shared options. */
export interface SimulatorDefaults<App extends SimApp> {
  app: App;
  seed: number;
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
  tokenStyle: TokenStyle;
  /** XORed into the seed for the token RNG, so token noise differs from fault draws. */
  tokenSeedSalt: number;
}

export interface SimulatorParts<App extends SimApp> extends GatewayParts {
  apps: App[];
  /** The app the handle names. */
  primary: App;
}

export function simulatorParts<App extends SimApp>(
  opts: GatewaySimulatorOptions<App>,
  defaults: SimulatorDefaults<App>,
): SimulatorParts<App> {
  const apps = opts.apps && opts.apps.length > 0 ? opts.apps : [defaults.app];
  const now = opts.now ?? Date.now;
  const seed = opts.seed ?? defaults.seed;
  const lifetimes = {
    accessTokenTtlSec: opts.accessTokenTtlSec ?? defaults.accessTokenTtlSec,
    refreshTokenTtlSec: opts.refreshTokenTtlSec ?? defaults.refreshTokenTtlSec,
  };
  return {
    apps,
    primary: apps[0] ?? defaults.app,
    now,
    faults: new FaultInjector(seed, opts.faults),
    quota: new TokenBucketQuota(opts.quota, now),
    counter: new CallCounter(),
    tokens: new TokenStore(defaults.tokenStyle, lifetimes, now, createRng(seed ^ defaults.tokenSeedSalt)),
  };
}

export interface SimCatalog {
  advanceReview(): number;
  edit(sellerSku: string, patch: RemoteEdit): void;
  reset(): void;
}

export interface GatewaySimulatorSpec<App extends SimApp> {
  channel: string;
  /** Appended to the server URL for the handle's baseUrl. */
  gatewayPath: string;
  gateway: SimHandler;
  parts: SimulatorParts<App>;
  catalog: SimCatalog;
  listings(): SimListing[];
  /** Clears the channel's own state, after the catalog, faults, quota and counts. */
  onReset?: () => void;
}

/** Serves the gateway behind the /_sim/ control routes and returns the handle methods every gateway shares. */
export async function serveGatewaySimulator<App extends SimApp>(
  spec: GatewaySimulatorSpec<App>,
  opts: { port?: number; host?: string },
): Promise<GatewaySimulatorHandle> {
  const { parts, catalog, listings } = spec;
  const { faults, quota, counter, tokens, primary } = parts;
  let handle: GatewaySimulatorHandle | undefined;
  const server = await startSimServer((req) => (handle && handleControl(req, handle)) ?? spec.gateway(req), {
    port: opts.port ?? 0,
    ...(opts.host ? { host: opts.host } : {}),
  });
  const baseUrl = `${server.url}${spec.gatewayPath}`;

  handle = {
    channel: spec.channel,
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
      spec.onReset?.();
    },
    close: () => server.close(),
    listings,
    state: () => ({
      channel: spec.channel,
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
  };
  return handle;
}
