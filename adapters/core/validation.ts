import { PermanentError } from "./errors.js";
import type { CanonicalListing, CanonicalVariant, ValidationIssue } from "./types.js";

/** A price as channels take it: a plain decimal with at most 2 decimals. */
export const PLAIN_DECIMAL = /^\d+(\.\d{1,2})?$/;

export type AddIssue = (field: string, message: string, sellerSku?: string) => void;

/** An empty issue list and the `add` that fills it (sellerSku only when given). */
export function issueList(): { issues: ValidationIssue[]; add: AddIssue } {
  const issues: ValidationIssue[] = [];
  const add: AddIssue = (field, message, sellerSku) =>
    issues.push(sellerSku ? { field, message, sellerSku } : { field, message });
  return { issues, add };
}

/** Throws VALIDATION_FAILED with one detail per issue, when there are any: "Listing breaks <rules> rules: ...". */
export function throwIfInvalid(issues: ValidationIssue[], rules: string, channel: string): void {
  if (issues.length === 0) return;
  const err = new PermanentError(
    `Listing breaks ${rules} rules: ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`,
    "VALIDATION_FAILED",
    channel,
  );
  err.details = issues.map((i) => ({
    message: i.message,
    field: i.field,
    ...(i.sellerSku ? { sellerSku: i.sellerSku } : {}),
  }));
  throw err;
}

/**
 * Walks the variants: there is at least one, and each has a seller SKU (`missingSku` otherwise) used once in the
 * listing; `check` adds the channel's own issues for each, with its field namer and seller SKU.
 */
export function checkVariants(
  listing: CanonicalListing,
  missingSku: string,
  add: AddIssue,
  check: (v: CanonicalVariant, at: (name: string) => string, sku: string | undefined) => void,
): void {
  if (listing.variants.length === 0) add("variants", "At least one SKU is required");
  const seen = new Set<string>();
  listing.variants.forEach((v, i) => {
    const at = (name: string) => `variants[${i}].${name}`;
    const sku = v.sellerSku || undefined;
    if (!v.sellerSku.trim()) add(at("sellerSku"), missingSku);
    else if (seen.has(v.sellerSku)) add(at("sellerSku"), `Seller SKU ${v.sellerSku} is used twice`, sku);
    seen.add(v.sellerSku);
    check(v, at, sku);
  });
}

/** Price and sale price are plain decimals > 0, the sale price below the price. */
export function checkVariantPrices(v: CanonicalVariant, at: (name: string) => string, add: AddIssue): void {
  const sku = v.sellerSku || undefined;
  if (!PLAIN_DECIMAL.test(v.price) || Number(v.price) <= 0) {
    add(at("price"), `Price must be a plain decimal greater than 0, got "${v.price}"`, sku);
  }
  if (v.salePrice !== undefined) {
    if (!PLAIN_DECIMAL.test(v.salePrice) || Number(v.salePrice) <= 0) {
      add(at("salePrice"), `Sale price must be a plain decimal greater than 0, got "${v.salePrice}"`, sku);
    } else if (Number(v.salePrice) >= Number(v.price)) {
      add(at("salePrice"), "Sale price must be below the price", sku);
    }
  }
}

export function isHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}

export function onHost(hostname: string, hosts: readonly string[]): boolean {
  return hosts.some((h) => hostname === h || hostname.endsWith(`.${h}`));
}

/**
 * A checker for image URLs: a URL, http(s), and with `hosts` on one of them or a subdomain (else `${offHost}: ${url}`).
 * It returns whether the URL is http(s) at all, for channels that check more.
 */
export function imageUrlChecker(
  hosts: readonly string[] | undefined,
  offHost: string,
  add: AddIssue,
): (url: string, field: string, sellerSku?: string) => boolean {
  return (url, field, sellerSku) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      add(field, `Not an image URL: ${url}`, sellerSku);
      return false;
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
      add(field, `Not an http(s) URL: ${url}`, sellerSku);
      return false;
    }
    if (hosts && !onHost(parsed.hostname, hosts)) add(field, `${offHost}: ${url}`, sellerSku);
    return true;
  };
}

/**
 * Every SKU of a multi-SKU listing names its options and no two share one combination of `optionKeys` (the option
 * names used across the listing). Messages: `missing`, and `${shared} <combination>`.
 */
export function checkOptionCombos(
  listing: CanonicalListing,
  optionKeys: Set<string>,
  words: { missing: string; shared: string },
  add: AddIssue,
): void {
  if (listing.variants.length <= 1) return;
  const combos = new Set<string>();
  listing.variants.forEach((v, i) => {
    if (Object.keys(v.options).length === 0) add(`variants[${i}].options`, words.missing, v.sellerSku);
    const combo = [...optionKeys].map((k) => `${k}=${v.options[k] ?? ""}`).join("|");
    if (combos.has(combo)) add(`variants[${i}].options`, `${words.shared} ${combo}`, v.sellerSku);
    combos.add(combo);
  });
}
