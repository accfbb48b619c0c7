import type { CanonicalListing } from "../../adapters/core/types.js";

export interface FootballOptions {
  channel?: string;
  currency?: string;
  locale?: string;
  categoryId?: string;
  /** Prefix for the product and variant seller SKUs, to keep several listings apart. */
  skuPrefix?: string;
  title?: string;
  imageHost?: string;
  /** Price of the size-5 match ball; the size-4 training ball costs 500 less. */
  price?: number;
}

/**
 * A realistic listing: a Sialkot hand-stitched match football in two variants (size 5 white, size 4 yellow),
 * already localized for a PKR channel (Daraz by default).
 */
export function sialkotFootball(opts: FootballOptions = {}): CanonicalListing {
  const prefix = opts.skuPrefix ?? "SKC-FB-PRO";
  const host = opts.imageHost ?? "pk-live-21.slatic.net";
  const price = opts.price ?? 4500;
  const image = (name: string) => `https://${host}/p/sialkot-football-${name}.jpg`;
  return {
    channel: opts.channel ?? "daraz",
    productId: `prod-${prefix.toLowerCase()}`,
    sellerSku: prefix,
    locale: opts.locale ?? "en",
    currency: opts.currency ?? "PKR",
    title: opts.title ?? "Hand-Stitched Match Football Size 5, Sialkot Made, PU Leather, FIFA Quality Pro",
    description:
      "<p>Hand-stitched in Sialkot by skilled artisans: 32 panels of 1.5 mm PU leather, butyl bladder and a " +
      "four-layer polyester-cotton lining. Holds its shape and air through a full season of matches.</p>" +
      "<ul><li>Circumference 68-70 cm (size 5)</li><li>Weight 410-450 g</li></ul>",
    bullets: [
      "Hand-stitched, 32 panels",
      "1.5 mm PU leather",
      "Butyl bladder keeps air for weeks",
      "Made in Sialkot, Pakistan",
    ],
    keywords: ["football", "soccer ball", "hand stitched", "sialkot"],
    brand: "Sialkot Pro",
    modelNumber: "SP-MATCH-32",
    categoryId: opts.categoryId ?? "10001958",
    attributes: { warranty_type: "No Warranty", material: "PU Leather", package_content: "1 x football, 1 x needle" },
    images: [image("front"), image("panels"), image("stitching")],
    variants: [
      {
        sellerSku: `${prefix}-5-WHT`,
        options: { color_family: "White", size: "5" },
        price: price.toFixed(2),
        quantity: 120,
        package: { lengthCm: 23, widthCm: 23, heightCm: 23, weightKg: 0.6 },
        images: [image("white")],
      },
      {
        sellerSku: `${prefix}-4-YLW`,
        options: { color_family: "Yellow", size: "4" },
        price: (price - 500).toFixed(2),
        salePrice: (price - 700).toFixed(2),
        quantity: 80,
        package: { lengthCm: 22, widthCm: 22, heightCm: 22, weightKg: 0.55 },
        images: [image("yellow")],
      },
    ],
  };
}

export interface AlibabaFootballOptions {
  /** Prefix for the product and variant seller SKUs, to keep several listings apart. */
  skuPrefix?: string;
  title?: string;
  categoryId?: string;
  imageHost?: string;
  /** FOB USD price of the size-5 match ball at the MOQ; the size-4 ball costs 2.00 less. */
  price?: number;
}

/**
 * The same Sialkot football localized for Alibaba.com (B2B): FOB prices in USD with 2 decimals, an MOQ of 50 and
 * ladder prices that fall as the quantity rises, at most 3 keywords, sale attributes color/size, photobank images.
 */
export function alibabaFootball(opts: AlibabaFootballOptions = {}): CanonicalListing {
  const price = opts.price ?? 14.5;
  const listing = sialkotFootball({
    channel: "alibaba",
    currency: "USD",
    locale: "en",
    categoryId: opts.categoryId ?? "100005471",
    imageHost: opts.imageHost ?? "sc04.alicdn.com",
    ...(opts.skuPrefix ? { skuPrefix: opts.skuPrefix } : {}),
    ...(opts.title ? { title: opts.title } : {}),
  });
  const [white, yellow] = listing.variants;
  if (!white || !yellow) throw new Error("fixture needs two variants");
  white.price = price.toFixed(2);
  white.options = { color: "White", size: "5" };
  yellow.price = (price - 2).toFixed(2);
  yellow.options = { color: "Yellow", size: "4" };
  delete yellow.salePrice;
  return {
    ...listing,
    keywords: ["football", "soccer ball", "hand stitched"],
    attributes: { material: "PU Leather", place_of_origin: "Punjab, Pakistan", unit: "Piece" },
    moq: 50,
    tiers: [
      { minQuantity: 50, price: price.toFixed(2) },
      { minQuantity: 200, price: (price * 0.9).toFixed(2) },
      { minQuantity: 1000, price: (price * 0.8).toFixed(2) },
    ],
  };
}
