import { isHttpUrl, onHost } from "../../core/validation.js";
import { isImageZonePath } from "../imageZoneUrls.js";
import type { SimAttr, SimImage } from "./wares.js";
import { invalid, type JosFailure } from "./wire.js";

/**
 * How the simulator reads and checks `jingdong.ware.write.add` / `updateWare` params ({ware, skus}): types first,
 * then JD's content rules (Chinese title, leaf category, mm as whole numbers, yuan with 2 decimals, main images).
 * Every problem is named in one code-3001 answer.
 */
export interface WareRules {
  maxImages: number;
  maxTitleLength: number;
  requireChineseTitle: boolean;
  categoryAllowlist?: number[];
  brandAllowlist?: number[];
  imageHostAllowlist?: string[];
  mainImageColorId: string;
}

export interface SkuInput {
  skuId?: number;
  outerId: string;
  jdPrice?: number;
  stockNum?: number;
  saleAttrs?: SimAttr[];
  barCode?: string;
}

export interface WareInput {
  wareId?: number;
  title?: string;
  categoryId?: number;
  brandId?: number;
  outerId?: string;
  itemNum?: string;
  length?: number;
  width?: number;
  height?: number;
  weight?: number;
  props?: SimAttr[];
  images?: SimImage[];
  introduction?: string;
  jdPrice?: number;
  marketPrice?: number;
}

export interface WareRequest {
  ware: WareInput;
  skus: SkuInput[];
}

const HAN = /\p{Script=Han}/u;

