/**
 * Deterministic synthetic catalog for the benchmark: product i is always the same product (its own PRNG is seeded
 * from i), so any slice can be generated on its own and runs replay. The shape follows samples/demo-catalog.json:
 * English and Simplified Chinese content, two images on the local sample image host, attributes, wholesale quantity
 * breaks, and variants with package sizes and stock in two warehouses. Each category sits in a real leaf of the
 * simulators' trees on Daraz, Alibaba.com and JD, and its products carry what those leaves require (with the bench
 * accounts' mappings, see mappings.ts), so every listing goes live under enforced readiness.
 */

import type { CatalogProduct } from "../../src/catalog/catalogProduct.js";

/** How one master attribute or variant option key reaches a channel attribute the channel names its own way. */
export interface BenchAttributeMap {
  master: string;
  /** The channel attribute's label in the mapped category (as the channel's taxonomy names it). */
  label: string;
  /** Master value -> the channel value's label, where they do not read the same. */
  values?: Record<string, string>;
}

export interface BenchCategory {
  code: string;
  name: string;
  parent?: string;
  /** The leaf on each channel (the simulators' trees: the sample catalog's leaves). */
  channel: { daraz: string; alibaba: string; jd: string };
  /** Product kinds of the category, English and Simplified Chinese. */
  kinds: [en: string, zh: string][];
  materials: string[];
  hs: string;
  /**
   * Variant option keys and their values; the first key varies fastest, so the first variants differ on it. Every
   * category offers at least 4 distinct combinations (more variants repeat them).
   */
  options: [key: string, values: string[]][];
  /** Attributes every product of the category carries besides material and pieces. */
  attributes: (model: string, rnd: () => number) => { key: string; type: "text" | "number"; value: string }[];
  /**
   * Attribute and value mappings the bench accounts import (per channel, scoped to this category's leaf). Keys whose
   * names already read like the channel's (material -> Material, color -> Color Family) need none; JD names every
   * attribute and value in Chinese, so it needs one for each.
   */
  maps: { daraz?: BenchAttributeMap[]; alibaba?: BenchAttributeMap[]; jd?: BenchAttributeMap[] };
}

export const BENCH_WAREHOUSES = [
  { code: "SKT-1", name: "Sialkot main warehouse", city: "Sialkot" },
  { code: "KHI-PORT", name: "Karachi port bonded store", city: "Karachi" },
] as const;

export const BENCH_PARENTS = [
  { code: "sports", name: "Sports goods" },
  { code: "textiles", name: "Textiles" },
  { code: "handicrafts", name: "Handicrafts" },
] as const;

/** JD's colour values (the 颜色 attribute of every JD leaf that has one). */
const JD_COLOURS: Record<string, string> = {
  White: "白色",
  Black: "黑色",
  Red: "红色",
  Blue: "蓝色",
  Yellow: "黄色",
  Green: "绿色",
  Orange: "橙色",
  Pink: "粉色",
  Brown: "棕色",
};
const jdColour: BenchAttributeMap = { master: "color", label: "颜色", values: JD_COLOURS };

