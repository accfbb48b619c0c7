import type { CanonicalListing, ValidationIssue } from "../core/types.js";
import { DARAZ_CAPABILITIES, DARAZ_LIMITS } from "./capabilities.js";

export interface DarazRuleOptions {
  /** When set, every image (product, variant, description <img>) must be hosted on one of these hosts or their subdomains. */
  imageHosts?: readonly string[];
}

const DECIMAL = /^\d+(\.\d{1,2})?$/;

/** Daraz's rules, checked before any call. Field names follow the canonical listing (see ValidationIssue). */
export function validateDarazListing(listing: CanonicalListing, opts: DarazRuleOptions = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (field: string, message: string, sellerSku?: string) =>
    issues.push(sellerSku ? { field, message, sellerSku } : { field, message });

  const title = listing.title.trim();
  if (title === "") add("title", "Title is required");
  else if (title.length > DARAZ_LIMITS.maxTitleLength) {
    add("title", `Title is ${title.length} characters; Daraz allows at most ${DARAZ_LIMITS.maxTitleLength}`);
  }
  if (listing.description.length > DARAZ_LIMITS.maxDescriptionLength) {
    add(
      "description",
      `Description is ${listing.description.length} characters; at most ${DARAZ_LIMITS.maxDescriptionLength}`,
    );
  }
  if (listing.brand.trim() === "") add("brand", 'Brand is required (use "No Brand" for unbranded goods)');
  if (listing.categoryId.trim() === "") add("categoryId", "A Daraz leaf category is required");
  if (listing.currency !== DARAZ_CAPABILITIES.currency) {
    add("currency", `Daraz prices are in ${DARAZ_CAPABILITIES.currency}, not ${listing.currency}`);
  }
  listing.bullets.forEach((bullet, i) => {
    if (/[<>]/.test(bullet)) add(`bullets[${i}]`, "Bullets must be plain text (they become ul/li items)");
  });

  if (listing.images.length === 0) add("images", "At least one product image is required");
  if (listing.images.length > DARAZ_LIMITS.maxImages) {
    add("images", `${listing.images.length} images; Daraz allows at most ${DARAZ_LIMITS.maxImages}`);
  }
  listing.images.forEach((url, i) => {
    checkImage(url, `images[${i}]`);
  });
  for (const src of descriptionImages(listing.description)) checkImage(src, "description");

  if (listing.variants.length === 0) add("variants", "At least one SKU is required");
  const seen = new Set<string>();
  const optionKeys = new Set<string>();
  listing.variants.forEach((v, i) => {
    const at = (name: string) => `variants[${i}].${name}`;
    const sku = v.sellerSku || undefined;
    if (!v.sellerSku.trim()) add(at("sellerSku"), "Seller SKU is required");
    else if (seen.has(v.sellerSku)) add(at("sellerSku"), `Seller SKU ${v.sellerSku} is used twice`, sku);
    seen.add(v.sellerSku);
    if (!DECIMAL.test(v.price) || Number(v.price) <= 0) {
      add(at("price"), `Price must be a plain decimal greater than 0, got "${v.price}"`, sku);
    }
    if (v.salePrice !== undefined) {
      if (!DECIMAL.test(v.salePrice) || Number(v.salePrice) <= 0) {
        add(at("salePrice"), `Sale price must be a plain decimal greater than 0, got "${v.salePrice}"`, sku);
      } else if (Number(v.salePrice) >= Number(v.price))
        add(at("salePrice"), "Sale price must be below the price", sku);
    }
    if (!Number.isInteger(v.quantity) || v.quantity < 0) {
      add(at("quantity"), `Quantity must be a whole number >= 0, got ${v.quantity}`, sku);
    }
    for (const [name, value] of Object.entries(v.package)) {
      if (!(Number.isFinite(value) && value > 0))
        add(at(`package.${name}`), "Package dimensions and weight are required", sku);
    }
    if (v.images.length > DARAZ_LIMITS.maxImages) {
      add(at("images"), `${v.images.length} SKU images; at most ${DARAZ_LIMITS.maxImages}`, sku);
    }
    v.images.forEach((url, j) => {
      checkImage(url, at(`images[${j}]`), sku);
    });
    for (const key of Object.keys(v.options)) optionKeys.add(key);
  });
  if (listing.variants.length > 1) {
    const combos = new Set<string>();
    listing.variants.forEach((v, i) => {
      if (Object.keys(v.options).length === 0) {
        add(
          `variants[${i}].options`,
          "Every SKU of a multi-SKU product needs its variation values (saleProp)",
          v.sellerSku,
        );
      }
      const combo = [...optionKeys].map((k) => `${k}=${v.options[k] ?? ""}`).join("|");
      if (combos.has(combo)) add(`variants[${i}].options`, `Two SKUs share the variation ${combo}`, v.sellerSku);
      combos.add(combo);
    });
  }
  return issues;

  function checkImage(url: string, field: string, sellerSku?: string): void {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      add(field, `Not an image URL: ${url}`, sellerSku);
      return;
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
      add(field, `Not an http(s) URL: ${url}`, sellerSku);
    else if (
      opts.imageHosts &&
      !opts.imageHosts.some((h) => parsed.hostname === h || parsed.hostname.endsWith(`.${h}`))
    ) {
      add(field, `Image is not hosted on Daraz (upload or migrate it first): ${url}`, sellerSku);
    }
  }
}

function descriptionImages(html: string): string[] {
  return [...html.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1] ?? "");
}
