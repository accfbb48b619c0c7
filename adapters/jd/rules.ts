import { imageRuleViolations } from "../core/imageInfo.js";
import type { CanonicalListing, ImageFormat, ImageRules, ValidationIssue } from "../core/types.js";
import { checkVariants, imageUrlChecker, issueList } from "../core/validation.js";
import { JD_CAPABILITIES, JD_IMAGE_RULES, JD_LIMITS } from "./capabilities.js";
import { BARCODE_OPTION_KEYS, resolveBrandId } from "./payload.js";

/** What the caller knows about an image (from its media store), checked against the image rules. */
export interface JdImageInfo {
  widthPx: number;
  heightPx: number;
  bytes: number;
  /** Unknown formats are not held against the image: only its size is checked then. */
  format?: ImageFormat;
}

export interface JdRuleOptions {
  brandIds?: Readonly<Record<string, string | number>>;
  /** JD needs a brand id (default true); the feed mode lets the operator pick it from the brand name. */
  requireBrandId?: boolean;
  /** When set, images must be hosted on these hosts (JD image space, e.g. 360buyimg.com) or their subdomains. */
  imageHosts?: readonly string[];
  /** When given, images it knows are checked against the image rules. */
  imageInfo?: (url: string) => JdImageInfo | undefined;
  /** The adapter's capabilities.imageRules; default JD_IMAGE_RULES. */
  imageRules?: Readonly<ImageRules>;
}

/** Two decimals at most, as JD prices in yuan. */
const DECIMAL = /^\d+(\.\d{1,2})?$/;
const HAN = /\p{Script=Han}/u;

/** JD's rules, checked before any call. Field names follow the canonical listing (see ValidationIssue). */
export function validateJdListing(listing: CanonicalListing, opts: JdRuleOptions = {}): ValidationIssue[] {
  const { issues, add } = issueList();
  const checkImageUrl = imageUrlChecker(opts.imageHosts, "Image is not in the JD image space (upload it first)", add);
  const imageRules = opts.imageRules ?? JD_IMAGE_RULES;

  if (!/^zh-Hans\b/i.test(listing.locale)) {
    add("locale", `JD content must be Simplified Chinese (zh-Hans), not "${listing.locale}"`);
  }
  const title = listing.title.trim();
  const titleLength = Array.from(title).length;
  if (title === "") add("title", "Title is required");
  else {
    if (!HAN.test(title)) add("title", "The title must contain Chinese characters (JD shows Simplified Chinese)");
    if (titleLength > JD_LIMITS.maxTitleLength) {
      add("title", `Title is ${titleLength} characters; JD allows at most ${JD_LIMITS.maxTitleLength}`);
    }
  }
  if (listing.description.trim() === "") add("description", "An HTML introduction (商品介绍) is required");
  if (listing.currency !== JD_CAPABILITIES.currency) {
    add("currency", `JD prices are in ${JD_CAPABILITIES.currency} (yuan), not ${listing.currency}`);
  }
  if (!listing.sellerSku.trim()) add("sellerSku", "The product seller SKU (JD outerId) is required");
  if (!/^\d+$/.test(listing.categoryId.trim())) add("categoryId", "A JD leaf category id (digits) is required");
  if ((opts.requireBrandId ?? true) && resolveBrandId(listing, opts.brandIds) === undefined) {
    add("brand", `No JD brand id for brand "${listing.brand}" (set attributes.brandId or map the brand name)`);
  } else if (listing.brand.trim() === "" && listing.attributes.brandId === undefined) {
    add("brand", "Brand is required");
  }

  if (listing.images.length === 0) add("images", "At least one product image is required");
  if (listing.images.length > imageRules.maxImages) {
    add("images", `${listing.images.length} images; JD takes at most ${imageRules.maxImages}`);
  }
  listing.images.forEach((url, i) => {
    checkImage(url, `images[${i}]`);
  });

  checkVariants(listing, "Seller SKU (JD sku outerId) is required", add, (v, at, sku) => {
    if (!DECIMAL.test(v.price) || Number(v.price) <= 0) {
      add(at("price"), `Price must be yuan > 0 with at most 2 decimals, got "${v.price}"`, sku);
    }
    if (v.salePrice !== undefined) {
      if (!DECIMAL.test(v.salePrice) || Number(v.salePrice) <= 0) {
        add(at("salePrice"), `Sale price must be yuan > 0 with at most 2 decimals, got "${v.salePrice}"`, sku);
      } else if (Number(v.salePrice) >= Number(v.price)) {
        add(at("salePrice"), "Sale price (JD price) must be below the price (market price)", sku);
      }
    }
    if (!Number.isInteger(v.quantity) || v.quantity < 0) {
      add(at("quantity"), `Quantity must be a whole number >= 0, got ${v.quantity}`, sku);
    }
    for (const [name, value] of Object.entries(v.package)) {
      if (!(Number.isFinite(value) && value > 0)) {
        add(at(`package.${name}`), "Package dimensions (cm) and weight (kg) are required", sku);
      }
    }
    v.images.forEach((url, j) => {
      checkImage(url, at(`images[${j}]`), sku);
    });
  });
  if (listing.variants.length > 1) {
    const combos = new Set<string>();
    listing.variants.forEach((v, i) => {
      const attrs = Object.entries(v.options).filter(([k]) => !BARCODE_OPTION_KEYS.includes(k));
      if (attrs.length === 0) {
        add(`variants[${i}].options`, "Every SKU of a multi-SKU ware needs its sale attributes", v.sellerSku);
      }
      const combo = attrs
        .map(([k, value]) => `${k}=${value}`)
        .sort()
        .join("|");
      if (combos.has(combo)) add(`variants[${i}].options`, `Two SKUs share the sale attributes ${combo}`, v.sellerSku);
      combos.add(combo);
    });
  }
  return issues;

  function checkImage(url: string, field: string, sellerSku?: string): void {
    if (!checkImageUrl(url, field, sellerSku)) return;
    const info = opts.imageInfo?.(url);
    if (!info) return;
    const format = info.format ?? imageRules.formats[0] ?? "jpeg";
    const problems = imageRuleViolations(
      { format, width: info.widthPx, height: info.heightPx, bytes: info.bytes },
      imageRules,
    );
    for (const problem of problems) add(field, `Image breaks JD's image rules: ${problem}`, sellerSku);
  }
}
