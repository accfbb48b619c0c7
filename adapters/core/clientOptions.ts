import type { AdapterOptions } from "./types.js";

/** What an app needs to call an open platform (OAuth code exchange included). */
export interface ApiAppOptions {
  baseUrl: string;
  /** The OAuth host, when it differs from baseUrl (each channel has its default). */
  authBaseUrl?: string;
  appKey: string;
  appSecret: string;
  timeoutMs?: number;
  now?: () => number;
  beforeCall?: () => Promise<void>;
}

/** The client options an API adapter passes on from its own options: app, token, timeout, clock. */
export function clientOptionsFrom(
  opts: AdapterOptions & { authBaseUrl?: string },
): ApiAppOptions & { accessToken?: string } {
  return {
    baseUrl: opts.baseUrl,
    appKey: opts.credentials.appKey,
    appSecret: opts.credentials.appSecret,
    ...(opts.authBaseUrl ? { authBaseUrl: opts.authBaseUrl } : {}),
    ...(opts.credentials.accessToken ? { accessToken: opts.credentials.accessToken } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.beforeCall ? { beforeCall: opts.beforeCall } : {}),
  };
}
