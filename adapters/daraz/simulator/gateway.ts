import { beginCall, callParams, finishCall, type GatewayParts, htmlError } from "../../core/simulator/gateway.js";
import type { SimReply, SimRequest } from "../../core/simulator/httpServer.js";
import {
  checkIopCall,
  type IopGatewayDeps,
  iopThrottleMessage,
  ThrottleSignal,
} from "../../core/simulator/iopGateway.js";
import { checkAccessToken } from "../../core/simulator/tokenStore.js";
import type { DarazCatalog } from "./catalog.js";
import type { DarazImageStore } from "./imageStore.js";
import { DARAZ_ROUTES } from "./routes.js";
import type { DarazTaxonomyStore } from "./taxonomyStore.js";
import { errorBody, IopFailure } from "./wire.js";

export interface GatewayDeps extends GatewayParts, IopGatewayDeps {
  catalog: DarazCatalog;
  taxonomy: DarazTaxonomyStore;
  images: DarazImageStore;
  maxPageSize: number;
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
  const { plan, refused } = await beginCall(deps, apiPath, {
    serverError: htmlError(503, "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"),
    throttle: () => throttled(1, deps.throttleHttpStatus),
  });
  if (refused) return refused;

  return finishCall(plan, answer(req, apiPath, deps));
}

function answer(req: SimRequest, apiPath: string, deps: GatewayDeps): SimReply {
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
  const params = callParams(req);
  const appKey = checkIopCall(params, apiPath, deps, (code, message) => new IopFailure(code, message));

  const target = DARAZ_ROUTES[apiPath];
  if (!target) throw new IopFailure("InvalidApiPath", `The specified API path ${apiPath} does not exist`);
  if (target.method !== "ANY" && target.method !== req.method) {
    throw new IopFailure("InvalidParameter", `${apiPath} must be called with ${target.method}`);
  }
  if (target.auth) checkToken(appKey, params.access_token, deps);
  deps.catalog.autoReview();
  return target.run({
    params,
    appKey,
    catalog: deps.catalog,
    tokens: deps.tokens,
    maxPageSize: deps.maxPageSize,
    taxonomy: deps.taxonomy,
    images: deps.images,
  });
}

function checkToken(appKey: string, token: string | undefined, deps: GatewayDeps): void {
  checkAccessToken(deps, appKey, token, (missing) =>
    missing
      ? new IopFailure("IllegalAccessToken", "Missing access_token")
      : new IopFailure("IllegalAccessToken", "The specified access token is invalid or expired"),
  );
}

function throttled(seconds: number, status: 200 | 429): SimReply {
  return { status, json: errorBody(new IopFailure("ApiCallLimit", iopThrottleMessage(seconds), "ISV")) };
}
