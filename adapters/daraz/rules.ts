import type { CanonicalListing, ValidationIssue } from "../core/types.js";
import {
  checkOptionCombos,
  checkVariantPrices,
  checkVariants,
  imageUrlChecker,
  issueList,
} from "../core/validation.js";
import { DARAZ_CAPABILITIES, DARAZ_LIMITS } from "./capabilities.js";

export interface DarazRuleOptions {
  /** When set, every image (product, variant, description <img>) must be hosted on one of these hosts or their subdomains. */
  imageHosts?: readonly string[];
}

/** Daraz's rules, checked before any call. Field names follow the canonical listing (see ValidationIssue). */
export function validateDarazListing(listing: CanonicalListing, opts: DarazRuleOptions = {}): ValidationIssue[] {
  const { issues, add } = issueList();
  const checkImage = imageUrlChecker(opts.imageHosts, "Image is not hosted on Daraz (upload or migrate it first)", add);

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

  const optionKeys = new Set<string>();
  checkVariants(listing, "Seller SKU is required", add, (v, at, sku) => {
    checkVariantPrices(v, at, add);
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
  checkOptionCombos(
    listing,
    optionKeys,
    {
      missing: "Every SKU of a multi-SKU product needs its variation values (saleProp)",
      shared: "Two SKUs share the variation",
    },
    add,
  );
  return issues;
}

function descriptionImages(html: string): string[] {
  return [...html.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1] ?? "");
}
