import type { CanonicalListing, ChannelCapabilities } from "../../adapters/core/types.js";
import type { CatalogProduct } from "../catalog/catalogProduct.js";
import { channelPrice, type FxQuote, priceTiers, rateProblem } from "../localize/money.js";
import { defaultRule } from "../localize/pricingRules.js";
import { bufferedQuantity, type ShapingWarning, shapeContent } from "../localize/shaping.js";
import type { ChannelProfile } from "./channelProfile.js";
import { mapAttributes } from "./mapAttributes.js";
import { type ChannelReadiness, noReadiness } from "./readiness.js";

export interface PricingContext {
  /** Latest rate per currency. */
  fx: ReadonlyMap<string, FxQuote>;
  now: Date;
}

const noRates: PricingContext = { fx: new Map(), now: new Date(0) };

export interface Hold {
  kind: "category" | "attribute" | "translation" | "price" | "package" | "media";
  field: string;
  message: string;
}

/** A change the channel's rules forced on the content (title cut, HTML reduced); it does not hold the listing. */
export type ListingWarning = ShapingWarning;

export type BuildResult =
  | { ok: true; listing: CanonicalListing; warnings: ListingWarning[] }
  | { ok: false; state: "incomplete" | "needs_translation"; holds: Hold[] };

export interface BuildOptions {
  /** The adapter's capabilities: the title limit comes from here (an account setting may only make it stricter). */
  capabilities?: Pick<ChannelCapabilities, "maxTitleLength" | "imageRules">;
  /** The account's taxonomy and mappings; without it only settings.categoryMap applies. */
  readiness?: ChannelReadiness;
  /** The images as the channel will show them (its own store's URLs), in catalog order; default the source URLs. */
  images?: string[];
  /** Description images already in the channel's store, by source URL; others go unless their host is allowed. */
  descriptionImages?: ReadonlyMap<string, string>;
}

