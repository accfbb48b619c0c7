import { HttpClient } from "../core/http.js";
import { iopSign } from "../core/iopSign.js";
import { ALIBABA_CHANNEL } from "./capabilities.js";
import { businessFailure, classifyAlibabaReply, mapAlibabaBusinessError } from "./errors.js";

export interface AlibabaClientOptions {
  baseUrl: string;
  /** OAuth endpoints (/auth/token/*); defaults to baseUrl. */
  authBaseUrl?: string;
  appKey: string;
  appSecret: string;
  accessToken?: string;
  timeoutMs?: number;
  now?: () => number;
}

/** A gateway success (code "0") whose business part also succeeded; `result` holds the answer. */
export interface AlibabaOk {
  code?: string;
  request_id?: string;
  result?: unknown;
  [key: string]: unknown;
}

export interface AlibabaCallOptions {
  signal?: AbortSignal | undefined;
  /** Send access_token (all calls except /auth/token/*). */
  auth?: boolean;
  /** Batch calls: success:false with a per-item errors[] list is a partial result, not an error. */
  partial?: boolean;
}

export type AlibabaParams = Record<string, string | number | undefined>;

/**
 * Signed IOP calls to the ICBU open platform. System params (app_key, timestamp in epoch ms, sign_method=sha256,
 * access_token, sign) go in the query string; business params go in the query for GET and in the urlencoded form body
 * for POST (so `product_info` never lands in a URL). The signature covers system and business params alike. Gateway
 * errors are classified by the HTTP hook; business failures (success:false + msg_code) are thrown here.
 */
export class AlibabaClient {
  accessToken: string | undefined;
  private readonly http: HttpClient;
  private readonly now: () => number;

  constructor(private readonly opts: AlibabaClientOptions) {
    this.accessToken = opts.accessToken;
    this.now = opts.now ?? Date.now;
    this.http = new HttpClient({
      channel: ALIBABA_CHANNEL,
      classify: classifyAlibabaReply,
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    });
  }

  get(apiPath: string, params: AlibabaParams, opts: AlibabaCallOptions = {}): Promise<AlibabaOk> {
    return this.call("GET", apiPath, params, opts);
  }

  post(apiPath: string, params: AlibabaParams, opts: AlibabaCallOptions = {}): Promise<AlibabaOk> {
    return this.call("POST", apiPath, params, opts);
  }

  /** The signed parameters for one call (exposed for tests). */
  signedParams(
    apiPath: string,
    params: AlibabaParams,
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
    params: AlibabaParams,
    opts: AlibabaCallOptions,
  ): Promise<AlibabaOk> {
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
    const body = (reply.json && typeof reply.json === "object" ? reply.json : {}) as AlibabaOk;
    const failure = businessFailure(body);
    if (failure && !(opts.partial && hasItemErrors(body))) throw mapAlibabaBusinessError(failure);
    return body;
  }
}

function hasItemErrors(body: AlibabaOk): boolean {
  const result = body.result && typeof body.result === "object" ? (body.result as Record<string, unknown>) : {};
  const errors = result.errors ?? body.errors;
  return Array.isArray(errors) && errors.length > 0;
}
