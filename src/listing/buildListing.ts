import type { CanonicalListing, ChannelCapabilities } from "../../adapters/core/types.js";
import type { CatalogProduct } from "../catalog/catalogProduct.js";
import { channelPrice, type FxQuote, priceTiers, rateProblem } from "../localize/money.js";
import { defaultRule } from "../localize/pricingRules.js";
import { bufferedQuantity, type ShapingWarning, shapeContent } from "../localize/shaping.js";
import type { ChannelProfile } from "./channelProfile.js";

export interface PricingContext {
  /** Latest rate per currency. */
  fx: ReadonlyMap<string, FxQuote>;
  now: Date;
}

const noRates: PricingContext = { fx: new Map(), now: new Date(0) };

export interface Hold {
  kind: "category" | "translation" | "price" | "package" | "media";
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
  capabilities?: Pick<ChannelCapabilities, "maxTitleLength">;
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
  const categoryId = product.categoryCode ? profile.categoryMap[product.categoryCode] : undefined;
  if (!categoryId) {
    holds.push({
      kind: "category",
      field: "category",
      message: product.categoryCode
        ? `master category "${product.categoryCode}" is not mapped to a ${profile.channel} category`
        : "product has no category",
    });
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

  const images = product.media.map((m) => m.url);
  const limits = [options.capabilities?.maxTitleLength, profile.maxTitleLength].filter(
    (n): n is number => typeof n === "number" && n > 0,
  );
  const shaped = shapeContent(content, {
    channel: profile.channel,
    maxTitleLength: limits.length > 0 ? Math.min(...limits) : undefined,
    descriptionHtml: profile.descriptionHtml,
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
      attributes: {
        ...profile.defaultAttributes,
        ...Object.fromEntries(product.attributes.map((a) => [a.key, a.value])),
      },
      images,
      ...(wholesale ?? {}),
      variants: product.variants.map((v, i) => ({
        sellerSku: v.sellerSku,
        options: v.options,
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
