import type { CanonicalListing, PriceStockUpdate, ValidationIssue } from "../core/types.js";
import { checkVariantPrices, checkVariants, isHttpUrl, issueList, PLAIN_DECIMAL } from "../core/validation.js";
import { FEED_LIMITS } from "./capabilities.js";
import { linkFor } from "./model.js";

export interface FeedRuleOptions {
  /** The currency the feed is priced in (ISO 4217). */
  currency: string;
  /** Product page URL template ({sellerSku}, {productId}), unless listings carry attributes.link. */
  linkTemplate?: string;
}

/** What a feed consumer needs of every item: title, price + currency, a product link, an image, availability. */
export function validateFeedListing(listing: CanonicalListing, opts: FeedRuleOptions): ValidationIssue[] {
  const { issues, add } = issueList();

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

  checkVariants(listing, "Seller SKU (the feed item id) is required", add, (v, at, sku) => {
    checkVariantPrices(v, at, add);
    if (!Number.isInteger(v.quantity) || v.quantity < 0) {
      add(at("quantity"), `Quantity must be a whole number >= 0 (availability comes from it), got ${v.quantity}`, sku);
    }
    v.images.forEach((url, j) => {
      if (!isHttpUrl(url)) add(at(`images[${j}]`), `Not an http(s) image URL: ${url}`, sku);
    });
  });
  return issues;
}

/** What is wrong with a price/stock update of a file feed (keyed by seller SKU); prices must be `amount`. */
export function priceStockProblem(u: PriceStockUpdate, amount = "plain decimals > 0"): string | undefined {
  if (!u.sellerSku) return "A seller SKU is required";
  if (u.price === undefined && u.salePrice === undefined && u.quantity === undefined) return "Nothing to update";
  if (u.quantity !== undefined && (!Number.isInteger(u.quantity) || u.quantity < 0)) {
    return `Quantity must be a whole number >= 0, got ${u.quantity}`;
  }
  for (const value of [u.price, u.salePrice]) {
    if (value !== undefined && (!PLAIN_DECIMAL.test(value) || Number(value) <= 0)) {
      return `Prices must be ${amount}, got "${value}"`;
    }
  }
  return undefined;
}
