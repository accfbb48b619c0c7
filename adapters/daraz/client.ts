import { type IopCallOptions, IopClient, type IopClientOptions, type IopParams } from "../core/iopClient.js";
import { DARAZ_CHANNEL } from "./capabilities.js";
import { classifyDarazReply } from "./errors.js";

export type DarazClientOptions = IopClientOptions;

/** A successful IOP answer: code "0" plus whatever the API returns (data, tokens...). */
export interface DarazOk {
  code: string;
  request_id?: string;
  data?: unknown;
  [key: string]: unknown;
}

export type DarazCallOptions = IopCallOptions;

export type DarazParams = IopParams;

/** An idempotent read run with the adapter's retry policy (AdapterOptions.readRetry). */
export type DarazRead = <T>(call: () => Promise<T>, signal: AbortSignal | undefined) => Promise<T>;

/** Signed IOP calls to Daraz; error replies are classified by classifyDarazReply, success bodies come back as sent. */
export class DarazClient extends IopClient<DarazOk> {
  constructor(opts: DarazClientOptions) {
    super(opts, { channel: DARAZ_CHANNEL, classify: classifyDarazReply });
  }
}
