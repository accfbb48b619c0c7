import { type IopCallOptions, IopClient, type IopClientOptions, type IopParams } from "../core/iopClient.js";
import { ALIBABA_CHANNEL } from "./capabilities.js";
import { businessFailure, classifyAlibabaReply, mapAlibabaBusinessError } from "./errors.js";

export type AlibabaClientOptions = IopClientOptions;

/** A gateway success (code "0") whose business part also succeeded; `result` holds the answer. */
export interface AlibabaOk {
  code?: string;
  request_id?: string;
  result?: unknown;
  [key: string]: unknown;
}

export interface AlibabaCallOptions extends IopCallOptions {
  /** Batch calls: success:false with a per-item errors[] list is a partial result, not an error. */
  partial?: boolean;
}

export type AlibabaParams = IopParams;

/**
 * Signed IOP calls to the ICBU open platform (see IopClient). Gateway errors are classified by the HTTP hook; business
 * failures (success:false + msg_code) are thrown here.
 */
export class AlibabaClient extends IopClient<AlibabaOk, AlibabaCallOptions> {
  constructor(opts: AlibabaClientOptions) {
    super(opts, { channel: ALIBABA_CHANNEL, classify: classifyAlibabaReply });
  }

  protected override unwrap(json: unknown, opts: AlibabaCallOptions | undefined): AlibabaOk {
    const body = (json && typeof json === "object" ? json : {}) as AlibabaOk;
    const failure = businessFailure(body);
    if (failure && !(opts?.partial && hasItemErrors(body))) throw mapAlibabaBusinessError(failure);
    return body;
  }
}

function hasItemErrors(body: AlibabaOk): boolean {
  const result = body.result && typeof body.result === "object" ? (body.result as Record<string, unknown>) : {};
  const errors = result.errors ?? body.errors;
  return Array.isArray(errors) && errors.length > 0;
}
