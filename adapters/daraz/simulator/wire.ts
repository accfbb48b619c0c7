/** Daraz answer bodies as the real gateway shapes them. */
export type IopErrorType = "ISV" | "ISP" | "SYSTEM";

export interface IopDetail {
  field?: string;
  message: string;
  seller_sku?: string;
  code?: string;
}

export class IopFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly type: IopErrorType = "ISV",
    readonly detail?: IopDetail[],
    readonly httpStatus = 200,
  ) {
    super(message);
  }
}

let requestSeq = 0;

/** Looks like Daraz's: 0b + hex time + sequence. */
export function requestId(): string {
  requestSeq = (requestSeq + 1) % 100_000;
  return `0b${Date.now().toString(16)}${String(requestSeq).padStart(5, "0")}`;
}

export function errorBody(f: IopFailure): Record<string, unknown> {
  return {
    type: f.type,
    code: f.code,
    message: f.message,
    ...(f.detail && f.detail.length > 0 ? { detail: f.detail } : {}),
    request_id: requestId(),
  };
}

export function okBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { code: "0", ...extra, request_id: requestId() };
}

/** A business check failure: code 500 with the business code leading the message and one detail per problem. */
export function bizFailure(details: Array<IopDetail & { code: string }>): IopFailure {
  const first = details[0];
  return new IopFailure("500", first ? `${first.code}: ${first.message}` : "Business check failed", "ISV", details);
}
