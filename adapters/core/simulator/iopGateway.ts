import { iopSign } from "../iopSign.js";
import type { GatewayParts } from "./gateway.js";

/** What the IOP checks need of a gateway (Daraz, Alibaba.com). */
export interface IopGatewayDeps extends Pick<GatewayParts, "now" | "quota"> {
  /** app key -> app secret */
  apps: Map<string, string>;
  timestampSkewSec: number;
}

/** Thrown when flow control refuses a call; each gateway answers it its own way. */
export class ThrottleSignal extends Error {
  constructor(readonly seconds: number) {
    super("throttled");
  }
}

/**
 * The checks an IOP gateway makes on every call, in its order: app key, `afterAppKey` (a channel's own check),
 * timestamp and signature present, sign_method, signature, timestamp skew, flow control. `fail` builds the channel's
 * gateway failure. Returns the app key.
 */
export function checkIopCall(
  params: Record<string, string>,
  apiPath: string,
  deps: IopGatewayDeps,
  fail: (code: string, message: string) => Error,
  afterAppKey?: () => void,
): string {
  const appKey = params.app_key;
  if (!appKey) throw fail("MissingParameter", "Missing parameter app_key");
  const secret = deps.apps.get(appKey);
  if (secret === undefined) throw fail("InvalidAppKey", `The specified app key ${appKey} does not exist`);
  afterAppKey?.();
  if (!params.timestamp) throw fail("MissingParameter", "Missing parameter timestamp");
  if (!params.sign) throw fail("IncompleteSignature", "The request signature is missing");
  if (params.sign_method !== "sha256") {
    throw fail("InvalidParameter", `Unsupported sign_method ${params.sign_method ?? ""}`);
  }
  if (iopSign(secret, apiPath, params) !== params.sign) {
    throw fail("IncompleteSignature", "The request signature does not conform to platform standards");
  }
  const timestamp = Number(params.timestamp);
  if (!Number.isFinite(timestamp) || Math.abs(deps.now() - timestamp) > deps.timestampSkewSec * 1000) {
    throw fail(
      "InvalidTimestamp",
      `Timestamp ${params.timestamp} is more than ${deps.timestampSkewSec} s off the server time`,
    );
  }
  const verdict = deps.quota.take(appKey);
  if (!verdict.ok) throw new ThrottleSignal(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)));
  return appKey;
}

/** The IOP flow-control message; the adapters read the ban length back out of it. */
export function iopThrottleMessage(seconds: number): string {
  return `Api access frequency exceeds the limit. this ban will last ${seconds} seconds`;
}
