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
import { DARAZ_CHANNEL } from "./capabilities.js";

/** Top-level IOP error body: {type: ISV|ISP|SYSTEM, code, message, request_id, detail?}. Success is code "0". */
export interface DarazErrorBody {
  type?: string;
  code?: string | number;
  message?: string;
  request_id?: string;
  detail?: Array<{ field?: string; message?: string; seller_sku?: string; code?: string }>;
}

const THROTTLE_CODES = new Set(["ApiCallLimit"]);
const AUTH_CODES = new Set(["IllegalAccessToken", "IllegalRefreshToken"]);
/** Campaign lock: the product is frozen during a campaign; retry later. */
const TRANSIENT_BUSINESS_CODES = new Set(["THD_IC_ERR_F_IC_ABILITY_PG_004"]);
const TRANSIENT_CODES = new Set(["ServiceTimeout", "ServiceUnavailable"]);
const TRANSIENT_TYPES = new Set(["ISP", "SYSTEM"]);

export function isDarazErrorBody(json: unknown): json is DarazErrorBody {
  return hasIopErrorCode(json);
}

export { parseBanSeconds };

/** Business codes ride in message or detail: BIZ_CHECK_*, THD_*, or a bare number such as 4142 under code 500. */
export function darazBusinessCode(body: DarazErrorBody): string | undefined {
  const texts = [body.message ?? "", ...(body.detail ?? []).flatMap((d) => [d.code ?? "", d.message ?? ""])];
  for (const text of texts) {
    const named = /\b(BIZ_CHECK_[A-Z0-9_]+|THD_[A-Z0-9_]+)\b/.exec(text);
    if (named?.[1]) return named[1];
  }
  const detailCode = body.detail?.find((d) => d.code)?.code;
  if (detailCode) return detailCode;
  const code = String(body.code ?? "");
  if (code === "500" || code === "501") {
    const numeric = /^\s*(\d{3,5})\b/.exec(body.message ?? "");
    if (numeric?.[1]) return numeric[1];
  }
  return undefined;
}

export function mapDarazError(body: DarazErrorBody, httpStatus = 200): ChannelError {
  const code = String(body.code ?? "UNKNOWN");
  const type = (body.type ?? "").toUpperCase();
  const business = darazBusinessCode(body);
  const message = describe(body);
  const err = classify();
  const details = (body.detail ?? [])
    .filter((d) => d.message)
    .map(
      (d): ChannelErrorDetail => ({
        message: d.message ?? "",
        ...(d.field ? { field: d.field } : {}),
        ...(d.seller_sku ? { sellerSku: d.seller_sku } : {}),
        ...(d.code ? { code: d.code } : {}),
      }),
    );
  if (details.length > 0) err.details = details;
  return err;

  function classify(): ChannelError {
    if (THROTTLE_CODES.has(code) || parseBanSeconds(body.message) !== undefined) {
      const seconds = parseBanSeconds(body.message) ?? 1;
      return new ThrottledError(message, code, DARAZ_CHANNEL, Math.max(1, seconds) * 1000);
    }
    if (AUTH_CODES.has(code)) return new AuthExpiredError(message, code, DARAZ_CHANNEL);
    if (business && TRANSIENT_BUSINESS_CODES.has(business)) return new TransientError(message, business, DARAZ_CHANNEL);
    if (TRANSIENT_CODES.has(code)) return new TransientError(message, code, DARAZ_CHANNEL);
    if (business?.startsWith("BIZ_CHECK_")) return new PermanentError(message, business, DARAZ_CHANNEL);
    if (TRANSIENT_TYPES.has(type) || httpStatus >= 500) return new TransientError(message, code, DARAZ_CHANNEL);
    return new PermanentError(message, business ?? code, DARAZ_CHANNEL);
  }
}

/** HttpClient hook: any IOP error body (HTTP 200, 429 or 5xx) is mapped here; other replies go to the generic rules. */
export function classifyDarazReply(reply: HttpReply): ChannelError | undefined {
  return isDarazErrorBody(reply.json) ? mapDarazError(reply.json, reply.status) : undefined;
}

function describe(body: DarazErrorBody): string {
  const parts = [body.message || String(body.code ?? "error")];
  for (const d of body.detail ?? []) {
    if (!d.message) continue;
    const where = [d.seller_sku, d.field].filter(Boolean).join(" ");
    parts.push(where ? `${where}: ${d.message}` : d.message);
  }
  const text = parts.join("; ");
  return body.request_id ? `${text} (request_id ${body.request_id})` : text;
}