export const BENCH_CATEGORIES: BenchCategory[] = [
  {
    code: "sports-balls",
    name: "Balls",
    parent: "sports",
    channel: { daraz: "10000421", alibaba: "100005471", jd: "1467" },
    kinds: [
      ["Match Football", "比赛足球"],
      ["Training Football", "训练足球"],
      ["Futsal Ball", "五人制足球"],
      ["Beach Football", "沙滩足球"],
    ],
    materials: ["PU leather", "PVC", "TPU"],
    hs: "9506.62",
    options: [
      ["color", ["White", "Yellow", "Orange", "Blue", "Red", "Black"]],
      ["size", ["5", "4", "3"]],
    ],
    attributes: () => [{ key: "panels", type: "text", value: "32" }],
    maps: {
      jd: [
        { master: "material", label: "材质", values: { "PU leather": "PU皮革" } },
        { master: "size", label: "号数", values: { "5": "5号", "4": "4号", "3": "3号" } },
        jdColour,
        { master: "place_of_origin", label: "产地", values: { Pakistan: "巴基斯坦" } },
      ],
    },
  },
  {
    code: "sports-gloves",
    name: "Gloves",
    parent: "sports",
    channel: { daraz: "10000437", alibaba: "100005472", jd: "13773" },
    kinds: [
      ["Goalkeeper Gloves", "守门员手套"],
      ["Junior Goalkeeper Gloves", "青少年守门员手套"],
      ["Finger-save Goalkeeper Gloves", "护指守门员手套"],
    ],
    materials: ["Latex", "German latex"],
    hs: "4203.21",
    options: [
      ["size", ["8", "9", "10", "7", "11", "6"]],
      ["color", ["Black", "White", "Green", "Yellow"]],
    ],
    attributes: () => [],
    maps: {
      jd: [
        { master: "material", label: "材质", values: { Latex: "乳胶", "German latex": "德国乳胶" } },
        { master: "size", label: "尺码" },
        jdColour,
      ],
    },
  },
  {
    code: "surgical",
    name: "Surgical instruments",
    channel: { daraz: "10002145", alibaba: "100002111", jd: "27548" },
    kinds: [
      ["Mayo Scissors", "梅奥手术剪"],
      ["Metzenbaum Scissors", "组织剪"],
      ["Iris Scissors", "眼科剪"],
      ["Suture Scissors", "拆线剪"],
    ],
    materials: ["Stainless steel", "German stainless steel"],
    hs: "9018.90",
    options: [["size", ["14 cm", "16 cm", "18 cm", "11.5 cm"]]],
    attributes: (model, rnd) => [
      { key: "blade", type: "text", value: rnd() < 0.5 ? "Straight" : "Curved" },
      { key: "instrument_classification", type: "text", value: "Class I" },
      { key: "warranty", type: "text", value: "None" },
      { key: "autoclavable", type: "text", value: "Yes" },
      { key: "registration_number", type: "text", value: `DRAP-SKT-${model}` },
    ],
    maps: {
      jd: [
        {
          master: "material",
          label: "材质",
          values: { "Stainless steel": "医用不锈钢", "German stainless steel": "医用不锈钢" },
        },
        {
          master: "size",
          label: "规格",
          values: { "14 cm": "14cm", "16 cm": "16cm", "18 cm": "18cm", "11.5 cm": "11.5cm" },
        },
        { master: "blade", label: "剪头类型", values: { Straight: "直头", Curved: "弯头" } },
        { master: "autoclavable", label: "是否可高温灭菌", values: { Yes: "是" } },
        { master: "registration_number", label: "医疗器械注册证编号" },
        { master: "warranty", label: "质保期", values: { None: "无质保" } },
      ],
    },
  },
  {
    code: "textiles-ajrak",
    name: "Ajrak",
    parent: "textiles",
    channel: { daraz: "10001276", alibaba: "100005022", jd: "15271" },
    kinds: [
      ["Ajrak Shawl", "阿杰拉克披肩"],
      ["Ajrak Dupatta", "阿杰拉克围巾"],
      ["Ajrak Stole", "阿杰拉克长披巾"],
    ],
    materials: ["Cotton", "Cotton lawn"],
    hs: "6214.90",
    options: [["color", ["Red", "Blue", "Black", "Green", "Brown", "Yellow"]]],
    attributes: () => [{ key: "technique", type: "text", value: "Hand Block Printed" }],
    maps: {
      jd: [
        { master: "material", label: "材质", values: { Cotton: "纯棉", "Cotton lawn": "纯棉" } },
        jdColour,
        { master: "technique", label: "工艺", values: { "Hand Block Printed": "手工雕版印花" } },
      ],
    },
  },
  {
    code: "handicrafts-camel-lamps",
    name: "Camel-skin lamps",
    parent: "handicrafts",
    channel: { daraz: "10003519", alibaba: "100009011", jd: "9859" },
    kinds: [
      ["Camel Skin Table Lamp", "骆驼皮台灯"],
      ["Camel Skin Floor Lamp", "骆驼皮落地灯"],
      ["Multani Camel Skin Lamp", "木尔坦骆驼皮灯"],
    ],
    materials: ["Camel skin"],
    hs: "9405.20",
    options: [["color", ["Orange", "Brown", "Red", "Yellow", "Green", "Blue"]]],
    attributes: () => [
      { key: "voltage", type: "text", value: "220V" },
      { key: "warranty", type: "text", value: "None" },
    ],
    maps: {
      jd: [
        { master: "material", label: "材质", values: { "Camel skin": "骆驼皮" } },
        jdColour,
        { master: "voltage", label: "额定电压" },
      ],
    },
  },
  {
    code: "leather",
    name: "Leather goods",
    channel: { daraz: "10000987", alibaba: "100003011", jd: "9735" },
    kinds: [
      ["Leather Jacket", "皮夹克"],
      ["Biker Leather Jacket", "机车皮衣"],
      ["Bomber Leather Jacket", "飞行员皮夹克"],
    ],
    materials: ["Cowhide", "Lambskin"],
    hs: "4203.10",
    options: [
      ["size", ["S", "M", "L", "XL"]],
      ["color", ["Black", "Brown"]],
    ],
    attributes: () => [{ key: "gender", type: "text", value: "Men" }],
    maps: {
      jd: [
        { master: "material", label: "材质", values: { Cowhide: "牛皮", Lambskin: "绵羊皮" } },
        jdColour,
        { master: "size", label: "尺码" },
        { master: "gender", label: "适用性别", values: { Men: "男" } },
      ],
    },
  },
];

