import axios, { isAxiosError } from "axios";
import { type ChannelError, PermanentError, ThrottledError, TransientError } from "../core/errors.js";
import { DEFAULT_TIMEOUT_MS, type HttpReply, retryAfterMs } from "../core/http.js";
import { ALIBABA_CHANNEL } from "./capabilities.js";
import type { AlibabaClient } from "./client.js";
import { classifyAlibabaReply } from "./errors.js";

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface MultipartOptions {
  baseUrl: string;
  timeoutMs?: number;
  beforeCall?: () => Promise<void>;
}

/**
 * One signed IOP call with a multipart/form-data body (the photobank upload). The system params and the signature go in
 * the query string; the text fields are signed and sent as form parts; the file bytes are sent but never signed.
 * The shared HttpClient only sends urlencoded and JSON bodies, so this mirrors its rules: the call budget, a timeout
 * joined with the caller's signal, the channel's gateway error bodies, HTTP 429/5xx/4xx and bodies that are not JSON.
 * Returns the parsed body; business results are left to the caller.
 */
export async function postMultipart(
  client: AlibabaClient,
  opts: MultipartOptions,
  apiPath: string,
  fields: Record<string, string>,
  file: MultipartFile,
  signal?: AbortSignal,
): Promise<unknown> {
  await opts.beforeCall?.();
  const { system, business } = client.signedParams(apiPath, fields);
  const form = new FormData();
  for (const [key, value] of Object.entries(business)) form.append(key, value);
  form.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.filename);

  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  let reply: HttpReply;
  try {
    const res = await axios.request<string>({
      method: "POST",
      url: opts.baseUrl.replace(/\/+$/, "") + apiPath,
      params: system,
      data: form,
      headers: { accept: "application/json" },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      responseType: "text",
      transformResponse: [(body: unknown) => body],
      validateStatus: () => true,
      maxRedirects: 0,
    });
    const text = typeof res.data === "string" ? res.data : String(res.data ?? "");
    reply = { status: res.status, headers: lowerCase(res.headers), text, json: parseJson(text) };
  } catch (err) {
    throw networkError(err, timeout, signal, timeoutMs);
  }
  const failure = replyError(reply);
  if (failure) throw failure;
  return reply.json;
}

function replyError(reply: HttpReply): ChannelError | undefined {
  const mapped = classifyAlibabaReply(reply);
  if (mapped) return mapped;
  if (reply.status === 429) {
    const waitMs = retryAfterMs(reply.headers["retry-after"]) ?? 1000;
    return new ThrottledError("HTTP 429 Too Many Requests", "HTTP_429", ALIBABA_CHANNEL, waitMs);
  }
  if (reply.status >= 500)
    return new TransientError(`HTTP ${reply.status} from the channel`, `HTTP_${reply.status}`, ALIBABA_CHANNEL);
  if (reply.status >= 400) {
    return new PermanentError(
      `HTTP ${reply.status}: ${reply.text.slice(0, 200)}`,
      `HTTP_${reply.status}`,
      ALIBABA_CHANNEL,
    );
  }
  if (reply.json === undefined) {
    return new TransientError(
      `Malformed response body (not JSON): ${reply.text.slice(0, 80)}`,
      "MALFORMED_RESPONSE",
      ALIBABA_CHANNEL,
    );
  }
  return undefined;
}

function networkError(err: unknown, timeout: AbortSignal, caller: AbortSignal | undefined, ms: number): ChannelError {
  if (timeout.aborted && !caller?.aborted)
    return new TransientError(`No answer within ${ms} ms`, "TIMEOUT", ALIBABA_CHANNEL);
  if (caller?.aborted) return new TransientError("Request aborted by the caller", "ABORTED", ALIBABA_CHANNEL);
  const message = err instanceof Error ? err.message : String(err);
  const code = isAxiosError(err) ? (err.code ?? "NETWORK") : "NETWORK";
  return new TransientError(`Network error: ${message}`, code, ALIBABA_CHANNEL);
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function lowerCase(headers: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (!headers || typeof headers !== "object") return out;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (value !== undefined && value !== null) out[key.toLowerCase()] = String(value);
  }
  return out;
}
