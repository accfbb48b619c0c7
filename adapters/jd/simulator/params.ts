import { invalid } from "./wire.js";

/** A whole-number business param >= min; `fallback` when absent (a fallback below min makes it required). */
export function intParam(raw: unknown, name: string, fallback: number, min: number): number {
  if (raw === undefined || raw === null || raw === "") {
    if (fallback >= min) return fallback;
    throw invalid(`${name} is required`);
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw invalid(`${name} must be a whole number >= ${min}, got ${JSON.stringify(raw)}`);
  return n;
}
