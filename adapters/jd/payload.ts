import type { CanonicalListing, CanonicalVariant, RemoteAttribute } from "../core/types.js";
import { JD_LIMITS } from "./capabilities.js";
import { imageZonePath } from "./imageZoneUrls.js";

/**
 * Canonical listing -> `jingdong.ware.write.add` / `updateWare` params {ware, skus}. Lengths go in millimetres (the
 * canonical package is in cm), weight in kg, prices as CNY yuan numbers with 2 decimals.
 *
 * Vocabulary (the listing builder maps to JD's before this point):
 * - `attributes` keyed by a JD attribute id (digits) become ware.props; `attributes.brandId` is the JD brand id.
 * - variant `options` are sale attributes {attrId: value}; the first one is the color dimension that images bind to.
 *   An option named barCode / gtin / ean is the SKU's bar code, not a sale attribute.
 * - jdPrice is what the buyer pays (salePrice when set, else price); the ware's marketPrice is the highest list price.
 * - With the category's attributes known (read through the taxonomy), an attribute that is a sale attribute goes to
 *   every SKU's saleAttrs instead of ware.props, and a multiple-choice value ("id1,id2") becomes several attrValues.
 * - Image-zone URLs go to JD as the zone-relative path (jfs/...) that wares store; other URLs are sent as given.
 */
export interface JdAttr {
  attrId: string;
  attrValues: string[];
  index?: number;
}

export interface JdImage {
  colorId: string;
  imgIndex: number;
  imgUrl: string;
}

export interface JdSkuPayload {
  skuId?: number;
  saleAttrs: JdAttr[];
  jdPrice: number;
  outerId: string;
  stockNum: number;
  barCode?: string;
}

export interface JdWarePayload {
  wareId?: number;
  title: string;
  categoryId: number;
  brandId: number;
  outerId: string;
  itemNum: string;
  /** mm */
  length: number;
  width: number;
  height: number;
  /** kg */
  weight: number;
  props: JdAttr[];
  images?: JdImage[];
  introduction: string;
  jdPrice: number;
  marketPrice: number;
}

export interface JdWareRequest {
  ware: JdWarePayload;
  skus: JdSkuPayload[];
}

export interface JdMappingOptions {
  /** Brand name -> JD brand id, used when the listing carries no attributes.brandId. */
  brandIds?: Readonly<Record<string, string | number>>;
  /** The attributes of the listing's category, as JD describes them (ChannelTaxonomy.categoryAttributes). */
  attributes?: readonly RemoteAttribute[];
}

export const BARCODE_OPTION_KEYS: readonly string[] = ["barCode", "barcode", "gtin", "ean"];

export function buildJdWareAdd(listing: CanonicalListing, opts: JdMappingOptions = {}): JdWareRequest {
  return { ware: { ...buildWare(listing, opts), images: buildImages(listing) }, skus: buildSkus(listing, opts) };
}

/** updateWare carries no images (JD changes images through its image APIs only). */
export function buildJdWareUpdate(
  listing: CanonicalListing,
  wareId: string,
  opts: JdMappingOptions = {},
  skuIds?: ReadonlyMap<string, string>,
): JdWareRequest {
  return {
    ware: { wareId: Number(wareId), ...buildWare(listing, opts) },
    skus: buildSkus(listing, opts).map((sku) => {
      const skuId = skuIds?.get(sku.outerId);
      return skuId ? { skuId: Number(skuId), ...sku } : sku;
    }),
  };
}

export function resolveBrandId(
  listing: CanonicalListing,
  brandIds?: Readonly<Record<string, string | number>>,
): number | undefined {
  const raw = listing.attributes.brandId ?? brandIds?.[listing.brand];
  const id = Number(raw);
  return raw !== undefined && raw !== "" && Number.isInteger(id) && id > 0 ? id : undefined;
}

/** 23 cm -> 230 mm (whole millimetres, as JD stores them). */
export function cmToMm(cm: number): number {
  return Math.round(cm * 10);
}

/** "4500.5" -> 4500.5 as a number rounded to 2 decimals (JD prices are yuan with 2 decimals). */
export function yuan(decimal: string): number {
  return Math.round(Number(decimal) * 100) / 100;
}

export function jdPriceOf(variant: Pick<CanonicalVariant, "price" | "salePrice">): string {
  return variant.salePrice ?? variant.price;
}

export function saleAttrsOf(variant: CanonicalVariant): JdAttr[] {
  return Object.entries(variant.options)
    .filter(([key]) => !BARCODE_OPTION_KEYS.includes(key))
    .map(([attrId, value], i) => ({ attrId, attrValues: [value], index: i + 1 }));
}

