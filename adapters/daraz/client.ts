import { HttpClient } from "../core/http.js";
import { iopSign } from "../core/iopSign.js";
import { DARAZ_CHANNEL } from "./capabilities.js";
import { classifyDarazReply } from "./errors.js";

export interface DarazClientOptions {
  baseUrl: string;
  /** OAuth endpoints (/auth/token/*); defaults to baseUrl. */
  authBaseUrl?: string;
  appKey: string;
  appSecret: string;
  accessToken?: string;
  timeoutMs?: number;
  now?: () => number;
}

/** A successful IOP answer: code "0" plus whatever the API returns (data, tokens...). */
export interface DarazOk {
  code: string;
  request_id?: string;
  data?: unknown;
  [key: string]: unknown;
}

export interface DarazCallOptions {
  signal?: AbortSignal | undefined;
  /** Send access_token (all calls except /auth/token/*). */
  auth?: boolean;
}

export type DarazParams = Record<string, string | number | undefined>;

/**
 * Signed IOP calls. System params (app_key, timestamp in epoch ms, sign_method=sha256, access_token, sign) go in the
 * query string; business params go in the query for GET and in the urlencoded form body for POST, so `payload` never
 * lands in a URL. The signature covers system and business params alike.
 */
export class DarazClient {
  accessToken: string | undefined;
  private readonly http: HttpClient;
  private readonly now: () => number;

  constructor(private readonly opts: DarazClientOptions) {
    this.accessToken = opts.accessToken;
    this.now = opts.now ?? Date.now;
    this.http = new HttpClient({
      channel: DARAZ_CHANNEL,
      classify: classifyDarazReply,
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    });
  }

  get(apiPath: string, params: DarazParams, opts: DarazCallOptions = {}): Promise<DarazOk> {
    return this.call("GET", apiPath, params, opts);
  }

  post(apiPath: string, params: DarazParams, opts: DarazCallOptions = {}): Promise<DarazOk> {
    return this.call("POST", apiPath, params, opts);
  }

  /** The signed parameters for one call (exposed for tests and for building feeds of ready-made requests). */
  signedParams(
    apiPath: string,
    params: DarazParams,
    auth = true,
  ): { system: Record<string, string>; business: Record<string, string> } {
    const system: Record<string, string> = {
      app_key: this.opts.appKey,
      timestamp: String(this.now()),
      sign_method: "sha256",
    };
    if (auth && this.accessToken) system.access_token = this.accessToken;
    const business: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== "") business[key] = String(value);
    }
    system.sign = iopSign(this.opts.appSecret, apiPath, { ...business, ...system });
    return { system, business };
  }

  private async call(
    method: "GET" | "POST",
    apiPath: string,
    params: DarazParams,
    opts: DarazCallOptions,
  ): Promise<DarazOk> {
    const auth = opts.auth ?? true;
    const base = (
      apiPath.startsWith("/auth/") ? (this.opts.authBaseUrl ?? this.opts.baseUrl) : this.opts.baseUrl
    ).replace(/\/+$/, "");
    const { system, business } = this.signedParams(apiPath, params, auth);
    const reply = await this.http.send({
      method,
      url: base + apiPath,
      query: method === "GET" ? { ...business, ...system } : system,
      ...(method === "POST" ? { form: business } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    return reply.json as DarazOk;
  }
}
