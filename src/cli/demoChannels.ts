import type { SeedFile } from "../catalog/seedCatalog.js";
import type { Prisma } from "../generated/prisma/client.js";

/** What each demo channel account is told: its language, currency, price rule and category ids. */
export function demoChannelSettings(channel: string, seed: SeedFile): Prisma.InputJsonObject {
  // Daraz and the feed take the seed's map as settings; Alibaba.com and JD get theirs from a mapping file.
  const categoryMap =
    seed.categoryMaps[channel] ?? (channel === "daraz" || channel === "feed" ? seed.darazCategoryMap : {});
  const common = { categoryMap, reviewCheckDelayMs: 1500 };
  switch (channel) {
    case "alibaba":
      return {
        ...common,
        locale: "en",
        currency: "USD",
        wholesale: true,
        pricing: { markupPct: "12", rounding: "x.99", minMarginPct: "15" },
      };
    case "jd":
    case "jd-feed":
      return {
        ...common,
        locale: "zh-Hans",
        currency: "CNY",
        pricing: { markupPct: "20", rounding: "whole", minMarginPct: "15" },
        // The pavilion store's brand id on JD (one per exporter store).
        defaultAttributes: { brandId: "389761" },
      };
    case "feed":
      return {
        ...common,
        locale: "en",
        currency: "PKR",
        adapterOptions: { linkTemplate: "https://shop.sialkotcrafts.example/products/{sku}" },
      };
    default:
      return { ...common, locale: "en", currency: "PKR", defaultAttributes: { warranty_type: "No Warranty" } };
  }
}

/** Demo exchange rates; a real deployment records its own with their source (POST /api/fx-rates). */
export const demoRates = [
  { currency: "USD", pkrPerUnit: "280.40", source: "demo: SBP weighted average (illustrative)" },
  { currency: "CNY", pkrPerUnit: "38.95", source: "demo: SBP weighted average (illustrative)" },
];
