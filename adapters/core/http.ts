import axios, { type AxiosInstance, isAxiosError } from "axios";
import { type ChannelError, PermanentError, ThrottledError, TransientError } from "./errors.js";

/**
 * The one HTTP path every adapter uses: a timeout and the caller's AbortSignal on every request, and the generic
 * failure classes (network/timeout/5xx -> transient, 429 -> throttled). A channel-specific `classify` hook sees every
 * reply first, so a channel can turn its own error bodies (even on HTTP 200 or 429) into the right class.
 */
export interface HttpCall {
  method: "GET" | "POST";
  url: string;
  query?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  /** Sent as application/json (ignored when form is given). */
  json?: unknown;
  /** Sent as multipart/form-data: text fields, then the file (image uploads). Wins over form and json. */
  multipart?: { fields: Record<string, string>; file: MultipartFile };
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
}

/** One file part of a multipart call. */
export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface HttpReply {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

export type ReplyClassifier = (reply: HttpReply) => ChannelError | undefined;

export interface HttpClientOptions {
  channel: string;
  timeoutMs?: number;
  classify?: ReplyClassifier;
  /** Wait used for HTTP 429 without a usable Retry-After. */
  defaultThrottleMs?: number;
  axiosInstance?: AxiosInstance;
  /** Awaited before each request (a call budget). */
  beforeCall?: () => Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

const PERMANENT_AXIOS_CODES = new Set(["ERR_INVALID_URL", "ERR_BAD_OPTION", "ERR_BAD_OPTION_VALUE"]);

export class HttpClient {
  private readonly ax: AxiosInstance;
  private readonly channel: string;
  private readonly timeoutMs: number;
  private readonly classify: ReplyClassifier | undefined;
  private readonly defaultThrottleMs: number;
  private readonly beforeCall: (() => Promise<void>) | undefined;

  constructor(opts: HttpClientOptions) {
    this.beforeCall = opts.beforeCall;
    this.channel = opts.channel;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.classify = opts.classify;
    this.defaultThrottleMs = opts.defaultThrottleMs ?? 1000;
    this.ax = opts.axiosInstance ?? axios.create();
  }

  /** Sends one request; resolves only with a reply the channel accepted, else throws a ChannelError. */
  async send(call: HttpCall): Promise<HttpReply> {
    await this.beforeCall?.();
    const timeoutMs = call.timeoutMs ?? this.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: "application/json", ...call.headers };
    let data: string | FormData | undefined;
    if (call.multipart) {
      // axios writes the boundary into the content type itself.
      const form = new FormData();
      for (const [key, value] of Object.entries(call.multipart.fields)) form.append(key, value);
      const { file } = call.multipart;
      form.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.filename);
      data = form;
    } else if (call.form) {
      data = new URLSearchParams(call.form).toString();
      headers["content-type"] = "application/x-www-form-urlencoded;charset=utf-8";
    } else if (call.json !== undefined) {
      data = JSON.stringify(call.json);
      headers["content-type"] = "application/json";
    }

    let reply: HttpReply;
    try {
      const res = await this.ax.request<string>({
        method: call.method,
        url: call.url,
        params: call.query,
        data,
        headers,
        signal,
        responseType: "text",
        transformResponse: [(body: unknown) => body],
        validateStatus: () => true,
        maxRedirects: 0,
      });
      const text = typeof res.data === "string" ? res.data : String(res.data ?? "");
      reply = { status: res.status, headers: flattenHeaders(res.headers), text, json: parseJson(text) };
    } catch (err) {
      throw this.networkError(err, timeout, call.signal, timeoutMs);
    }
    return this.check(reply);
  }

  private check(reply: HttpReply): HttpReply {
    const channelError = this.classify?.(reply);
    if (channelError) throw channelError;
    if (reply.status === 429) {
      const waitMs = retryAfterMs(reply.headers["retry-after"]) ?? this.defaultThrottleMs;
      throw new ThrottledError("HTTP 429 Too Many Requests", "HTTP_429", this.channel, waitMs);
    }
    if (reply.status >= 500) {
      throw new TransientError(`HTTP ${reply.status} from the channel`, `HTTP_${reply.status}`, this.channel);
    }
    if (reply.status >= 400) {
      throw new PermanentError(
        `HTTP ${reply.status}: ${reply.text.slice(0, 200)}`,
        `HTTP_${reply.status}`,
        this.channel,
      );
    }
    if (reply.json === undefined) {
      throw new TransientError(
        `Malformed response body (not JSON): ${reply.text.slice(0, 80)}`,
        "MALFORMED_RESPONSE",
        this.channel,
      );
    }
    return reply;
  }

  private networkError(err: unknown, timeout: AbortSignal, callerSignal: AbortSignal | undefined, ms: number) {
    if (timeout.aborted && !callerSignal?.aborted) {
      return new TransientError(`No answer within ${ms} ms`, "TIMEOUT", this.channel);
    }
    if (callerSignal?.aborted) return new TransientError("Request aborted by the caller", "ABORTED", this.channel);
    if (isAxiosError(err)) {
      const code = err.code ?? "NETWORK";
      if (PERMANENT_AXIOS_CODES.has(code)) return new PermanentError(err.message, code, this.channel);
      return new TransientError(`Network error: ${err.message}`, code, this.channel);
    }
    const message = err instanceof Error ? err.message : String(err);
    return new TransientError(`Network error: ${message}`, "NETWORK", this.channel);
  }
}

/** Retry-After as seconds or an HTTP date, in milliseconds (undefined when absent or unreadable). */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function flattenHeaders(headers: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (!headers || typeof headers !== "object") return out;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return out;
}
