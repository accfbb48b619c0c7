import { createHash } from "node:crypto";
import type { CanonicalListing } from "../../adapters/core/types.js";

export interface PartHashes {
  content: string;
  price: string;
  stock: string;
  media: string;
}

export type ListingPart = keyof PartHashes;

/** JSON with object keys sorted, so equal values always hash equal. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

const sha = (value: unknown) => createHash("sha256").update(stableJson(value)).digest("hex").slice(0, 32);

/** Hash per part of what the channel is told; a part whose hash is unchanged needs no call. */
export function hashParts(listing: CanonicalListing): PartHashes {
  const { variants, images, ...rest } = listing;
  return {
    content: sha({
      ...rest,
      tiers: undefined,
      moq: undefined,
      variants: variants.map((v) => ({ sellerSku: v.sellerSku, options: v.options, package: v.package })),
    }),
    price: sha({
      tiers: listing.tiers,
      moq: listing.moq,
      variants: variants.map((v) => [v.sellerSku, v.price, v.salePrice ?? null]),
    }),
    stock: sha(variants.map((v) => [v.sellerSku, v.quantity])),
    media: sha({ images, variants: variants.map((v) => [v.sellerSku, v.images]) }),
  };
}

export function changedParts(
  current: PartHashes,
  accepted: Partial<Record<ListingPart, string | null>>,
): ListingPart[] {
  return (Object.keys(current) as ListingPart[]).filter((part) => current[part] !== accepted[part]);
}
