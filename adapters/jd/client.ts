import type { ApiAppOptions } from "../core/clientOptions.js";
import { AuthExpiredError, PermanentError, TransientError } from "../core/errors.js";
import { HttpClient, type MultipartFile } from "../core/http.js";
import { JD_CHANNEL, JD_DEFAULT_OAUTH_URL } from "./capabilities.js";
import { type JdErrorBody, jdReplyClassifier, mapJdError } from "./errors.js";
import { josSign } from "./sign.js";
import { formatBeijingTime } from "./time.js";

export interface JdClientOptions extends ApiAppOptions {
  /** Gateway URL including /routerjson (https://api.jd.com/routerjson). */
  baseUrl: string;
  /** OAuth host; defaults to https://open-oauth.jd.com for JD hosts, else the gateway's origin (simulators). */
  authBaseUrl?: string;
  accessToken?: string;
  /** Wait reported for code 2 (App Call Limited). */
  throttleWaitMs?: number;
  /** JOS takes GET or a form POST; POST (default) keeps 360buy_param_json out of URLs and logs. */
  httpMethod?: "GET" | "POST";
}

/** The unwrapped body of `<method>_responce`: code "0" plus what the method returns. */
export type JdResult = Record<string, unknown>;

export interface JdCallOptions {
  signal?: AbortSignal | undefined;
  /** Send access_token (default true). */
  auth?: boolean;
}

/** A file part of a multipart JOS call; its field is the business parameter that carries the bytes (image_data). */
export type JdUploadFile = MultipartFile;

export const JOS_API_VERSION = "2.0";

/** `jingdong.ware.write.add` -> `jingdong_ware_write_add_responce` (sic: JD spells it "responce"). */
export function responseKey(method: string): string {
  return `${method.replace(/\./g, "_")}_responce`;
}

/**
 * Signed JOS calls through /routerjson. System params: method, app_key, access_token, timestamp (Beijing time),
 * v=2.0, sign; every business param travels inside `360buy_param_json` as one JSON string, which is signed as sent.
 */
export class JdClient {
  accessToken: string | undefined;
  private readonly http: HttpClient;
  private readonly oauthHttp: HttpClient;
  private readonly now: () => number;

  constructor(private readonly opts: JdClientOptions) {
    this.accessToken = opts.accessToken;
    this.now = opts.now ?? Date.now;
    const timeout = opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {};
    this.http = new HttpClient({
      channel: JD_CHANNEL,
      classify: jdReplyClassifier(opts.throttleWaitMs !== undefined ? { throttleWaitMs: opts.throttleWaitMs } : {}),
      ...timeout,
      ...(opts.beforeCall ? { beforeCall: opts.beforeCall } : {}),
    });
    this.oauthHttp = new HttpClient({ channel: JD_CHANNEL, ...timeout });
  }

  /** Every parameter of one call, signed (exposed for tests and for handing a ready request to an operator). */
  signedParams(method: string, business: Record<string, unknown> = {}, auth = true): Record<string, string> {
    const params: Record<string, string> = {
      method,
      app_key: this.opts.appKey,
      timestamp: formatBeijingTime(this.now()),
      v: JOS_API_VERSION,
      "360buy_param_json": JSON.stringify(business),
    };
    if (auth && this.accessToken) params.access_token = this.accessToken;
    params.sign = josSign(this.opts.appSecret, params);
    return params;
  }

  async call(method: string, business: Record<string, unknown> = {}, opts: JdCallOptions = {}): Promise<JdResult> {
    const params = this.signedParams(method, business, opts.auth ?? true);
    const post = (this.opts.httpMethod ?? "POST") === "POST";
    const reply = await this.http.send({
      method: post ? "POST" : "GET",
      url: this.opts.baseUrl,
      ...(post ? { form: params } : { query: params }),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    return unwrapJdResponse(method, reply.json, this.opts.throttleWaitMs);
  }

  /**
   * A multipart POST: the signed system params (360buy_param_json included) as text parts, the file as one more part.
   * The JOS signature covers the text params only, as JD's upload requests sign them.
   */
  async upload(
    method: string,
    business: Record<string, unknown>,
    file: JdUploadFile,
    opts: JdCallOptions = {},
  ): Promise<JdResult> {
    const reply = await this.http.send({
      method: "POST",
      url: this.opts.baseUrl,
      multipart: { fields: this.signedParams(method, business, opts.auth ?? true), file },
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    return unwrapJdResponse(method, reply.json, this.opts.throttleWaitMs);
  }

  /** OAuth token endpoints (GET with app_key and app_secret in the query, as JD documents them). */
  async oauth(path: string, params: Record<string, string>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const reply = await this.oauthHttp.send({
      method: "GET",
      url: `${this.authBaseUrl()}${path}`,
      query: { app_key: this.opts.appKey, app_secret: this.opts.appSecret, ...params },
      ...(signal ? { signal } : {}),
    });
    const body = asObject(reply.json) ?? {};
    if (typeof body.access_token === "string" && body.access_token !== "") return body;
    const code = String(body.code ?? "NO_ACCESS_TOKEN");
    const msg = typeof body.msg === "string" ? body.msg : "token answer without access_token";
    throw new AuthExpiredError(`JD OAuth ${code}: ${msg}; the seller must authorize the app again`, code, JD_CHANNEL);
  }

  private authBaseUrl(): string {
    if (this.opts.authBaseUrl) return this.opts.authBaseUrl.replace(/\/+$/, "");
    let url: URL;
    try {
      url = new URL(this.opts.baseUrl);
    } catch {
      throw new PermanentError(`Invalid JD gateway URL ${this.opts.baseUrl}`, "INVALID_URL", JD_CHANNEL);
    }
    return /(^|\.)(jd\.com|360buy\.com)$/.test(url.hostname) ? JD_DEFAULT_OAUTH_URL : url.origin;
  }
}

/** `{"<method>_responce": {...}}` -> the inner object; a wrapper whose code is not "0" is a failure. */
export function unwrapJdResponse(method: string, json: unknown, throttleWaitMs?: number): JdResult {
  const outer = asObject(json) ?? {};
  const inner = asObject(outer[responseKey(method)]) ?? asObject(outer[`${method.replace(/\./g, "_")}_response`]);
  if (!inner) {
    throw new TransientError(
      `JD answer without ${responseKey(method)}: ${JSON.stringify(json).slice(0, 120)}`,
      "UNEXPECTED_RESPONSE",
      JD_CHANNEL,
    );
  }
  if (inner.code !== undefined && inner.code !== null && String(inner.code) !== "0") {
    throw mapJdError(inner as JdErrorBody, {
      method,
      ...(throttleWaitMs !== undefined ? { throttleWaitMs } : {}),
    });
  }
  if (inner.success === false) {
    const text = [inner.message, inner.msg, inner.resultMessage].find((t) => typeof t === "string") as
      | string
      | undefined;
    throw new PermanentError(
      `JD business failure (${method}): ${text ?? "success=false"}`,
      "BUSINESS_FAILED",
      JD_CHANNEL,
    );
  }
  return inner;
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
