import type { CatalogProduct } from "../../src/catalog/catalogProduct.js";
import type { ChannelProfile } from "../../src/listing/channelProfile.js";
import { testImageHost } from "./images.js";

export function footballProduct(overrides: Partial<CatalogProduct> = {}): CatalogProduct {
  return {
    id: "prod_1",
    exporterId: "exp_1",
    sku: "SKC-FB-PRO5",
    categoryCode: "sports-balls",
    brand: "Sialkot Crafts",
    modelNumber: "PRO-5",
    hsCode: "9506.62",
    origin: { city: "Sialkot", region: "Punjab", country: "PK" },
    basePricePkr: "4500.00",
    costPkr: "2600.00",
    active: true,
    version: 1,
    content: [
      {
        locale: "en",
        title: "Hand-Stitched Match Football Size 5",
        description: "<p>32 panels</p>",
        bullets: ["32 panels"],
        keywords: ["football"],
        source: "human",
        locked: true,
      },
    ],
    media: [{ url: `${testImageHost()}/fb.jpg`, altText: "front" }],
    attributes: [{ key: "material", type: "text", value: "PU leather" }],
    quantityBreaks: [],
    variants: [
      {
        id: "var_1",
        sellerSku: "SKC-FB-PRO5-WHT",
        options: { color: "White" },
        pricePkr: "4500.00",
        lengthCm: "23",
        widthCm: "23",
        heightCm: "23",
        weightKg: "0.45",
        stock: [
          { warehouse: "SKT-1", quantity: 240 },
          { warehouse: "KHI-PORT", quantity: 60 },
        ],
      },
    ],
    ...overrides,
  };
}

export const darazProfile: ChannelProfile = {
  channel: "daraz",
  locale: "en",
  currency: "PKR",
  categoryMap: { "sports-balls": "10000421" },
  defaultAttributes: { warranty_type: "No Warranty" },
  reviewCheckDelayMs: 1000,
  wholesale: false,
  adapterOptions: {},
};
