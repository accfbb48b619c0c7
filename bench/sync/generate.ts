/**
 * Deterministic synthetic catalog for the benchmark: product i is always the same product (its own PRNG is seeded
 * from i), so any slice can be generated on its own and runs replay. The shape follows samples/demo-catalog.json:
 * English and Simplified Chinese content, images, attributes, wholesale quantity breaks, and variants with package
 * sizes and stock in two warehouses, valid for Daraz, Alibaba.com and JD alike.
 */

import type { CatalogProduct } from "../../src/catalog/catalogProduct.js";

export interface BenchCategory {
  code: string;
  name: string;
  parent?: string;
  /** Leaf ids on each channel (digits everywhere, so JD accepts them too). */
  channel: { daraz: string; alibaba: string; jd: string };
}

export const BENCH_WAREHOUSES = [
  { code: "SKT-1", name: "Sialkot main warehouse", city: "Sialkot" },
  { code: "KHI-PORT", name: "Karachi port bonded store", city: "Karachi" },
] as const;

export const BENCH_PARENTS = [
  { code: "sports", name: "Sports goods" },
  { code: "textiles", name: "Textiles" },
] as const;

export const BENCH_CATEGORIES: BenchCategory[] = [
  {
    code: "sports-balls",
    name: "Balls",
    parent: "sports",
    channel: { daraz: "10000421", alibaba: "100001019", jd: "1318" },
  },
  {
    code: "sports-gloves",
    name: "Gloves",
    parent: "sports",
    channel: { daraz: "10000433", alibaba: "100001020", jd: "1319" },
  },
  { code: "surgical", name: "Surgical instruments", channel: { daraz: "10002145", alibaba: "100002145", jd: "9192" } },
  {
    code: "textiles-ajrak",
    name: "Ajrak",
    parent: "textiles",
    channel: { daraz: "10001276", alibaba: "100001276", jd: "1315" },
  },
  { code: "salt", name: "Himalayan salt", channel: { daraz: "10003311", alibaba: "100003311", jd: "1320" } },
  { code: "leather", name: "Leather goods", channel: { daraz: "10000987", alibaba: "100000987", jd: "1672" } },
];

/** Channel category map for one channel, from BENCH_CATEGORIES. */
export function categoryMapFor(channel: "daraz" | "alibaba" | "jd"): Record<string, string> {
  return Object.fromEntries(BENCH_CATEGORIES.map((c) => [c.code, c.channel[channel]]));
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

const KINDS: Record<string, { en: string[]; zh: string[]; material: string[]; hs: string }> = {
  "sports-balls": {
    en: ["Match Football", "Training Football", "Futsal Ball", "Volleyball", "Rugby Ball"],
    zh: ["比赛足球", "训练足球", "五人制足球", "排球", "橄榄球"],
    material: ["PU leather", "PVC", "TPU"],
    hs: "9506.62",
  },
  "sports-gloves": {
    en: ["Goalkeeper Gloves", "Cricket Batting Gloves", "Boxing Gloves", "Cycling Gloves"],
    zh: ["守门员手套", "板球击球手套", "拳击手套", "骑行手套"],
    material: ["Latex", "Leather", "Synthetic leather"],
    hs: "4203.21",
  },
  surgical: {
    en: ["Mayo Scissors", "Needle Holder", "Tissue Forceps", "Scalpel Handle"],
    zh: ["手术剪", "持针器", "组织镊", "手术刀柄"],
    material: ["Stainless steel", "German steel"],
    hs: "9018.90",
  },
  "textiles-ajrak": {
    en: ["Ajrak Shawl", "Ajrak Bedsheet", "Ajrak Dupatta"],
    zh: ["阿杰拉克披肩", "阿杰拉克床单", "阿杰拉克围巾"],
    material: ["Cotton", "Cotton lawn"],
    hs: "6214.90",
  },
  salt: {
    en: ["Himalayan Salt Lamp", "Pink Salt Block", "Salt Candle Holder"],
    zh: ["喜马拉雅盐灯", "粉红盐砖", "盐烛台"],
    material: ["Rock salt"],
    hs: "2501.00",
  },
  leather: {
    en: ["Leather Wallet", "Leather Jacket", "Leather Belt", "Laptop Bag"],
    zh: ["真皮钱包", "皮夹克", "真皮腰带", "电脑包"],
    material: ["Cowhide", "Goat leather", "Sheep nappa"],
    hs: "4202.31",
  },
};

const COLORS: [string, string][] = [
  ["White", "白色"],
  ["Black", "黑色"],
  ["Red", "红色"],
  ["Blue", "蓝色"],
  ["Yellow", "黄色"],
  ["Green", "绿色"],
];
const SIZES = ["S", "M", "L", "XL", "3", "4", "5"];
const BRANDS = ["Sialkot Crafts", "Indus Leather", "Punjab Surgical", "Khewra Salt Co", "Sindh Heritage"];

const money = (v: number) => v.toFixed(2);
const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;

/** Product number `index` (0-based) with `variantCount` variants; `skuPrefix` keeps phases apart. */
export function generateProduct(index: number, variantCount = 4, skuPrefix = "BN"): GenProduct {
  const rnd = prng(0x7ea7 ^ Math.imul(index + 1, 0x9e3779b1));
  const category = BENCH_CATEGORIES[index % BENCH_CATEGORIES.length]!;
  const kind = KINDS[category.code]!;
  const k = Math.floor(rnd() * kind.en.length);
  const sku = `${skuPrefix}-${String(index).padStart(7, "0")}`;
  const model = `M${(index % 9000) + 1000}`;
  const base = Math.round(800 + rnd() * 19_000);
  const brand = pick(rnd, BRANDS);
  const material = pick(rnd, kind.material);
  const enName = kind.en[k]!;
  const zhName = kind.zh[k]!;
  const variants: GenProduct["variants"] = [];
  for (let v = 0; v < variantCount; v += 1) {
    const color = COLORS[v % COLORS.length]!;
    // Distinct (color, size) pairs for up to 42 variants.
    const size = SIZES[Math.floor(v / COLORS.length) % SIZES.length]!;
    variants.push({
      sellerSku: `${sku}-${v + 1}`,
      options: { color: color[0], size },
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
  return {
    sku,
    category: category.code,
    brand,
    modelNumber: model,
    hsCode: kind.hs,
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
      { url: `https://images.example.com/bench/${sku}-front.jpg`, altText: `${enName}, front` },
      { url: `https://images.example.com/bench/${sku}-side.jpg`, altText: `${enName}, side` },
    ],
    attributes: [
      { key: "material", type: "text", value: material },
      { key: "pieces", type: "number", value: "1" },
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
