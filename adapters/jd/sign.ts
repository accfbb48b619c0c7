import { createHash } from "node:crypto";

/**
 * JOS signing (JD open platform): UPPER(hex(md5(appSecret + k1v1k2v2... + appSecret))) over every request parameter
 * except `sign`, sorted by ASCII key, with empty values dropped. Values are used raw (never URL-encoded); the business
 * parameters ride inside `360buy_param_json` as one JSON string, so that string is signed as sent.
 */
export type JosParamValue = string | number | boolean | null | undefined;

export function josStringToSign(appSecret: string, params: Record<string, JosParamValue>): string {
  const keys = Object.keys(params)
    .filter((key) => key !== "sign" && isSignable(params[key]))
    .sort(compareAscii);
  let out = appSecret;
  for (const key of keys) out += key + String(params[key]);
  return out + appSecret;
}

export function josSign(appSecret: string, params: Record<string, JosParamValue>): string {
  return createHash("md5").update(josStringToSign(appSecret, params), "utf8").digest("hex").toUpperCase();
}

function isSignable(value: JosParamValue): boolean {
  return value !== undefined && value !== null && value !== "";
}

function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
