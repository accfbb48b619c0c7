import {
  AuthExpiredError,
  type ChannelError,
  type ChannelErrorDetail,
  PermanentError,
  ThrottledError,
  TransientError,
} from "../core/errors.js";
import type { HttpReply } from "../core/http.js";
import { hasIopErrorCode, parseBanSeconds } from "../core/iopReplies.js";
import { ALIBABA_CHANNEL } from "./capabilities.js";

/**
 * Two layers of errors on the ICBU open platform:
 *  - gateway errors, as on every IOP gateway: {type: ISV|ISP|SYSTEM, code, message, request_id}, code !== "0";
 *  - business errors inside a gateway success: success:false + msg_code (+ message / msg_info), usually under `result`.
 */
export interface AlibabaGatewayErrorBody {
  type?: string;
  code?: string | number;
  message?: string;
  request_id?: string;
}

export interface AlibabaBusinessError {
  msgCode: string;
  message: string;
  requestId?: string;
  details?: ChannelErrorDetail[];
}

const THROTTLE_CODES = new Set(["ApiCallLimit", "AppCallLimit"]);
const AUTH_CODES = new Set(["IllegalAccessToken", "IllegalRefreshToken"]);
const TRANSIENT_CODES = new Set(["ServiceTimeout", "ServiceUnavailable"]);
const TRANSIENT_TYPES = new Set(["ISP", "SYSTEM"]);

/** Business codes worth retrying: system errors (S_*), translation rate limits, products locked under audit. */
const TRANSIENT_MSG_CODES = new Set([
  "S_COMMON_INTERNAL_ERROR",
  "B_PRODUCT_INFO_TRANSLATION_FAILED",
  "PUB_BIZCHECK_PRODUCT_NOT_EDITABLE",
]);

export function isAlibabaGatewayError(json: unknown): json is AlibabaGatewayErrorBody {
  return hasIopErrorCode(json);
}

export { parseBanSeconds };

/** A business msg_code is "transient" (retry with backoff) or "permanent" (the operator fixes the listing). */
export function msgCodeClass(msgCode: string): "transient" | "permanent" {
  return TRANSIENT_MSG_CODES.has(msgCode) || msgCode.startsWith("S_") ? "transient" : "permanent";
}

export function mapAlibabaGatewayError(body: AlibabaGatewayErrorBody, httpStatus = 200): ChannelError {
  const code = String(body.code ?? "UNKNOWN");
  const type = (body.type ?? "").toUpperCase();
  const message = withRequestId(body.message || code, body.request_id);
  const ban = parseBanSeconds(body.message);
  if (THROTTLE_CODES.has(code) || ban !== undefined) {
    return new ThrottledError(message, code, ALIBABA_CHANNEL, Math.max(1, ban ?? 1) * 1000);
  }
  if (AUTH_CODES.has(code)) return new AuthExpiredError(message, code, ALIBABA_CHANNEL);
  if (TRANSIENT_CODES.has(code) || TRANSIENT_TYPES.has(type) || httpStatus >= 500) {
    return new TransientError(message, code, ALIBABA_CHANNEL);
  }
  // AppWhiteIpLimit, IncompleteSignature, InvalidAppKey, InvalidParameter, InsufficientPermission, ...
  return new PermanentError(message, code, ALIBABA_CHANNEL);
}

export function mapAlibabaBusinessError(err: AlibabaBusinessError): ChannelError {
  const message = withRequestId(`${err.msgCode}: ${err.message}`, err.requestId);
  const mapped =
    msgCodeClass(err.msgCode) === "transient"
      ? new TransientError(message, err.msgCode, ALIBABA_CHANNEL)
      : new PermanentError(message, err.msgCode, ALIBABA_CHANNEL);
  if (err.details && err.details.length > 0) mapped.details = err.details;
  return mapped;
}

/** HttpClient hook: gateway error bodies (on HTTP 200, 429 or 5xx) are mapped here; others go to the generic rules. */
export function classifyAlibabaReply(reply: HttpReply): ChannelError | undefined {
  return isAlibabaGatewayError(reply.json) ? mapAlibabaGatewayError(reply.json, reply.status) : undefined;
}

/**
 * The business verdict of a gateway success, read leniently: `success` and `msg_code` sit under `result` in the
 * ICBU v2 answers, at top level in some older ones. Returns undefined when the call succeeded.
 */
export function businessFailure(body: Record<string, unknown>): AlibabaBusinessError | undefined {
  const result = asObject(body.result);
  const holder = result && "success" in result ? result : body;
  if (holder.success !== false && holder.success !== "false") return undefined;
  const msgCode = str(holder.msg_code) || str(holder.error_code) || str(body.msg_code) || "BUSINESS_ERROR";
  const message =
    str(holder.message) ||
    str(holder.msg_info) ||
    str(holder.error_message) ||
    str(body.message) ||
    "The channel refused the request";
  const requestId = str(body.request_id) || str(body.trace_id) || str(holder.trace_id);
  return { msgCode, message, ...(requestId ? { requestId } : {}) };
}

function withRequestId(text: string, requestId: string | undefined): string {
  return requestId ? `${text} (request_id ${requestId})` : text;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}
