import type { CanonicalListing } from "../../adapters/core/types.js";
import type { CatalogProduct } from "../catalog/catalogProduct.js";
import { channelPrice, type FxQuote, priceTiers, rateProblem } from "../localize/money.js";
import { defaultRule } from "../localize/pricingRules.js";
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

export type BuildResult =
  | { ok: true; listing: CanonicalListing }
  | { ok: false; state: "incomplete" | "needs_translation"; holds: Hold[] };

/** Pure: the listing one channel should show for one product, or what holds it back. */
export function buildListing(
  product: CatalogProduct,
  profile: ChannelProfile,
  pricing: PricingContext = noRates,
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
  return {
    ok: true,
    listing: {
      channel: profile.channel,
      productId: product.id,
      sellerSku: product.sku,
      locale: profile.locale,
      currency: profile.currency,
      title: content.title,
      description: content.description,
      bullets: content.bullets,
      keywords: content.keywords,
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
        quantity: v.stock.reduce((sum, s) => sum + s.quantity, 0),
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
