import type { CanonicalListing, ValidationIssue } from "../core/types.js";
import { FEED_LIMITS } from "./capabilities.js";
import { linkFor } from "./model.js";

export interface FeedRuleOptions {
  /** The currency the feed is priced in (ISO 4217). */
  currency: string;
  /** Product page URL template ({sellerSku}, {productId}), unless listings carry attributes.link. */
  linkTemplate?: string;
}

const DECIMAL = /^\d+(\.\d{1,2})?$/;

/** What a feed consumer needs of every item: title, price + currency, a product link, an image, availability. */
export function validateFeedListing(listing: CanonicalListing, opts: FeedRuleOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (field: string, message: string, sellerSku?: string) =>
    issues.push(sellerSku ? { field, message, sellerSku } : { field, message });

  const title = listing.title.trim();
  if (title === "") add("title", "Title is required");
  else if (Array.from(title).length > FEED_LIMITS.maxTitleLength) {
    add("title", `Title is longer than ${FEED_LIMITS.maxTitleLength} characters`);
  }
  if (listing.description.trim() === "") add("description", "A description is required");
  if (listing.brand.trim() === "") add("brand", "Brand is required");
  if (!/^[A-Z]{3}$/.test(listing.currency)) add("currency", `Not an ISO 4217 currency: "${listing.currency}"`);
  else if (listing.currency !== opts.currency) {
    add("currency", `This feed is priced in ${opts.currency}, not ${listing.currency}`);
  }
  const link = linkFor(listing, opts.linkTemplate);
  if (!link) add("link", "A product page link is required (attributes.link or the feed's linkTemplate)");
  else if (!isHttpUrl(link)) add("link", `The product link is not an http(s) URL: ${link}`);

  if (listing.images.length === 0) add("images", "At least one image (image_link) is required");
  if (listing.images.length > FEED_LIMITS.maxImages) {
    add("images", `${listing.images.length} images; a feed item carries at most ${FEED_LIMITS.maxImages}`);
  }
  listing.images.forEach((url, i) => {
    if (!isHttpUrl(url)) add(`images[${i}]`, `Not an http(s) image URL: ${url}`);
  });

  if (listing.variants.length === 0) add("variants", "At least one SKU is required");
  const seen = new Set<string>();
  listing.variants.forEach((v, i) => {
    const at = (name: string) => `variants[${i}].${name}`;
    const sku = v.sellerSku || undefined;
    if (!v.sellerSku.trim()) add(at("sellerSku"), "Seller SKU (the feed item id) is required");
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
      add(at("quantity"), `Quantity must be a whole number >= 0 (availability comes from it), got ${v.quantity}`, sku);
    }
    v.images.forEach((url, j) => {
      if (!isHttpUrl(url)) add(at(`images[${j}]`), `Not an http(s) image URL: ${url}`, sku);
    });
  });
  return issues;
}

function isHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}
