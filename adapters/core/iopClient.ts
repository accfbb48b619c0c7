import type { ApiAppOptions } from "./clientOptions.js";
import { HttpClient, type MultipartFile, type ReplyClassifier } from "./http.js";
import { iopSign } from "./iopSign.js";

export interface IopClientOptions extends ApiAppOptions {
  /** OAuth endpoints (/auth/token/*); defaults to baseUrl. */
  authBaseUrl?: string;
  accessToken?: string;
}

export interface IopCallOptions {
  signal?: AbortSignal | undefined;
  /** Send access_token (all calls except /auth/token/*). */
  auth?: boolean;
}

export type IopParams = Record<string, string | number | undefined>;

/** The channel side of an IOP client: its name for errors and the hook that classifies its error replies. */
export interface IopChannel {
  channel: string;
  classify: ReplyClassifier;
}

/**
 * Signed IOP calls (Daraz, Alibaba.com). System params (app_key, timestamp in epoch ms, sign_method=sha256,
 * access_token, sign) go in the query string; business params go in the query for GET and in the urlencoded form body
 * for POST, so payloads never land in a URL. The signature covers system and business params alike. /auth/* paths go
 * to authBaseUrl. `unwrap` turns the parsed body into the channel's answer (and may throw its business errors).
 */
export class IopClient<Ok, CallOptions extends IopCallOptions = IopCallOptions> {
  accessToken: string | undefined;
  private readonly http: HttpClient;
  private readonly now: () => number;

  constructor(
    private readonly opts: IopClientOptions,
    channel: IopChannel,
  ) {
    this.accessToken = opts.accessToken;
    this.now = opts.now ?? Date.now;
    this.http = new HttpClient({
      channel: channel.channel,
      classify: channel.classify,
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.beforeCall ? { beforeCall: opts.beforeCall } : {}),
    });
  }

  get(apiPath: string, params: IopParams, opts?: CallOptions): Promise<Ok> {
    return this.call("GET", apiPath, params, opts);
  }

  post(apiPath: string, params: IopParams, opts?: CallOptions): Promise<Ok> {
    return this.call("POST", apiPath, params, opts);
  }

  /**
   * A signed multipart POST (image uploads): system params and signature in the query, the business fields as signed
   * text parts, the file as one more part that the signature leaves out. Gateway failures throw as for every call;
   * the parsed body is returned as it is, so the caller reads its business result per file.
   */
  async postMultipart(apiPath: string, params: IopParams, file: MultipartFile, opts?: CallOptions): Promise<unknown> {
    const { system, business } = this.signedParams(apiPath, params, opts?.auth ?? true);
    const reply = await this.http.send({
      method: "POST",
      url: this.opts.baseUrl.replace(/\/+$/, "") + apiPath,
      query: system,
      multipart: { fields: business, file },
      ...(opts?.signal ? { signal: opts.signal } : {}),
    });
    return reply.json;
  }

  /** The signed parameters for one call (exposed for tests and for building feeds of ready-made requests). */
  signedParams(
    apiPath: string,
    params: IopParams,
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

  protected unwrap(json: unknown, _opts: CallOptions | undefined): Ok {
    return json as Ok;
  }

  private async call(
    method: "GET" | "POST",
    apiPath: string,
    params: IopParams,
    opts: CallOptions | undefined,
  ): Promise<Ok> {
    const auth = opts?.auth ?? true;
    const base = (
      apiPath.startsWith("/auth/") ? (this.opts.authBaseUrl ?? this.opts.baseUrl) : this.opts.baseUrl
    ).replace(/\/+$/, "");
    const { system, business } = this.signedParams(apiPath, params, auth);
    const reply = await this.http.send({
      method,
      url: base + apiPath,
      query: method === "GET" ? { ...business, ...system } : system,
      ...(method === "POST" ? { form: business } : {}),
      ...(opts?.signal ? { signal: opts.signal } : {}),
    });
    return this.unwrap(reply.json, opts);
  }
}
