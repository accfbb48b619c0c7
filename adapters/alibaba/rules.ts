import type { CanonicalListing, ValidationIssue } from "../core/types.js";
import { checkOptionCombos, checkVariants, imageUrlChecker, issueList } from "../core/validation.js";
import { ALIBABA_CAPABILITIES, ALIBABA_LIMITS } from "./capabilities.js";

export interface AlibabaRuleOptions {
  /** When set, every product and SKU image must be hosted on one of these hosts or their subdomains (photobank). */
  imageHosts?: readonly string[];
}

const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Alibaba.com's rules, checked before any call. Field names follow the canonical listing (see ValidationIssue), so the
 * operator sees the same names on every channel.
 */
export function validateAlibabaListing(listing: CanonicalListing, opts: AlibabaRuleOptions = {}): ValidationIssue[] {
  const { issues, add } = issueList();
  const checkImage = imageUrlChecker(
    opts.imageHosts,
    "Image is not in the Alibaba.com photobank (upload it first)",
    add,
  );

  const title = listing.title.trim();
  if (title === "") add("title", "Title is required");
  else if (title.length > ALIBABA_LIMITS.maxTitleLength) {
    add("title", `Title is ${title.length} characters; Alibaba.com allows at most ${ALIBABA_LIMITS.maxTitleLength}`);
  }
  if (listing.categoryId.trim() === "") add("categoryId", "An Alibaba.com leaf category is required");
  if (listing.currency !== ALIBABA_CAPABILITIES.currency) {
    add("currency", `Alibaba.com FOB prices are in ${ALIBABA_CAPABILITIES.currency}, not ${listing.currency}`);
  }
  if (listing.locale.toLowerCase().split(/[-_]/)[0] !== ALIBABA_CAPABILITIES.locale) {
    add("locale", `Alibaba.com content is English (en), not ${listing.locale}`);
  }
  listing.bullets.forEach((bullet, i) => {
    if (/[<>]/.test(bullet)) add(`bullets[${i}]`, "Bullets must be plain text (they become list items)");
  });

  if (listing.keywords.length > ALIBABA_LIMITS.maxKeywords) {
    add("keywords", `${listing.keywords.length} keywords; Alibaba.com takes at most ${ALIBABA_LIMITS.maxKeywords}`);
  }
  listing.keywords.forEach((keyword, i) => {
    if (keyword.trim() === "") add(`keywords[${i}]`, "Keywords must not be empty");
    else if (/[,;]/.test(keyword)) add(`keywords[${i}]`, `Keyword "${keyword}" must not contain ',' or ';'`);
  });

  if (listing.images.length === 0) add("images", "At least one product image is required (the first is the main one)");
  if (listing.images.length > ALIBABA_LIMITS.maxImages) {
    add("images", `${listing.images.length} images; Alibaba.com allows at most ${ALIBABA_LIMITS.maxImages}`);
  }
  listing.images.forEach((url, i) => {
    checkImage(url, `images[${i}]`);
  });

  if (listing.moq !== undefined && !(Number.isInteger(listing.moq) && listing.moq >= 1)) {
    add("moq", `The minimum order quantity must be a whole number >= 1, got ${listing.moq}`);
  }
  checkTiers();

  const optionKeys = new Set<string>();
  checkVariants(listing, "Seller SKU (sku_code) is required", add, (v, at, sku) => {
    const priceProblem = usdProblem(v.price);
    if (priceProblem) add(at("price"), priceProblem, sku);
    if (!Number.isInteger(v.quantity) || v.quantity < 0) {
      add(at("quantity"), `Quantity must be a whole number >= 0, got ${v.quantity}`, sku);
    }
    for (const [name, value] of Object.entries(v.package)) {
      if (!(Number.isFinite(value) && value > 0)) {
        add(at(`package.${name}`), "Package dimensions (cm) and weight (kg) are required", sku);
      }
    }
    if (v.images[0]) checkImage(v.images[0], at("images[0]"), sku);
    for (const key of Object.keys(v.options)) optionKeys.add(key);
  });
  checkOptionCombos(
    listing,
    optionKeys,
    {
      missing: "Every SKU of a multi-SKU product needs its sale attributes",
      shared: "Two SKUs share the sale attributes",
    },
    add,
  );
  return issues;

  /** Ladder prices: whole quantities >= 1 rising without duplicates, prices falling as quantity rises, 2 decimals. */
  function checkTiers(): void {
    const tiers = listing.tiers ?? [];
    tiers.forEach((tier, i) => {
      if (!(Number.isInteger(tier.minQuantity) && tier.minQuantity >= 1)) {
        add(`tiers[${i}].minQuantity`, `Tier quantity must be a whole number >= 1, got ${tier.minQuantity}`);
      }
      const problem = usdProblem(tier.price);
      if (problem) add(`tiers[${i}].price`, problem);
      const prev = tiers[i - 1];
      if (!prev) return;
      if (tier.minQuantity <= prev.minQuantity) {
        add(
          `tiers[${i}].minQuantity`,
          tier.minQuantity === prev.minQuantity
            ? `Two tiers start at ${tier.minQuantity} pieces`
            : "Tier quantities must rise from one tier to the next",
        );
      } else if (Number(tier.price) >= Number(prev.price)) {
        add(`tiers[${i}].price`, "Tier prices must fall as the quantity rises (B_PRICE_SEQUENCE_INVALID)");
      }
    });
    const first = tiers[0];
    if (first && listing.moq !== undefined && first.minQuantity < listing.moq) {
      add("tiers[0].minQuantity", `The first tier starts at ${first.minQuantity}, below the MOQ of ${listing.moq}`);
    }
  }
}

/** A USD amount: a plain decimal > 0 with at most 2 decimals (more answers B_PRICE_SCALE_INVALID). */
function usdProblem(value: string): string | undefined {
  if (!DECIMAL.test(value) || Number(value) <= 0) return `Price must be a plain decimal greater than 0, got "${value}"`;
  const decimals = value.split(".")[1]?.length ?? 0;
  if (decimals > ALIBABA_LIMITS.maxPriceDecimals) {
    return `Price "${value}" has ${decimals} decimals; Alibaba.com takes at most ${ALIBABA_LIMITS.maxPriceDecimals}`;
  }
  return undefined;
}

export { usdProblem as alibabaPriceProblem };
