import type { CanonicalListing, CanonicalVariant, PriceStockUpdate } from "../core/types.js";

/**
 * Canonical listing -> Daraz JSON payload {"Request":{"Product":{...}}}. `Images.Image` and `Skus.Sku` are always
 * arrays, even with one element (a bare object is rejected with code 1001). Values are strings, as in Daraz's own
 * examples; prices are plain decimals in the listing's currency (PKR).
 */
export interface DarazSkuPayload {
  SellerSku: string;
  SkuId?: string;
  quantity: string;
  price: string;
  special_price?: string;
  package_length: string;
  package_width: string;
  package_height: string;
  package_weight: string;
  package_content?: string;
  saleProp?: Record<string, string>;
  Images?: { Image: string[] };
}

export interface DarazProductPayload {
  Request: {
    Product: {
      ItemId?: string;
      PrimaryCategory: string;
      Images: { Image: string[] };
      Attributes: Record<string, string>;
      Skus: { Sku: DarazSkuPayload[] };
    };
  };
}

export interface DarazPriceQuantityPayload {
  Request: {
    Product: {
      Skus: {
        Sku: Array<{
          ItemId?: string;
          SkuId?: string;
          SellerSku?: string;
          Price?: string;
          SalePrice?: string;
          Quantity?: string;
        }>;
      };
    };
  };
}

/** Canonical attribute keys the payload builder places itself; anything else is passed through to Attributes. */
const PLACED_ATTRIBUTES = new Set(["name", "description", "short_description", "brand", "model", "package_content"]);

export function buildProductPayload(listing: CanonicalListing, itemId?: string): DarazProductPayload {
  const attributes: Record<string, string> = {
    name: listing.title,
    description: listing.description,
    brand: listing.brand,
  };
  if (listing.bullets.length > 0) attributes.short_description = shortDescription(listing.bullets);
  if (listing.modelNumber) attributes.model = listing.modelNumber;
  for (const [key, value] of Object.entries(listing.attributes)) {
    if (!PLACED_ATTRIBUTES.has(key) && value !== "") attributes[key] = value;
  }
  const packageContent = listing.attributes.package_content;
  return {
    Request: {
      Product: {
        ...(itemId ? { ItemId: itemId } : {}),
        PrimaryCategory: listing.categoryId,
        Images: { Image: [...listing.images] },
        Attributes: attributes,
        Skus: { Sku: listing.variants.map((variant) => buildSku(variant, packageContent)) },
      },
    },
  };
}

function buildSku(variant: CanonicalVariant, packageContent: string | undefined): DarazSkuPayload {
  const sku: DarazSkuPayload = {
    SellerSku: variant.sellerSku,
    quantity: String(variant.quantity),
    price: variant.price,
    package_length: String(variant.package.lengthCm),
    package_width: String(variant.package.widthCm),
    package_height: String(variant.package.heightCm),
    package_weight: String(variant.package.weightKg),
  };
  if (variant.salePrice) sku.special_price = variant.salePrice;
  if (packageContent) sku.package_content = packageContent;
  if (Object.keys(variant.options).length > 0) sku.saleProp = { ...variant.options };
  if (variant.images.length > 0) sku.Images = { Image: [...variant.images] };
  return sku;
}

export function buildPriceQuantityPayload(updates: readonly PriceStockUpdate[]): DarazPriceQuantityPayload {
  return {
    Request: {
      Product: {
        Skus: {
          Sku: updates.map((u) => ({
            ...(u.itemId ? { ItemId: u.itemId } : {}),
            ...(u.skuId ? { SkuId: u.skuId } : {}),
            ...(u.sellerSku ? { SellerSku: u.sellerSku } : {}),
            ...(u.price !== undefined ? { Price: u.price } : {}),
            ...(u.salePrice !== undefined ? { SalePrice: u.salePrice } : {}),
            ...(u.quantity !== undefined ? { Quantity: String(u.quantity) } : {}),
          })),
        },
      },
    },
  };
}

/** short_description allows plain text in ul/li only. */
export function shortDescription(bullets: readonly string[]): string {
  return `<ul>${bullets.map((b) => `<li>${escapeHtml(b)}</li>`).join("")}</ul>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
