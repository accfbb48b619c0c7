import { beginCall, callParams, finishCall, type GatewayParts, htmlError } from "../../core/simulator/gateway.js";
import type { SimReply, SimRequest } from "../../core/simulator/httpServer.js";
import {
  checkIopCall,
  type IopGatewayDeps,
  iopThrottleMessage,
  ThrottleSignal,
} from "../../core/simulator/iopGateway.js";
import { checkAccessToken } from "../../core/simulator/tokenStore.js";
import type { AlibabaCatalog } from "./catalog.js";
import type { SimEnforcement } from "./enforcement.js";
import type { SimPhotobank } from "./photobank.js";
import type { ContentRules } from "./productInfo.js";
import { ALIBABA_ROUTES } from "./routes.js";
import type { SimTaxonomy } from "./taxonomy.js";
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

export interface GatewayDeps extends GatewayParts, IopGatewayDeps {
  catalog: AlibabaCatalog;
  content: ContentRules;
  maxPageSize: number;
  maxSearchPageSize: number;
  windowCap: number;
  offsetMinutes: number;
  throttleHttpStatus: 200 | 429;
  /** Caller IPs the app accepts; undefined = no whitelist. */
  ipWhitelist: () => readonly string[] | undefined;
  businessFaults: BusinessFault[];
  taxonomy: SimTaxonomy;
  photobank: SimPhotobank;
  enforcement: SimEnforcement;
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
  const { plan, refused } = await beginCall(deps, apiPath, {
    serverError: htmlError(502, "<html><body><h1>502 Bad Gateway</h1><p>Tengine</p></body></html>"),
    throttle: () => throttled(1, deps.throttleHttpStatus),
  });
  return refused ?? finishCall(plan, answer(req, apiPath, deps));
}

function answer(req: SimRequest, apiPath: string, deps: GatewayDeps): SimReply {
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
  const params = callParams(req);
  const appKey = checkIopCall(
    params,
    apiPath,
    deps,
    (code, message) => new GatewayFailure(code, message),
    () => {
      const whitelist = deps.ipWhitelist();
      const ip = req.remoteAddress ?? "";
      if (whitelist && !whitelist.includes(ip)) {
        throw new GatewayFailure(
          "AppWhiteIpLimit",
          `The request IP ${ip || "(unknown)"} is not in the app's IP whitelist`,
        );
      }
    },
  );

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
    taxonomy: deps.taxonomy,
    photobank: deps.photobank,
    enforcement: deps.enforcement,
    files: req.files,
  });
}

function checkToken(appKey: string, token: string | undefined, deps: GatewayDeps): void {
  checkAccessToken(deps, appKey, token, (missing) =>
    missing
      ? new GatewayFailure("IllegalAccessToken", "Missing access_token")
      : new GatewayFailure("IllegalAccessToken", "The specified access token is invalid or expired"),
  );
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

function throttled(seconds: number, status: 200 | 429): SimReply {
  return { status, json: gatewayErrorBody(new GatewayFailure("ApiCallLimit", iopThrottleMessage(seconds), "ISV")) };
}
