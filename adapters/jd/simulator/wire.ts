import { responseKey } from "../client.js";

/**
 * JOS answer bodies as the real gateway shapes them: `{"<method>_responce": {"code":"0", ...}}` (sic) on success,
 * `{"error_response": {"code","zh_desc","en_desc"}}` on failure, both with HTTP 200.
 *
 * Gateway codes follow channels.md (2, 7, 8, 11, 12, 14, 15, 19, 21, 2001). Codes 9 (bad system parameter) and
 * 30xx (business checks) are the simulator's own: JD's real business codes are not in the contract, and the adapter
 * treats every code outside the gateway list as a permanent business failure anyway.
 */
export const JOS = {
  throttled: "2",
  timestampMissing: "7",
  timestampInvalid: "8",
  badSystemParam: "9",
  signMissing: "11",
  signInvalid: "12",
  methodMissing: "14",
  methodUnknown: "15",
  tokenInvalid: "19",
  appKeyInvalid: "21",
  noPermission: "2001",
  invalidParam: "3001",
  outerIdTaken: "3002",
  wareNotFound: "3003",
  skuNotFound: "3004",
  statusForbids: "3005",
  categoryNotFound: "3010",
  categoryNotLeaf: "3011",
  attrRequired: "3012",
  attrValueInvalid: "3013",
  attrNotFound: "3014",
  imageNotHosted: "3020",
} as const;

export class JosFailure extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export function errorBody(f: JosFailure): Record<string, unknown> {
  return { error_response: { code: f.code, zh_desc: f.zh, en_desc: f.en } };
}

export function okBody(method: string, result: Record<string, unknown> = {}): Record<string, unknown> {
  return { [responseKey(method)]: { code: "0", ...result } };
}

export function invalid(en: string, zh = "参数错误"): JosFailure {
  return new JosFailure(JOS.invalidParam, `${zh}: ${en}`, en);
}
