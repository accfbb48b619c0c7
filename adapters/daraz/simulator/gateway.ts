import { setTimeout as sleep } from "node:timers/promises";
import { iopSign } from "../../core/iopSign.js";
import type { CallCounter } from "../../core/simulator/callCounter.js";
import type { FaultInjector } from "../../core/simulator/faults.js";
import type { SimReply, SimRequest } from "../../core/simulator/httpServer.js";
import type { TokenBucketQuota } from "../../core/simulator/quota.js";
import type { DarazCatalog } from "./catalog.js";
import { DARAZ_ROUTES } from "./routes.js";
import type { TokenStore } from "./tokens.js";
import { errorBody, IopFailure } from "./wire.js";

export interface GatewayDeps {
  apps: Map<string, string>;
  catalog: DarazCatalog;
  tokens: TokenStore;
  faults: FaultInjector;
  quota: TokenBucketQuota;
  counter: CallCounter;
  now: () => number;
  maxPageSize: number;
  timestampSkewSec: number;
  throttleHttpStatus: 200 | 429;
}

export const GATEWAY_PATH = "/rest";

/**
 * The IOP gateway in front of the routes: faults, then the checks Daraz makes on every call (payload never in the
 * query, known app key, signature, timestamp skew, flow control, access token), then the route itself.
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
      status: 503,
      text: "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>",
      headers: { "content-type": "text/html" },
    };
  }
  if (plan.before === "throttle") return throttled(1, deps.throttleHttpStatus);

  const reply = answer(req, apiPath, deps);
  if (plan.answerDelayMs) await sleep(plan.answerDelayMs);
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
    if (err instanceof IopFailure) return { status: err.httpStatus, json: errorBody(err) };
    throw err;
  }
}

function route(req: SimRequest, apiPath: string, deps: GatewayDeps): Record<string, unknown> {
  if ("payload" in req.query) {
    throw new IopFailure("InvalidParameter", "payload must be sent in the request body, never in the query string");
  }
  const params: Record<string, string> = { ...req.query };
  for (const [key, value] of Object.entries(req.body))
    params[key] = typeof value === "string" ? value : JSON.stringify(value);

  const appKey = params.app_key;
  if (!appKey) throw new IopFailure("MissingParameter", "Missing parameter app_key");
  const secret = deps.apps.get(appKey);
  if (secret === undefined) throw new IopFailure("InvalidAppKey", `The specified app key ${appKey} does not exist`);
  if (!params.timestamp) throw new IopFailure("MissingParameter", "Missing parameter timestamp");
  if (!params.sign) throw new IopFailure("IncompleteSignature", "The request signature is missing");
  if (params.sign_method !== "sha256")
    throw new IopFailure("InvalidParameter", `Unsupported sign_method ${params.sign_method ?? ""}`);
  if (iopSign(secret, apiPath, params) !== params.sign) {
    throw new IopFailure("IncompleteSignature", "The request signature does not conform to platform standards");
  }
  const timestamp = Number(params.timestamp);
  if (!Number.isFinite(timestamp) || Math.abs(deps.now() - timestamp) > deps.timestampSkewSec * 1000) {
    throw new IopFailure(
      "InvalidTimestamp",
      `Timestamp ${params.timestamp} is more than ${deps.timestampSkewSec} s off the server time`,
    );
  }
  const verdict = deps.quota.take(appKey);
  if (!verdict.ok) throw new ThrottleSignal(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)));

  const target = DARAZ_ROUTES[apiPath];
  if (!target) throw new IopFailure("InvalidApiPath", `The specified API path ${apiPath} does not exist`);
  if (target.method !== "ANY" && target.method !== req.method) {
    throw new IopFailure("InvalidParameter", `${apiPath} must be called with ${target.method}`);
  }
  if (target.auth) checkToken(appKey, params.access_token, deps);
  deps.catalog.autoReview();
  return target.run({ params, appKey, catalog: deps.catalog, tokens: deps.tokens, maxPageSize: deps.maxPageSize });
}

function checkToken(appKey: string, token: string | undefined, deps: GatewayDeps): void {
  const forced = deps.faults.takeTokenExpiry();
  if (forced === "all") deps.tokens.expireAll();
  if (forced === "next" && token) deps.tokens.expire(token);
  const check = deps.tokens.check(appKey, token);
  if (check === "missing") throw new IopFailure("IllegalAccessToken", "Missing access_token");
  if (check !== "ok") throw new IopFailure("IllegalAccessToken", "The specified access token is invalid or expired");
}

class ThrottleSignal extends Error {
  constructor(readonly seconds: number) {
    super("throttled");
  }
}

function throttled(seconds: number, status: 200 | 429): SimReply & { json: unknown } {
  return {
    status,
    json: errorBody(
      new IopFailure(
        "ApiCallLimit",
        `Api access frequency exceeds the limit. this ban will last ${seconds} seconds`,
        "ISV",
      ),
    ),
  };
}
