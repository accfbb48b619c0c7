import { beginCall, callParams, finishCall, type GatewayParts, htmlError } from "../../core/simulator/gateway.js";
import type { SimFile, SimReply, SimRequest } from "../../core/simulator/httpServer.js";
import { checkAccessToken } from "../../core/simulator/tokenStore.js";
import { josSign } from "../sign.js";
import { parseBeijingTime } from "../time.js";
import type { JdCatalog } from "./catalog.js";
import type { JdSimImageZone } from "./imageZone.js";
import { JD_METHODS } from "./methods.js";
import type { JdSimTaxonomy } from "./taxonomy.js";
import { errorBody, JOS, JosFailure, okBody } from "./wire.js";

export interface JdApp {
  appKey: string;
  appSecret: string;
  /** Methods this app may call; unset = all (others answer 2001). */
  methods?: string[];
}

export interface GatewayDeps extends GatewayParts {
  apps: Map<string, JdApp>;
  catalog: JdCatalog;
  taxonomy: JdSimTaxonomy;
  imageZone: JdSimImageZone;
  maxPageSize: number;
  maxPages: number;
  maxSkuPageSize: number;
  timestampSkewSec: number;
}

export const GATEWAY_PATH = "/routerjson";
export const OAUTH_PATHS = ["/oauth2/access_token", "/oauth2/refresh_token"];

/**
 * /routerjson (GET or form POST) and the OAuth endpoints. Faults come first (by method name, the "path" of a JOS
 * call), then the gateway checks, then the method. Every refusal is an error_response on HTTP 200; throttling
 * answers code 2, never HTTP 429.
 */
export async function handleGateway(req: SimRequest, deps: GatewayDeps): Promise<SimReply> {
  const isOauth = OAUTH_PATHS.includes(req.path);
  if (req.path !== GATEWAY_PATH && !isOauth) return { status: 404, json: { error: `not found: ${req.path}` } };
  const params = callParams(req);
  const name = isOauth ? req.path : (params.method ?? "(no method)");
  const { plan, refused } = await beginCall(deps, name, {
    serverError: htmlError(
      502,
      "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>",
    ),
    throttle: () => ({ status: 200, json: errorBody(throttled()) }),
  });
  return refused ?? finishCall(plan, isOauth ? oauth(req.path, params, deps) : answer(params, req.files, deps));
}

function answer(
  params: Record<string, string>,
  files: Record<string, SimFile>,
  deps: GatewayDeps,
): SimReply & { json: unknown } {
  try {
    return { status: 200, json: route(params, files, deps) };
  } catch (err) {
    if (err instanceof JosFailure) return { status: 200, json: errorBody(err) };
    throw err;
  }
}

function route(
  params: Record<string, string>,
  files: Record<string, SimFile>,
  deps: GatewayDeps,
): Record<string, unknown> {
  const appKey = params.app_key;
  const app = appKey ? deps.apps.get(appKey) : undefined;
  if (!appKey || !app) {
    throw new JosFailure(JOS.appKeyInvalid, "无效的app_key", `Invalid app_key ${appKey ?? "(missing)"}`);
  }
  const method = params.method;
  if (!method) throw new JosFailure(JOS.methodMissing, "缺少方法名参数", "Missing method");
  const target = JD_METHODS[method];
  if (!target) throw new JosFailure(JOS.methodUnknown, "不存在的方法名", `Invalid method ${method}`);
  if (!params.sign) throw new JosFailure(JOS.signMissing, "缺少签名参数", "Missing signature");
  if (josSign(app.appSecret, params) !== params.sign.toUpperCase()) {
    throw new JosFailure(JOS.signInvalid, "无效签名", "Invalid signature");
  }
  if (!params.timestamp) throw new JosFailure(JOS.timestampMissing, "缺少时间戳参数", "Missing timestamp");
  const sent = parseBeijingTime(params.timestamp);
  const skewMs = deps.timestampSkewSec * 1000;
  if (sent === undefined || Math.abs(deps.now() - sent) > skewMs) {
    throw new JosFailure(
      JOS.timestampInvalid,
      `非法的时间戳参数（须为北京时间 yyyy-MM-dd HH:mm:ss，误差不超过${deps.timestampSkewSec / 60}分钟）`,
      `Invalid timestamp ${params.timestamp}: must be Beijing time 'yyyy-MM-dd HH:mm:ss' within ${deps.timestampSkewSec} s`,
    );
  }
  if (params.v !== "2.0") {
    throw new JosFailure(JOS.badSystemParam, "非法的版本参数", `Invalid v ${params.v ?? "(missing)"}: must be 2.0`);
  }
  const raw = params["360buy_param_json"];
  if (raw === undefined) {
    throw new JosFailure(JOS.badSystemParam, "缺少参数 360buy_param_json", "Missing 360buy_param_json");
  }
  let business: unknown;
  try {
    business = JSON.parse(raw);
  } catch {
    business = undefined;
  }
  if (!business || typeof business !== "object" || Array.isArray(business)) {
    throw new JosFailure(
      JOS.badSystemParam,
      "360buy_param_json 不是合法的JSON对象",
      "360buy_param_json must be one JSON object",
    );
  }
  const verdict = deps.quota.take(appKey);
  if (!verdict.ok) throw throttled();
  checkToken(appKey, params.access_token, deps);
  if (app.methods && !app.methods.includes(method)) {
    throw new JosFailure(JOS.noPermission, "无此API的访问权限", `The app has no permission for ${method}`);
  }
  deps.catalog.autoReview();
  return okBody(
    method,
    target({
      params: business as Record<string, unknown>,
      files,
      catalog: deps.catalog,
      taxonomy: deps.taxonomy,
      imageZone: deps.imageZone,
      maxPageSize: deps.maxPageSize,
      maxPages: deps.maxPages,
      maxSkuPageSize: deps.maxSkuPageSize,
    }),
  );
}

function checkToken(appKey: string, token: string | undefined, deps: GatewayDeps): void {
  checkAccessToken(deps, appKey, token, (missing) =>
    missing
      ? new JosFailure(JOS.tokenInvalid, "缺少access_token", "Missing access_token")
      : new JosFailure(JOS.tokenInvalid, "access_token无效或已过期", "Invalid or expired access_token"),
  );
}

/** GET /oauth2/access_token (authorization_code) and /oauth2/refresh_token, app_key + app_secret in the query. */
function oauth(path: string, params: Record<string, string>, deps: GatewayDeps): SimReply & { json: unknown } {
  const fail = (code: number, msg: string) => ({ status: 200, json: { code, msg, requestId: `sim${deps.now()}` } });
  const app = params.app_key ? deps.apps.get(params.app_key) : undefined;
  if (!app || app.appSecret !== params.app_secret) return fail(401, "app_key or app_secret is invalid");
  if (path === "/oauth2/refresh_token") {
    if (params.grant_type !== "refresh_token") return fail(400, "grant_type must be refresh_token");
    const pair = params.refresh_token ? deps.tokens.redeemRefresh(app.appKey, params.refresh_token) : undefined;
    return pair ? { status: 200, json: pair } : fail(402, "refresh_token is invalid or expired");
  }
  if (params.grant_type !== "authorization_code") return fail(400, "grant_type must be authorization_code");
  if (!params.code || !deps.tokens.redeemCode(params.code)) return fail(403, "code is invalid or used");
  return { status: 200, json: deps.tokens.issue(app.appKey) };
}

function throttled(): JosFailure {
  return new JosFailure(JOS.throttled, "App调用次数超限，请降低调用频率", "App Call Limited");
}