export function parseWareRequest(
  params: Record<string, unknown>,
  mode: "add" | "update",
  rules: WareRules,
): WareRequest {
  const problems: string[] = [];
  const ware = asObject(params.ware);
  if (!ware) throw invalid("ware must be an object");
  const skusRaw = params.skus;
  if (skusRaw !== undefined && !Array.isArray(skusRaw)) problems.push("skus must be an array");
  const skusList = Array.isArray(skusRaw) ? skusRaw : [];
  if (mode === "add" && skusList.length === 0) problems.push("at least one sku is required");

  const input: WareInput = {};
  const num = (key: keyof WareInput & string, check: (n: number) => boolean, what: string, required: boolean) => {
    const raw = ware[key];
    if (raw === undefined || raw === null || raw === "") {
      if (required) problems.push(`ware.${key} is required`);
      return;
    }
    const n = Number(raw);
    if (!check(n)) problems.push(`ware.${key} must be ${what}, got ${JSON.stringify(raw)}`);
    else (input as Record<string, unknown>)[key] = n;
  };
  const add = mode === "add";

  if (mode === "update") num("wareId", isPositiveInt, "a ware id", true);
  const title = ware.title;
  if (title !== undefined || add) {
    if (typeof title !== "string" || title.trim() === "") problems.push("ware.title is required");
    else {
      if (rules.requireChineseTitle && !HAN.test(title)) problems.push("ware.title must be Chinese (商品名称须含中文)");
      const length = Array.from(title).length;
      if (length > rules.maxTitleLength) {
        problems.push(`ware.title is ${length} characters; at most ${rules.maxTitleLength}`);
      }
      input.title = title;
    }
  }
  num("categoryId", isPositiveInt, "a leaf category id", add);
  if (
    input.categoryId !== undefined &&
    rules.categoryAllowlist &&
    !rules.categoryAllowlist.includes(input.categoryId)
  ) {
    problems.push(`ware.categoryId ${input.categoryId} is not a leaf category open to this shop`);
  }
  num("brandId", isPositiveInt, "a brand id", add);
  if (input.brandId !== undefined && rules.brandAllowlist && !rules.brandAllowlist.includes(input.brandId)) {
    problems.push(`ware.brandId ${input.brandId} is not authorized for this shop`);
  }
  for (const key of ["outerId", "itemNum", "introduction"] as const) {
    const value = ware[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") problems.push(`ware.${key} must be a string`);
    else input[key] = value;
  }
  for (const key of ["length", "width", "height"] as const) {
    num(key, isPositiveInt, "whole millimetres > 0", add);
  }
  num("weight", (n) => Number.isFinite(n) && n > 0 && n <= 10_000, "kg > 0", add);
  num("jdPrice", isYuan, "yuan > 0 with at most 2 decimals", add);
  num("marketPrice", isYuan, "yuan > 0 with at most 2 decimals", add);
  if (input.jdPrice !== undefined && input.marketPrice !== undefined && input.marketPrice < input.jdPrice) {
    problems.push("ware.marketPrice must not be below ware.jdPrice");
  }
  if (ware.props !== undefined) {
    const props = attrs(ware.props, "ware.props", problems);
    if (props) input.props = props;
  }

  if (mode === "update" && ware.images !== undefined) {
    problems.push("updateWare does not change images (use the image APIs)");
  } else if (add) {
    const images = imagesOf(ware.images, rules, problems);
    if (images) input.images = images;
  }

  const skus: SkuInput[] = [];
  const outerIds = new Set<string>();
  const combos = new Set<string>();
  skusList.forEach((raw, i) => {
    const at = `skus[${i}]`;
    const s = asObject(raw);
    if (!s) {
      problems.push(`${at} must be an object`);
      return;
    }
    const outerId = typeof s.outerId === "string" ? s.outerId.trim() : "";
    if (!outerId) problems.push(`${at}.outerId is required`);
    else if (outerIds.has(outerId)) problems.push(`${at}.outerId ${outerId} is used twice`);
    outerIds.add(outerId);
    const sku: SkuInput = { outerId };
    if (s.skuId !== undefined) {
      if (!isPositiveInt(Number(s.skuId))) problems.push(`${at}.skuId must be a sku id`);
      else sku.skuId = Number(s.skuId);
    }
    if (s.jdPrice !== undefined || add) {
      if (!isYuan(Number(s.jdPrice))) problems.push(`${at}.jdPrice must be yuan > 0 with at most 2 decimals`);
      else sku.jdPrice = Number(s.jdPrice);
    }
    if (s.stockNum !== undefined || add) {
      const stock = Number(s.stockNum);
      if (!(Number.isInteger(stock) && stock >= 0)) problems.push(`${at}.stockNum must be a whole number >= 0`);
      else sku.stockNum = stock;
    }
    const saleAttrs = attrs(s.saleAttrs ?? [], `${at}.saleAttrs`, problems);
    if (saleAttrs) sku.saleAttrs = saleAttrs;
    if (skusList.length > 1) {
      if (!saleAttrs || saleAttrs.length === 0)
        problems.push(`${at}.saleAttrs are required when a ware has several skus`);
      const combo = (saleAttrs ?? [])
        .map((a) => `${a.attrId}=${a.attrValues.join(",")}`)
        .sort()
        .join("|");
      if (combos.has(combo)) problems.push(`${at}.saleAttrs repeat another sku's (${combo})`);
      combos.add(combo);
    }
    if (s.barCode !== undefined && s.barCode !== "") sku.barCode = String(s.barCode);
    skus.push(sku);
  });

  if (problems.length > 0) throw failure(problems);
  return { ware: input, skus };
}

function imagesOf(raw: unknown, rules: WareRules, problems: string[]): SimImage[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push("ware.images: at least one main image is required");
    return undefined;
  }
  const images: SimImage[] = [];
  const perColor = new Map<string, Set<number>>();
  raw.forEach((node, i) => {
    const img = asObject(node);
    const at = `ware.images[${i}]`;
    if (!img) {
      problems.push(`${at} must be {colorId, imgIndex, imgUrl}`);
      return;
    }
    const colorId = typeof img.colorId === "string" ? img.colorId : "";
    const imgIndex = Number(img.imgIndex);
    const imgUrl = typeof img.imgUrl === "string" ? img.imgUrl : "";
    if (!colorId) problems.push(`${at}.colorId is required`);
    if (!isPositiveInt(imgIndex)) problems.push(`${at}.imgIndex must be 1, 2, ...`);
    const zonePath = isImageZonePath(imgUrl);
    if (!isHttpUrl(imgUrl) && !zonePath) problems.push(`${at}.imgUrl must be an http(s) URL or an image zone path`);
    else if (!zonePath && rules.imageHostAllowlist && !hostAllowed(imgUrl, rules.imageHostAllowlist)) {
      problems.push(`${at}.imgUrl is not in the JD image space: ${imgUrl}`);
    }
    const indexes = perColor.get(colorId) ?? new Set<number>();
    if (indexes.has(imgIndex)) problems.push(`${at}: imgIndex ${imgIndex} repeats for color ${colorId}`);
    indexes.add(imgIndex);
    perColor.set(colorId, indexes);
    images.push({ colorId, imgIndex, imgUrl });
  });
  if (!perColor.has(rules.mainImageColorId)) {
    problems.push(`ware.images: no main image (colorId ${rules.mainImageColorId})`);
  }
  for (const [colorId, indexes] of perColor) {
    if (indexes.size > rules.maxImages) {
      problems.push(`ware.images: ${indexes.size} images for color ${colorId}; at most ${rules.maxImages}`);
    }
  }
  return images;
}

function attrs(raw: unknown, at: string, problems: string[]): SimAttr[] | undefined {
  if (!Array.isArray(raw)) {
    problems.push(`${at} must be an array of {attrId, attrValues}`);
    return undefined;
  }
  const out: SimAttr[] = [];
  raw.forEach((node, i) => {
    const a = asObject(node);
    if (!a || (typeof a.attrId !== "string" && typeof a.attrId !== "number") || !Array.isArray(a.attrValues)) {
      problems.push(`${at}[${i}] must be {attrId, attrValues: [...]}`);
      return;
    }
    out.push({
      attrId: String(a.attrId),
      attrValues: a.attrValues.map(String),
      ...(a.index !== undefined ? { index: Number(a.index) } : {}),
    });
  });
  return out;
}

function failure(problems: string[]): JosFailure {
  return invalid(problems.join("; "), "商品信息校验失败");
}

export function isPositiveInt(n: number): boolean {
  return Number.isInteger(n) && n > 0;
}

/** > 0 with at most 2 decimals. */
export function isYuan(n: number): boolean {
  return Number.isFinite(n) && n > 0 && Math.abs(Math.round(n * 100) - n * 100) < 1e-6;
}

function hostAllowed(url: string, hosts: string[]): boolean {
  return onHost(new URL(url).hostname, hosts);
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