/** Channel category map for one channel, from BENCH_CATEGORIES. */
export function categoryMapFor(channel: "daraz" | "alibaba" | "jd"): Record<string, string> {
  return Object.fromEntries(BENCH_CATEGORIES.map((c) => [c.code, c.channel[channel]]));
}

/**
 * Where product images come from: the local sample image host (src/media/sampleImageHost.ts), which draws a real
 * image for any path. `pool` > 0 makes products i and i + pool share their pictures (2 x pool distinct pictures in
 * all: the host draws each in about 50 ms of this process's CPU, a bench artifact); 0 gives every product its own.
 */
export interface BenchImages {
  /** Base URL of the image host, e.g. http://127.0.0.1:40123. */
  base: string;
  pool: number;
}

/** 800 x 800: inside every channel's rules (JD wants squares of at least 800 px). */
const IMAGE_SIZE = "w=800&h=800";

/** The two image URLs of product `index`. */
export function benchImageUrls(images: BenchImages, index: number, sku: string): [front: string, side: string] {
  const name = images.pool > 0 ? `pool/p${String(index % images.pool).padStart(5, "0")}` : `sku/${sku}`;
  return [
    `${images.base}/bench/${name}-front.jpg?${IMAGE_SIZE}`,
    `${images.base}/bench/${name}-side.jpg?${IMAGE_SIZE}`,
  ];
}

/** The raw product input accepted by saveProduct (productInput), with money as 2-decimal strings. */
export interface GenProduct {
  sku: string;
  category: string;
  brand: string;
  modelNumber: string;
  hsCode: string;
  originCity: string;
  originRegion: string;
  basePricePkr: string;
  costPkr: string;
  content: {
    locale: "en" | "zh-Hans";
    title: string;
    description: string;
    bullets: string[];
    keywords: string[];
  }[];
  media: { url: string; altText: string }[];
  attributes: { key: string; type: "text" | "number"; value: string }[];
  quantityBreaks: { minQuantity: number; pricePkr: string }[];
  variants: {
    sellerSku: string;
    options: Record<string, string>;
    pricePkr: string;
    lengthCm: number;
    widthCm: number;
    heightCm: number;
    weightKg: number;
    stock: { warehouse: string; quantity: number }[];
  }[];
}

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BRANDS = ["Sialkot Crafts", "Indus Leather", "Punjab Surgical", "Khewra Salt Co", "Sindh Heritage"];

const money = (v: number) => v.toFixed(2);
const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;

/** Variant v's options: a mixed-radix count over the category's option lists, the first list fastest. */
function variantOptions(category: BenchCategory, v: number): Record<string, string> {
  const options: Record<string, string> = {};
  let rest = v;
  for (const [key, values] of category.options) {
    options[key] = values[rest % values.length] as string;
    rest = Math.floor(rest / values.length);
  }
  return options;
}

/**
 * Product number `index` (0-based) with `variantCount` variants; `skuPrefix` keeps phases apart; `images` says where
 * its two pictures are served.
 */
