/**
 * Alibaba.com (ICBU open platform) answer bodies as the simulator shapes them:
 *  - gateway failure (IOP): {type, code, message, request_id}, code !== "0";
 *  - gateway success: {code: "0", request_id, result: {success: true, ...}};
 *  - business failure inside a gateway success: {code: "0", request_id, result: {success: false, msg_code, message}}.
 */
export type IopErrorType = "ISV" | "ISP" | "SYSTEM";

/** A gateway-level refusal (signature, app key, token, IP whitelist, quota, unknown path). */
export class GatewayFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly type: IopErrorType = "ISV",
    readonly httpStatus = 200,
  ) {
    super(message);
  }
}

/** A business refusal: success:false with one of the documented msg_codes. */
export class BizFailure extends Error {
  constructor(
    readonly msgCode: string,
    message: string,
    /** Extra fields of the result (per-item errors of a batch call, ...). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let requestSeq = 0;

/** Looks like the platform's: 21 + hex time + sequence. */
export function requestId(): string {
  requestSeq = (requestSeq + 1) % 100_000;
  return `21${Date.now().toString(16)}${String(requestSeq).padStart(5, "0")}`;
}

export function gatewayErrorBody(f: GatewayFailure): Record<string, unknown> {
  return { type: f.type, code: f.code, message: f.message, request_id: requestId() };
}

export function okResult(result: Record<string, unknown> = {}): Record<string, unknown> {
  const id = requestId();
  return { code: "0", request_id: id, result: { success: true, ...result, trace_id: id } };
}

export function partialResult(result: Record<string, unknown>): Record<string, unknown> {
  const id = requestId();
  return { code: "0", request_id: id, result: { success: false, ...result, trace_id: id } };
}

export function bizErrorBody(f: BizFailure): Record<string, unknown> {
  const id = requestId();
  return {
    code: "0",
    request_id: id,
    result: { success: false, msg_code: f.msgCode, message: f.message, ...f.extra, trace_id: id },
  };
}

/** A photobank refusal: error_code / error_msg in the result, no success flag (as documented for photobank.upload). */
export function photobankErrorBody(code: string, message: string): Record<string, unknown> {
  const id = requestId();
  return { code: "0", request_id: id, result: { error_code: code, error_msg: message, trace_id: id } };
}

/** A top-level answer without the result wrapper (the OAuth token calls). */
export function okTop(fields: Record<string, unknown>): Record<string, unknown> {
  return { ...fields, code: "0", request_id: requestId() };
}
