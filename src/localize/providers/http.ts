import axios, { isAxiosError } from "axios";
import { TranslationPermanentError, TranslationThrottledError, TranslationTransientError } from "./errors.js";

export interface ProviderReply {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
  json: unknown;
}

export interface ProviderCall {
  provider: string;
  url: string;
  /** Query parameters; may hold a key (Google), so the URL is never put in a message. */
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body: unknown;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

const PERMANENT_AXIOS_CODES = new Set(["ERR_INVALID_URL", "ERR_BAD_OPTION", "ERR_BAD_OPTION_VALUE"]);

/** POSTs JSON and returns whatever came back; only network failures throw (transient, or permanent for a bad URL). */
export async function postJson(call: ProviderCall): Promise<ProviderReply> {
  const timeout = AbortSignal.timeout(call.timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
  try {
    const res = await axios.request<string>({
      method: "POST",
      url: call.url,
      params: call.params,
      data: JSON.stringify(call.body),
      headers: { accept: "application/json", "content-type": "application/json", ...call.headers },
      signal,
      responseType: "text",
      transformResponse: [(body: unknown) => body],
      validateStatus: () => true,
      maxRedirects: 0,
    });
    const text = typeof res.data === "string" ? res.data : String(res.data ?? "");
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(res.headers ?? {}))
      headers[k.toLowerCase()] = v == null ? undefined : String(v);
    return { status: res.status, headers, text, json: parseJson(text) };
  } catch (err) {
    if (timeout.aborted && !call.signal?.aborted) {
      throw new TranslationTransientError(`no answer within ${call.timeoutMs} ms`, "TIMEOUT", call.provider);
    }
    if (call.signal?.aborted) throw new TranslationTransientError("request aborted", "ABORTED", call.provider);
    const code = isAxiosError(err) ? (err.code ?? "NETWORK") : "NETWORK";
    // Only the code: axios messages can quote the URL, and Google's URL carries the key.
    if (PERMANENT_AXIOS_CODES.has(code)) {
      throw new TranslationPermanentError(`invalid request (${code})`, code, call.provider);
    }
    throw new TranslationTransientError(`network error (${code})`, code, call.provider);
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Retry-After as seconds or an HTTP date, in milliseconds. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The generic answer classes: 429 throttled, 5xx transient, other 4xx permanent. */
export function classifyStatus(
  provider: string,
  reply: ProviderReply,
  message: string,
  defaultWaitMs: number,
): TranslationThrottledError | TranslationTransientError | TranslationPermanentError {
  const code = `HTTP_${reply.status}`;
  if (reply.status === 429) {
    return new TranslationThrottledError(
      `too many requests: ${message}`,
      code,
      provider,
      retryAfterMs(reply.headers["retry-after"]) ?? defaultWaitMs,
    );
  }
  if (reply.status >= 500 || reply.status === 408) {
    return new TranslationTransientError(`HTTP ${reply.status}: ${message}`, code, provider);
  }
  return new TranslationPermanentError(`HTTP ${reply.status}: ${message}`, code, provider);
}

/** A short, key-free excerpt of an error body for messages. */
export function excerpt(value: unknown, max = 200): string {
  const s = typeof value === "string" ? value : JSON.stringify(value ?? "");
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