export function barCodeOf(variant: CanonicalVariant): string | undefined {
  for (const key of BARCODE_OPTION_KEYS) {
    const value = variant.options[key];
    if (value) return value;
  }
  return undefined;
}

/** Ware props from attributes keyed by a JD attribute id (sale attributes left out when the category is known). */
export function propsOf(listing: CanonicalListing, attributes?: readonly RemoteAttribute[]): JdAttr[] {
  const known = new Map((attributes ?? []).map((a) => [a.key, a]));
  return attrIdEntries(listing)
    .filter(([attrId]) => !known.get(attrId)?.variant)
    .map(([attrId, value]) => ({ attrId, attrValues: attrValuesOf(value, known.get(attrId)) }));
}

/** Sale attributes given once for the whole listing (attributes keyed by a sale attribute id). */
function listingSaleAttrs(listing: CanonicalListing, attributes?: readonly RemoteAttribute[]): JdAttr[] {
  const sale = new Set((attributes ?? []).filter((a) => a.variant).map((a) => a.key));
  return attrIdEntries(listing)
    .filter(([attrId]) => sale.has(attrId))
    .map(([attrId, value]) => ({ attrId, attrValues: [value] }));
}

function attrIdEntries(listing: CanonicalListing): Array<[string, string]> {
  return Object.entries(listing.attributes).filter(([key, value]) => /^\d+$/.test(key) && value !== "");
}

/** The engine joins multiple-choice value ids with ","; JD takes them as separate attrValues. */
function attrValuesOf(value: string, attr: RemoteAttribute | undefined): string[] {
  if (attr?.type !== "multi_select") return [value];
  const parts = value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  return parts.length > 0 ? parts : [value];
}

function buildWare(listing: CanonicalListing, opts: JdMappingOptions): Omit<JdWarePayload, "images"> {
  const pkg = packageOf(listing.variants);
  const jdPrices = listing.variants.map((v) => yuan(jdPriceOf(v)));
  const listPrices = listing.variants.map((v) => yuan(v.price));
  return {
    title: listing.title,
    categoryId: Number(listing.categoryId),
    brandId: resolveBrandId(listing, opts.brandIds) ?? 0,
    outerId: listing.sellerSku,
    itemNum: listing.sellerSku,
    length: cmToMm(pkg.lengthCm),
    width: cmToMm(pkg.widthCm),
    height: cmToMm(pkg.heightCm),
    weight: Math.round(pkg.weightKg * 1000) / 1000,
    props: propsOf(listing, opts.attributes),
    introduction: listing.description,
    jdPrice: jdPrices.length > 0 ? Math.min(...jdPrices) : 0,
    marketPrice: listPrices.length > 0 ? Math.max(...listPrices) : 0,
  };
}

function buildSkus(listing: CanonicalListing, opts: JdMappingOptions): JdSkuPayload[] {
  const shared = listingSaleAttrs(listing, opts.attributes);
  return listing.variants.map((v) => {
    const own = saleAttrsOf(v);
    const extra = shared
      .filter((a) => !own.some((o) => o.attrId === a.attrId))
      .map((a, i) => ({ ...a, index: own.length + i + 1 }));
    const sku: JdSkuPayload = {
      saleAttrs: [...own, ...extra],
      jdPrice: yuan(jdPriceOf(v)),
      outerId: v.sellerSku,
      stockNum: v.quantity,
    };
    const barCode = barCodeOf(v);
    if (barCode) sku.barCode = barCode;
    return sku;
  });
}

/** Product images under the main color id, then each color's variant images under that color's value. */
export function buildImages(listing: CanonicalListing): JdImage[] {
  const images: JdImage[] = listing.images.map((url, i) => ({
    colorId: JD_LIMITS.mainImageColorId,
    imgIndex: i + 1,
    imgUrl: wireImageUrl(url),
  }));
  const seen = new Set<string>();
  for (const variant of listing.variants) {
    const colorId = saleAttrsOf(variant)[0]?.attrValues[0];
    if (!colorId || seen.has(colorId) || variant.images.length === 0) continue;
    seen.add(colorId);
    variant.images.forEach((url, i) => {
      images.push({ colorId, imgIndex: i + 1, imgUrl: wireImageUrl(url) });
    });
  }
  return images;
}

function wireImageUrl(url: string): string {
  return imageZonePath(url) ?? url;
}

/** The package that holds every variant: the largest of each dimension and the heaviest weight. */
function packageOf(variants: readonly CanonicalVariant[]) {
  const max = (pick: (v: CanonicalVariant) => number) => Math.max(0, ...variants.map(pick));
  return {
    lengthCm: max((v) => v.package.lengthCm),
    widthCm: max((v) => v.package.widthCm),
    heightCm: max((v) => v.package.heightCm),
    weightKg: max((v) => v.package.weightKg),
  };
}
