import { setTimeout as sleep } from "node:timers/promises";
import { iopSign } from "../../core/iopSign.js";
import type { CallCounter } from "../../core/simulator/callCounter.js";
import type { FaultInjector } from "../../core/simulator/faults.js";
import type { SimReply, SimRequest } from "../../core/simulator/httpServer.js";
import type { TokenBucketQuota } from "../../core/simulator/quota.js";
import type { AlibabaCatalog } from "./catalog.js";
import type { ContentRules } from "./productInfo.js";
import { ALIBABA_ROUTES } from "./routes.js";
import type { TokenStore } from "./tokens.js";
import { BizFailure, bizErrorBody, GatewayFailure, gatewayErrorBody } from "./wire.js";

/** A business error the next matching calls answer instead of doing their work (S_COMMON_INTERNAL_ERROR, ...). */
export interface BusinessFault {
  msgCode: string;
  message?: string;
  /** How many calls it hits (default 1). */
  count?: number;
  /** Only calls to these API paths (default: any business call). */
  paths?: string[];
}

export interface GatewayDeps {
  apps: Map<string, string>;
  catalog: AlibabaCatalog;
  tokens: TokenStore;
  faults: FaultInjector;
  quota: TokenBucketQuota;
  counter: CallCounter;
  now: () => number;
  content: ContentRules;
  maxPageSize: number;
  maxSearchPageSize: number;
  windowCap: number;
  offsetMinutes: number;
  timestampSkewSec: number;
  throttleHttpStatus: 200 | 429;
  /** Caller IPs the app accepts; undefined = no whitelist. */
  ipWhitelist: () => readonly string[] | undefined;
  businessFaults: BusinessFault[];
}

export const GATEWAY_PATH = "/rest";

/**
 * The IOP gateway in front of the ICBU routes: faults first, then the checks made on every call (known app key, caller
 * IP whitelist, signature, timestamp skew, flow control, API path, access token), then the route, whose business
 * failures come back as success:false + msg_code inside a gateway success.
 */
export async function handleGateway(req: SimRequest, deps: GatewayDeps): Promise<SimReply> {
  if (!req.path.startsWith(`${GATEWAY_PATH}/`)) return { status: 404, json: { error: `not found: ${req.path}` } };
  const apiPath = req.path.slice(GATEWAY_PATH.length);
  deps.counter.hit(apiPath);

  const plan = deps.faults.plan(apiPath);
  if (plan.latencyMs > 0) await sleep(plan.latencyMs);
  if (plan.before === "timeout") return { hang: true };
  if (plan.before === "server_error") {
    return {
      status: 502,
      text: "<html><body><h1>502 Bad Gateway</h1><p>Tengine</p></body></html>",
      headers: { "content-type": "text/html" },
    };
  }
  if (plan.before === "throttle") return throttled(1, deps.throttleHttpStatus);

  const reply = answer(req, apiPath, deps);
  if (plan.after === "malformed" && "json" in reply) {
    const text = JSON.stringify(reply.json);
    return {
      status: 200,
      text: text.slice(0, Math.max(1, Math.floor(text.length / 2))),
      headers: { "content-type": "application/json;charset=UTF-8" },
    };
  }
  return reply;
}

function answer(req: SimRequest, apiPath: string, deps: GatewayDeps): SimReply & { json?: unknown } {
  try {
    return { status: 200, json: route(req, apiPath, deps) };
  } catch (err) {
    if (err instanceof ThrottleSignal) return throttled(err.seconds, deps.throttleHttpStatus);
    if (err instanceof GatewayFailure) return { status: err.httpStatus, json: gatewayErrorBody(err) };
    if (err instanceof BizFailure) return { status: 200, json: bizErrorBody(err) };
    throw err;
  }
}