export function generateProduct(
  index: number,
  variantCount: number,
  skuPrefix: string,
  images: BenchImages,
): GenProduct {
  const rnd = prng(0x7ea7 ^ Math.imul(index + 1, 0x9e3779b1));
  const category = BENCH_CATEGORIES[index % BENCH_CATEGORIES.length]!;
  const [enName, zhName] = pick(rnd, category.kinds);
  const sku = `${skuPrefix}-${String(index).padStart(7, "0")}`;
  const model = `M${(index % 9000) + 1000}`;
  const base = Math.round(800 + rnd() * 19_000);
  const brand = pick(rnd, BRANDS);
  const material = pick(rnd, category.materials);
  const variants: GenProduct["variants"] = [];
  for (let v = 0; v < variantCount; v += 1) {
    variants.push({
      sellerSku: `${sku}-${v + 1}`,
      options: variantOptions(category, v),
      pricePkr: money(base + v * 50),
      lengthCm: 10 + Math.round(rnd() * 30),
      widthCm: 10 + Math.round(rnd() * 30),
      heightCm: 2 + Math.round(rnd() * 20),
      weightKg: Math.round((0.1 + rnd() * 2) * 1000) / 1000,
      stock: [
        { warehouse: "SKT-1", quantity: Math.floor(rnd() * 500) },
        { warehouse: "KHI-PORT", quantity: Math.floor(rnd() * 100) },
      ],
    });
  }
  const [front, side] = benchImageUrls(images, index, sku);
  return {
    sku,
    category: category.code,
    brand,
    modelNumber: model,
    hsCode: category.hs,
    originCity: "Sialkot",
    originRegion: "Punjab",
    basePricePkr: money(base),
    costPkr: money(Math.round(base * 0.55)),
    content: [
      {
        locale: "en",
        title: `${brand} ${enName} ${model}, ${material}, Export Quality`,
        description: `<p>${enName} made in Sialkot from ${material.toLowerCase()}. Model ${model}, batch ${index}.</p>`,
        bullets: [`Made of ${material.toLowerCase()}`, "Export quality, hand finished", `Model ${model}`],
        keywords: [enName.toLowerCase(), material.toLowerCase(), "made in pakistan"],
      },
      {
        locale: "zh-Hans",
        title: `${zhName} ${model} 出口品质`,
        description: `<p>锡亚尔科特制造的${zhName}，型号 ${model}。</p>`,
        bullets: ["出口品质", "手工精制"],
        keywords: [zhName, "巴基斯坦制造"],
      },
    ],
    media: [
      { url: front, altText: `${enName}, front` },
      { url: side, altText: `${enName}, side` },
    ],
    attributes: [
      { key: "material", type: "text", value: material },
      { key: "pieces", type: "number", value: "1" },
      ...category.attributes(model, rnd),
    ],
    quantityBreaks: [
      { minQuantity: 100, pricePkr: money(Math.round(base * 0.87)) },
      { minQuantity: 500, pricePkr: money(Math.round(base * 0.76)) },
    ],
    variants,
  };
}

/**
 * The CatalogProduct that loadProduct() returns for a generated product seeded by seed.ts (same order of content,
 * media, attributes, breaks and variants), so accepted hashes can be computed while seeding. noopResync checks a
 * sample against products read back through the real loader.
 */
export function asCatalogProduct(id: string, exporterId: string, p: GenProduct): CatalogProduct {
  return {
    id,
    exporterId,
    sku: p.sku,
    categoryCode: p.category,
    brand: p.brand,
    modelNumber: p.modelNumber,
    hsCode: p.hsCode,
    origin: { city: p.originCity, region: p.originRegion, country: "PK" },
    basePricePkr: p.basePricePkr,
    costPkr: p.costPkr,
    active: true,
    version: 1,
    content: [...p.content]
      .sort((a, b) => (a.locale < b.locale ? -1 : 1))
      .map((c) => ({ ...c, source: "human" as const, locked: true })),
    media: p.media.map((m) => ({ ...m })),
    attributes: [...p.attributes].sort((a, b) => (a.key < b.key ? -1 : 1)).map((a) => ({ ...a })),
    quantityBreaks: [...p.quantityBreaks].sort((a, b) => a.minQuantity - b.minQuantity),
    variants: p.variants.map((v, position) => ({
      id: `${id}v${position}`,
      sellerSku: v.sellerSku,
      options: { ...v.options },
      pricePkr: v.pricePkr,
      lengthCm: String(v.lengthCm),
      widthCm: String(v.widthCm),
      heightCm: String(v.heightCm),
      weightKg: String(v.weightKg),
      stock: v.stock.map((s) => ({ warehouse: s.warehouse, quantity: s.quantity })),
    })),
  };
}