/** Pure: the listing one channel should show for one product, or what holds it back. */
export function buildListing(
  product: CatalogProduct,
  profile: ChannelProfile,
  pricing: PricingContext = noRates,
  options: BuildOptions = {},
): BuildResult {
  const holds: Hold[] = [];
  const content = product.content.find((c) => c.locale === profile.locale);
  if (!content) {
    holds.push({ kind: "translation", field: `content.${profile.locale}`, message: `no ${profile.locale} content` });
  }
  const readiness = options.readiness ?? noReadiness;
  const code = product.categoryCode;
  const categoryId = code ? (readiness.categoryMap.get(code) ?? profile.categoryMap[code]) : undefined;
  const known = categoryId ? readiness.categories.get(categoryId) : undefined;
  if (!categoryId) {
    holds.push({
      kind: "category",
      field: "category",
      message: code
        ? `master category "${code}" is not mapped to a ${profile.channel} category`
        : "product has no category",
    });
  } else if (readiness.treeFetched && (!known || known.removed)) {
    holds.push({
      kind: "category",
      field: "category",
      message: `${profile.channel} category ${categoryId} (mapped from "${code}") is no longer in the channel's tree; map "${code}" again`,
    });
  } else if (known && !known.leaf) {
    holds.push({
      kind: "category",
      field: "category",
      message: `${profile.channel} category ${categoryId} "${known.path}" is not a leaf; map "${code}" to one of its subcategories`,
    });
  }
  const mapped = categoryId
    ? mapAttributes(
        {
          channel: profile.channel,
          categoryId,
          categoryPath: known?.path ?? categoryId,
          attributes: product.attributes,
          implicit: implicitAttributes(product),
          defaults: profile.defaultAttributes,
          variants: product.variants,
        },
        readiness,
      )
    : undefined;
  for (const gap of mapped?.gaps ?? []) holds.push({ kind: "attribute", ...gap });
  if (options.capabilities?.imageRules && product.media.length === 0) {
    holds.push({ kind: "media", field: "media", message: `${profile.channel} needs at least one product image` });
  }
  const rule = profile.pricing ?? defaultRule(profile.currency);
  const quote = pricing.fx.get(profile.currency);
  const fxProblem = rateProblem(quote, profile.currency, rule, pricing.now);
  if (fxProblem) holds.push({ kind: "price", field: "price", message: fxProblem });
  const price = (pkr: string) => {
    const result = channelPrice(pkr, product.costPkr, profile.currency, rule, quote);
    if (!result.ok) holds.push({ kind: "price", field: "price", message: result.reason });
    return result.ok ? result.price : "0";
  };
  const variantPrices = fxProblem ? [] : product.variants.map((v) => price(v.pricePkr));
  const wholesale =
    profile.wholesale && !fxProblem
      ? (() => {
          const moq = rule.moq ?? product.quantityBreaks[0]?.minQuantity ?? 1;
          const base = price(product.basePricePkr);
          const breaks = product.quantityBreaks.map((q) => ({ minQuantity: q.minQuantity, price: price(q.pricePkr) }));
          return { moq, tiers: priceTiers(base, breaks, moq) };
        })()
      : undefined;
  for (const v of product.variants) {
    const missing = (["lengthCm", "widthCm", "heightCm", "weightKg"] as const).filter((k) => v[k] === null);
    if (missing.length > 0) {
      holds.push({
        kind: "package",
        field: `variants.${v.sellerSku}.${missing.join(",")}`,
        message: "package size or weight missing",
      });
    }
  }
  if (holds.length > 0 || !content || !categoryId) {
    const onlyTranslation = holds.every((h) => h.kind === "translation");
    return { ok: false, state: onlyTranslation ? "needs_translation" : "incomplete", holds };
  }

  const images = options.images ?? product.media.map((m) => m.url);
  const limits = [options.capabilities?.maxTitleLength, profile.maxTitleLength].filter(
    (n): n is number => typeof n === "number" && n > 0,
  );
  const shaped = shapeContent(content, {
    channel: profile.channel,
    maxTitleLength: limits.length > 0 ? Math.min(...limits) : undefined,
    descriptionHtml: profile.descriptionHtml,
    descriptionImages: options.descriptionImages,
  });
  return {
    ok: true,
    warnings: shaped.warnings,
    listing: {
      channel: profile.channel,
      productId: product.id,
      sellerSku: product.sku,
      locale: profile.locale,
      currency: profile.currency,
      title: shaped.title,
      description: shaped.description,
      bullets: shaped.bullets,
      keywords: shaped.keywords,
      brand: product.brand,
      ...(product.modelNumber ? { modelNumber: product.modelNumber } : {}),
      categoryId,
      attributes: mapped?.attributes ?? {},
      images,
      ...(wholesale ?? {}),
      variants: product.variants.map((v, i) => ({
        sellerSku: v.sellerSku,
        options: mapped?.variantOptions[i] ?? v.options,
        price: variantPrices[i] ?? "0",
        quantity: bufferedQuantity(
          v.stock.reduce((sum, s) => sum + s.quantity, 0),
          profile.stockBuffer,
        ),
        package: {
          lengthCm: Number(v.lengthCm),
          widthCm: Number(v.widthCm),
          heightCm: Number(v.heightCm),
          weightKg: Number(v.weightKg),
        },
        images: [],
      })),
    },
  };
}

const countryNames = new Intl.DisplayNames(["en"], { type: "region" });

/**
 * Catalog fields channels ask for as attributes (Alibaba.com "Place of Origin"): offered to the attribute mapping
 * under these keys, before the product's own attributes, which win on the same key.
 */
function implicitAttributes(product: CatalogProduct): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  const country = product.origin.country ? countryNames.of(product.origin.country) : undefined;
  if (country) out.push({ key: "place_of_origin", value: country });
  if (product.origin.city) out.push({ key: "origin_city", value: product.origin.city });
  if (product.hsCode) out.push({ key: "hs_code", value: product.hsCode });
  return out;
}