function route(req: SimRequest, apiPath: string, deps: GatewayDeps): Record<string, unknown> {
  const params: Record<string, string> = { ...req.query };
  for (const [key, value] of Object.entries(req.body)) {
    params[key] = typeof value === "string" ? value : JSON.stringify(value);
  }

  const appKey = params.app_key;
  if (!appKey) throw new GatewayFailure("MissingParameter", "Missing parameter app_key");
  const secret = deps.apps.get(appKey);
  if (secret === undefined) throw new GatewayFailure("InvalidAppKey", `The specified app key ${appKey} does not exist`);
  const whitelist = deps.ipWhitelist();
  const ip = req.remoteAddress ?? "";
  if (whitelist && !whitelist.includes(ip)) {
    throw new GatewayFailure("AppWhiteIpLimit", `The request IP ${ip || "(unknown)"} is not in the app's IP whitelist`);
  }
  if (!params.timestamp) throw new GatewayFailure("MissingParameter", "Missing parameter timestamp");
  if (!params.sign) throw new GatewayFailure("IncompleteSignature", "The request signature is missing");
  if (params.sign_method !== "sha256") {
    throw new GatewayFailure("InvalidParameter", `Unsupported sign_method ${params.sign_method ?? ""}`);
  }
  if (iopSign(secret, apiPath, params) !== params.sign) {
    throw new GatewayFailure("IncompleteSignature", "The request signature does not conform to platform standards");
  }
  const timestamp = Number(params.timestamp);
  if (!Number.isFinite(timestamp) || Math.abs(deps.now() - timestamp) > deps.timestampSkewSec * 1000) {
    throw new GatewayFailure(
      "InvalidTimestamp",
      `Timestamp ${params.timestamp} is more than ${deps.timestampSkewSec} s off the server time`,
    );
  }
  const verdict = deps.quota.take(appKey);
  if (!verdict.ok) throw new ThrottleSignal(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)));

  const target = ALIBABA_ROUTES[apiPath];
  if (!target) throw new GatewayFailure("InvalidApiPath", `The specified API path ${apiPath} does not exist`);
  if (target.auth) checkToken(appKey, params.access_token, deps);
  if (target.auth) takeBusinessFault(apiPath, deps.businessFaults);
  deps.catalog.autoReview();
  return target.run({
    params,
    appKey,
    catalog: deps.catalog,
    tokens: deps.tokens,
    content: deps.content,
    maxPageSize: deps.maxPageSize,
    maxSearchPageSize: deps.maxSearchPageSize,
    windowCap: deps.windowCap,
    offsetMinutes: deps.offsetMinutes,
  });
}

function checkToken(appKey: string, token: string | undefined, deps: GatewayDeps): void {
  const forced = deps.faults.takeTokenExpiry();
  if (forced === "all") deps.tokens.expireAll();
  if (forced === "next" && token) deps.tokens.expire(token);
  const check = deps.tokens.check(appKey, token);
  if (check === "missing") throw new GatewayFailure("IllegalAccessToken", "Missing access_token");
  if (check !== "ok") {
    throw new GatewayFailure("IllegalAccessToken", "The specified access token is invalid or expired");
  }
}

function takeBusinessFault(apiPath: string, faults: BusinessFault[]): void {
  const index = faults.findIndex((f) => !f.paths || f.paths.includes(apiPath));
  const fault = faults[index];
  if (!fault) return;
  const left = (fault.count ?? 1) - 1;
  if (left <= 0) faults.splice(index, 1);
  else fault.count = left;
  throw new BizFailure(fault.msgCode, fault.message ?? defaultMessage(fault.msgCode));
}

function defaultMessage(msgCode: string): string {
  switch (msgCode) {
    case "S_COMMON_INTERNAL_ERROR":
      return "System error, please try again later";
    case "B_PRODUCT_INFO_TRANSLATION_FAILED":
      return "Product information translation failed (translation service rate limited)";
    case "PUB_BIZCHECK_PRODUCT_NOT_EDITABLE":
      return "The product is under audit and cannot be edited now";
    default:
      return msgCode;
  }
}

class ThrottleSignal extends Error {
  constructor(readonly seconds: number) {
    super("throttled");
  }
}

function throttled(seconds: number, status: 200 | 429): SimReply & { json: unknown } {
  return {
    status,
    json: gatewayErrorBody(
      new GatewayFailure(
        "ApiCallLimit",
        `Api access frequency exceeds the limit. this ban will last ${seconds} seconds`,
        "ISV",
      ),
    ),
  };
}
