import { createHmac } from "node:crypto";

/**
 * IOP signing (Lazada/Daraz open platform, Alibaba.com open platform):
 * HMAC-SHA256(appSecret, apiPath + k1v1k2v2...) over all params sorted by ASCII key, uppercase hex.
 * `sign`, empty values and file bytes are left out; values are used raw (not URL-encoded).
 * Method-style calls (old gateways) sign without a path prefix: pass "" as apiPath.
 */
export type IopParamValue = string | number | boolean | null | undefined | Uint8Array;

export function iopStringToSign(apiPath: string, params: Record<string, IopParamValue>): string {
  const keys = Object.keys(params)
    .filter((key) => key !== "sign" && isSignable(params[key]))
    .sort(compareAscii);
  let out = apiPath;
  for (const key of keys) out += key + String(params[key]);
  return out;
}

export function iopSign(appSecret: string, apiPath: string, params: Record<string, IopParamValue>): string {
  return createHmac("sha256", appSecret).update(iopStringToSign(apiPath, params), "utf8").digest("hex").toUpperCase();
}

function isSignable(value: IopParamValue): boolean {
  if (value === undefined || value === null || value === "") return false;
  return !(value instanceof Uint8Array);
}

function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
