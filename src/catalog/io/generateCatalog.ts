import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { stringify } from "csv-stringify/sync";
import type { ProductSnapshot } from "../productSnapshot.js";
import { type CsvLayout, layoutHeader, parseHeader } from "./csvColumns.js";
import { productToCsvRows } from "./csvProduct.js";
import { detectFormat, type ImportFormat } from "./sources.js";

/**
 * Deterministic synthetic catalog: plausible Pakistani export products (Sialkot sports and surgical goods, leather,
 * Sindhi ajrak, Faisalabad towels, Chiniot furniture, Khewra salt, basmati, dates, spices...), 1-4 variants each.
 * The same seed always yields the same products, byte for byte. Categories and warehouses are those of
 * samples/catalog.json (see generatorReferences).
 */

/** mulberry32: small, fast, good enough for test data, and the same on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const round = (n: number, digits: number) => Number(n.toFixed(digits));
const money = (n: number) => (Math.round(n / 10) * 10).toFixed(2);
function sample<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]!);
  return out;
}

interface Template {
  category: string;
  code: string;
  hsCode: string;
  origin: [city: string, region: string];
  brands: string[];
  names: string[];
  zh: string;
  ur: string;
  price: [number, number];
  /** Option dimensions: the first varies per variant, the second (if any) too. */
  options: Record<string, string[]>;
  size: [l: number, w: number, h: number];
  weight: [number, number];
  attributes: (rng: Rng) => { key: string; type: "text" | "number" | "boolean" | "enum"; value: string }[];
  bullets: string[];
  keywords: string[];
}

const templates: Template[] = [
  {
    category: "sports-footballs",
    code: "FB",
    hsCode: "9506.62",
    origin: ["Sialkot", "Punjab"],
    brands: ["Panjnad Sports", "Sialkot Stitch Works", "Indus Match Balls"],
    names: ["Hand-Stitched Match Football", "Thermo-Bonded Training Football", "Futsal Ball", "Beach Football"],
    zh: "手工缝制足球",
    ur: "ہاتھ سے سلا ہوا فٹ بال",
    price: [1800, 7000],
    options: { size: ["3", "4", "5"], color: ["White/Navy", "White/Red", "Yellow/Black", "Orange"] },
    size: [23, 23, 23],
    weight: [0.35, 0.45],
    attributes: (rng) => [
      { key: "panels", type: "number", value: pick(rng, ["12", "18", "26", "32"]) },
      { key: "bladder", type: "enum", value: pick(rng, ["Butyl", "Latex"]) },
      { key: "material", type: "text", value: pick(rng, ["PU leather, 1.2 mm", "PVC, 1.0 mm", "TPU, 1.1 mm"]) },
    ],
    bullets: [
      "Hand stitched with waxed polyester thread",
      "Rebound tested",
      "Holds pressure for weeks",
      "FIFA size and weight",
    ],
    keywords: ["football", "soccer ball", "match ball", "sialkot football"],
  },
  {
    category: "sports-cricket-bats",
    code: "CB",
    hsCode: "9506.99",
    origin: ["Sialkot", "Punjab"],
    brands: ["Chenab Willow", "Ravi Bat Works"],
    names: ["Kashmir Willow Cricket Bat", "English Willow Cricket Bat", "Tape-Ball Cricket Bat"],
    zh: "板球拍",
    ur: "کرکٹ بیٹ",
    price: [4500, 38000],
    options: { size: ["SH", "LH", "Harrow", "6"] },
    size: [86, 11, 7],
    weight: [1.1, 1.4],
    attributes: (rng) => [
      { key: "grains", type: "text", value: `${int(rng, 6, 12)}-${int(rng, 13, 16)}` },
      { key: "edge_mm", type: "number", value: String(int(rng, 34, 42)) },
      { key: "knocked_in", type: "boolean", value: pick(rng, ["true", "false"]) },
    ],
    bullets: ["Pressed and oiled", "Thick edges, mid-low sweet spot", "Cane handle with rubber grip"],
    keywords: ["cricket bat", "willow bat", "hard ball bat"],
  },
  {
    category: "sports-goalkeeper-gloves",
    code: "GK",
    hsCode: "4203.21",
    origin: ["Sialkot", "Punjab"],
    brands: ["Panjnad Sports", "Keeper Craft Sialkot"],
    names: ["Goalkeeper Gloves Negative Cut", "Goalkeeper Gloves Roll Finger", "Junior Goalkeeper Gloves"],
    zh: "守门员手套",
    ur: "گول کیپر دستانے",
    price: [1500, 6500],
    options: { size: ["7", "8", "9", "10"], color: ["Black/Lime", "Blue/Orange"] },
    size: [30, 15, 8],
    weight: [0.2, 0.3],
    attributes: (rng) => [
      { key: "palm", type: "text", value: pick(rng, ["4 mm German latex", "3 mm contact latex"]) },
      { key: "cut", type: "enum", value: pick(rng, ["Negative", "Roll finger", "Flat"]) },
      { key: "finger_protection", type: "boolean", value: pick(rng, ["true", "false"]) },
    ],
    bullets: ["German latex palm", "Breathable mesh back", "Wrap-around wrist strap"],
    keywords: ["goalkeeper gloves", "keeper gloves", "latex gloves"],
  },
  {
    category: "surgical-scissors",
    code: "SURG",
    hsCode: "9018.90",
    origin: ["Sialkot", "Punjab"],
    brands: ["Neelum Surgical", "Sialkot Instruments Co."],
    names: ["Metzenbaum Scissors", "Mayo Dissecting Scissors", "Iris Scissors", "Operating Scissors Sharp/Blunt"],
    zh: "手术剪",
    ur: "سرجیکل قینچی",
    price: [600, 3500],
    options: { blade: ["Curved", "Straight"], length: ["11.5 cm", "14.5 cm", "18 cm"] },
    size: [20, 6, 2],
    weight: [0.03, 0.09],
    attributes: (rng) => [
      { key: "material", type: "text", value: "AISI 420 stainless steel" },
      { key: "autoclavable", type: "boolean", value: "true" },
      { key: "finish", type: "enum", value: pick(rng, ["Satin", "Mirror"]) },
    ],
    bullets: ["German-grade stainless steel", "Autoclavable", "Hand finished and inspected"],
    keywords: ["surgical scissors", "dissecting scissors", "medical instruments"],
  },
  {
    category: "surgical-dental",
    code: "DENT",
    hsCode: "9018.49",
    origin: ["Sialkot", "Punjab"],
    brands: ["Neelum Dental", "Wazirabad Dental Works"],
    names: ["Dental Scaler", "Extraction Forceps", "Dental Mirror Handle", "Periodontal Probe"],
    zh: "牙科器械",
    ur: "دانتوں کا آلہ",
    price: [450, 2600],
    options: { tips: ["H6/H7", "204S", "Jacquette 31/32", "UNC 15"] },
    size: [17, 2, 2],
    weight: [0.02, 0.06],
    attributes: (rng) => [
      { key: "handle_mm", type: "number", value: pick(rng, ["6.5", "8", "9.5"]) },
      { key: "autoclavable", type: "boolean", value: "true" },
    ],
    bullets: ["Hollow handle, light in hand", "Autoclavable", "Passivated stainless steel"],
    keywords: ["dental instruments", "scaler", "dental tools"],
  },
  {
    category: "leather-jackets",
    code: "JKT",
    hsCode: "4203.10",
    origin: ["Lahore", "Punjab"],
    brands: ["Sambrial Hide Co.", "Ravi Leather House"],
    names: ["Lambskin Biker Jacket", "Suede Bomber Jacket", "Cowhide Racer Jacket"],
    zh: "真皮夹克",
    ur: "چمڑے کی جیکٹ",
    price: [14000, 42000],
    options: { size: ["S", "M", "L", "XL"], color: ["Black", "Brown", "Tan"] },
    size: [45, 35, 8],
    weight: [1.2, 2.1],
    attributes: (rng) => [
      { key: "material", type: "text", value: pick(rng, ["Lambskin, 0.8 mm", "Cowhide, 1.2 mm", "Goat suede"]) },
      { key: "lining", type: "text", value: pick(rng, ["Quilted polyester", "Cotton twill"]) },
      { key: "fit", type: "enum", value: pick(rng, ["Slim", "Regular"]) },
    ],
    bullets: ["Full-grain leather", "YKK zips", "Two inner pockets"],
    keywords: ["leather jacket", "biker jacket", "lambskin jacket"],
  },
  {
    category: "leather-wallets",
    code: "WAL",
    hsCode: "4202.31",
    origin: ["Karachi", "Sindh"],
    brands: ["Sambrial Hide Co.", "Karachi Leather Studio"],
    names: ["Bifold Leather Wallet", "Card Holder", "Travel Passport Wallet"],
    zh: "真皮钱包",
    ur: "چمڑے کا بٹوہ",
    price: [1200, 5200],
    options: { color: ["Black", "Brown", "Tan", "Navy"] },
    size: [12, 10, 2],
    weight: [0.08, 0.15],
    attributes: (rng) => [
      { key: "card_slots", type: "number", value: String(int(rng, 4, 12)) },
      { key: "rfid_blocking", type: "boolean", value: pick(rng, ["true", "false"]) },
    ],
    bullets: ["Vegetable-tanned leather", "Hand-burnished edges", "Slim profile"],
    keywords: ["leather wallet", "bifold wallet", "card holder"],
  },
  {
    category: "leather-khussa",
    code: "KHS",
    hsCode: "6403.59",
    origin: ["Multan", "Punjab"],
    brands: ["Multan Khussa Ghar", "Tilla Footwear"],
    names: ["Embroidered Multani Khussa", "Tilla Work Khussa", "Plain Leather Khussa"],
    zh: "手工绣花鞋",
    ur: "ملتانی کھسہ",
    price: [2200, 7800],
    options: { size: ["37", "38", "39", "40", "41", "42"], color: ["Gold", "Maroon", "Black"] },
    size: [30, 12, 10],
    weight: [0.4, 0.6],
    attributes: (rng) => [
      { key: "upper", type: "text", value: pick(rng, ["Cow leather with tilla embroidery", "Velvet with zari work"]) },
      { key: "sole", type: "enum", value: pick(rng, ["Leather", "Rubber"]) },
      { key: "handmade", type: "boolean", value: "true" },
    ],
    bullets: ["Hand embroidered in Multan", "Soft leather lining", "Flexible sole"],
    keywords: ["khussa", "multani khussa", "juttis"],
  },
  {
    category: "textiles-ajrak",
    code: "AJ",
    hsCode: "6214.90",
    origin: ["Hala", "Sindh"],
    brands: ["Hala Block Prints", "Bhit Shah Ajrak House"],
    names: ["Hand Block-Printed Ajrak Shawl", "Ajrak Bedsheet Set", "Ajrak Dupatta"],
    zh: "阿杰拉克手工印染披肩",
    ur: "اجرک شال",
    price: [1800, 9500],
    options: { color: ["Maroon", "Indigo Blue", "Black/Red"] },
    size: [35, 25, 3],
    weight: [0.3, 0.9],
    attributes: (rng) => [
      { key: "material", type: "text", value: "100% cotton cambric" },
      { key: "dye", type: "text", value: pick(rng, ["Natural indigo and madder", "Vegetable dyes"]) },
      { key: "technique", type: "enum", value: "Hand block print" },
    ],
    bullets: ["Hand block printed in Sindh", "Natural dyes", "Soft cotton, softer with each wash"],
    keywords: ["ajrak", "sindhi ajrak", "block print shawl"],
  },
  {
    category: "textiles-towels",
    code: "TWL",
    hsCode: "6302.60",
    origin: ["Faisalabad", "Punjab"],
    brands: ["Lyallpur Looms", "Chenab Terry Mills"],
    names: ["Zero-Twist Bath Towel", "Hotel Hand Towel Set", "Cotton Beach Towel"],
    zh: "纯棉浴巾",
    ur: "تولیہ",
    price: [900, 4200],
    options: { color: ["White", "Navy", "Maroon", "Grey"] },
    size: [35, 25, 8],
    weight: [0.4, 0.9],
    attributes: (rng) => [
      { key: "gsm", type: "number", value: pick(rng, ["450", "500", "600", "700"]) },
      { key: "material", type: "text", value: "100% cotton, zero-twist" },
    ],
    bullets: ["Long-staple Pakistani cotton", "Highly absorbent", "Double-stitched hems"],
    keywords: ["bath towel", "cotton towel", "hotel towel"],
  },
  {
    category: "furniture-chiniot",
    code: "FUR",
    hsCode: "9403.60",
    origin: ["Chiniot", "Punjab"],
    brands: ["Chiniot Naqqash", "Sheesham Crafts"],
    names: ["Carved Sheesham Side Table", "Hand-Carved Coffee Table", "Chiniot Carved Chair"],
    zh: "手工雕刻实木家具",
    ur: "چنیوٹی فرنیچر",
    price: [18000, 145000],
    options: { finish: ["Natural", "Walnut", "Antique"] },
    size: [60, 60, 55],
    weight: [9, 35],
    attributes: (rng) => [
      { key: "material", type: "text", value: "Solid sheesham wood" },
      { key: "assembly_required", type: "boolean", value: pick(rng, ["true", "false"]) },
      { key: "height_cm", type: "number", value: String(int(rng, 45, 80)) },
    ],
    bullets: ["Hand carved by Chiniot craftsmen", "Solid seasoned sheesham", "Lacquer finish"],
    keywords: ["chiniot furniture", "carved table", "sheesham furniture"],
  },
  {
    category: "salt-lamps",
    code: "SALT",
    hsCode: "9405.21",
    origin: ["Khewra", "Punjab"],
    brands: ["Salt Range Kitchen", "Khewra Crystal"],
    names: ["Natural Himalayan Salt Lamp", "Salt Lamp Bowl with Massage Stones", "Carved Salt Lamp"],
    zh: "喜马拉雅盐灯",
    ur: "نمک کا لیمپ",
    price: [1600, 9000],
    options: { weight: ["2-3 kg", "3-5 kg", "5-8 kg"] },
    size: [20, 15, 15],
    weight: [2.5, 8],
    attributes: (rng) => [
      { key: "voltage", type: "text", value: pick(rng, ["220-240 V", "110-120 V"]) },
      { key: "dimmer", type: "boolean", value: pick(rng, ["true", "false"]) },
      { key: "bulb_included", type: "boolean", value: "true" },
    ],
    bullets: ["Hand-carved from Khewra pink salt", "Warm amber glow", "Wooden base, dimmer cord"],
    keywords: ["salt lamp", "himalayan salt lamp", "pink salt"],
  },
  {
    category: "rice-basmati",
    code: "RICE",
    hsCode: "1006.30",
    origin: ["Gujranwala", "Punjab"],
    brands: ["Kallar Grain Co.", "Punjab Basmati Mills"],
    names: ["Super Kernel Basmati Rice", "1121 Extra Long Basmati", "Aged Basmati Rice"],
    zh: "巴斯马蒂香米",
    ur: "باسمتی چاول",
    price: [1200, 6500],
    options: { pack: ["1 kg", "5 kg", "10 kg", "25 kg"] },
    size: [40, 25, 10],
    weight: [1.05, 10.2],
    attributes: (rng) => [
      { key: "variety", type: "enum", value: pick(rng, ["Super Kernel", "1121", "386"]) },
      { key: "aged_months", type: "number", value: pick(rng, ["6", "12", "18"]) },
      { key: "broken_pct_max", type: "number", value: pick(rng, ["1", "2", "5"]) },
    ],
    bullets: ["Aged for aroma", "Extra long grains after cooking", "Sortex cleaned"],
    keywords: ["basmati rice", "pakistani rice", "long grain rice"],
  },
  {
    category: "handicrafts-onyx",
    code: "ONYX",
    hsCode: "6802.91",
    origin: ["Quetta", "Balochistan"],
    brands: ["Chagai Onyx Works", "Green Marble House"],
    names: ["Onyx Vase", "Onyx Coaster Set", "Onyx Candle Holder", "Onyx Chess Set"],
    zh: "缟玛瑙工艺品",
    ur: "سنگ مرمر کا گلدان",
    price: [1400, 16000],
    options: { color: ["Green", "White", "Multi"] },
    size: [20, 20, 25],
    weight: [0.6, 3.5],
    attributes: (rng) => [
      { key: "material", type: "text", value: "Natural onyx marble" },
      { key: "finish", type: "enum", value: pick(rng, ["Polished", "Matte"]) },
      { key: "pieces", type: "number", value: String(int(rng, 1, 6)) },
    ],
    bullets: ["Hand turned from natural onyx", "Every piece unique in grain", "Felt pads underneath"],
    keywords: ["onyx vase", "marble decor", "onyx gifts"],
  },
  {
    category: "food-dates",
    code: "DATE",
    hsCode: "0804.10",
    origin: ["Khairpur", "Sindh"],
    brands: ["Khairpur Date Farms", "Turbat Dates Co."],
    names: ["Aseel Dates", "Dhakki Dates", "Begum Jhangi Dates"],
    zh: "椰枣",
    ur: "کھجور",
    price: [700, 4800],
    options: { pack: ["500 g", "1 kg", "5 kg"] },
    size: [22, 15, 6],
    weight: [0.55, 5.2],
    attributes: (rng) => [
      { key: "variety", type: "enum", value: pick(rng, ["Aseel", "Dhakki", "Begum Jhangi"]) },
      { key: "shelf_life_months", type: "number", value: pick(rng, ["9", "12", "18"]) },
      { key: "vacuum_packed", type: "boolean", value: pick(rng, ["true", "false"]) },
    ],
    bullets: ["Sun dried and hand sorted", "No added sugar", "Vacuum packed for freshness"],
    keywords: ["dates", "khajoor", "pakistani dates"],
  },
  {
    category: "food-spices",
    code: "SPC",
    hsCode: "0904.22",
    origin: ["Kunri", "Sindh"],
    brands: ["Kunri Chilli Traders", "Indus Spice Co."],
    names: ["Kunri Red Chilli Powder", "Whole Dried Red Chillies", "Crushed Red Chilli Flakes"],
    zh: "红辣椒粉",
    ur: "لال مرچ",
    price: [450, 3200],
    options: { pack: ["200 g", "500 g", "1 kg"] },
    size: [18, 12, 5],
    weight: [0.22, 1.05],
    attributes: (rng) => [
      { key: "heat", type: "enum", value: pick(rng, ["Mild", "Medium", "Hot"]) },
      { key: "asta_colour", type: "number", value: String(int(rng, 80, 160)) },
      { key: "added_colour", type: "boolean", value: "false" },
    ],
    bullets: ["Kunri chillies, sun dried", "No added colour", "Ground in small batches"],
    keywords: ["red chilli", "chilli powder", "kunri chilli"],
  },
];

/** Warehouses and categories the generated products reference (a subset of samples/catalog.json). */
export const generatorReferences = {
  warehouses: [
    { code: "SKT-1", name: "Sialkot main warehouse", city: "Sialkot" },
    { code: "LHE-1", name: "Lahore distribution centre", city: "Lahore" },
    { code: "KHI-PORT", name: "Karachi port bonded store", city: "Karachi" },
  ],
  categories: [...new Set(templates.map((t) => t.category.split("-")[0]!))]
    .map((code) => ({ code, name: code }))
    .concat(templates.map((t) => ({ code: t.category, name: t.category, parent: t.category.split("-")[0]! })))
    .filter((c, i, all) => all.findIndex((x) => x.code === c.code) === i),
};

export interface GenerateOptions {
  /** Number of products; or use rows for a target number of CSV rows (variants). */
  products?: number;
  rows?: number;
  seed?: number;
  /** Prefix of every product SKU (default GEN). */
  skuPrefix?: string;
}

const adjectives = ["Premium", "Classic", "Export Quality", "Handmade", "Professional", "Deluxe", "Heritage"];
const warehouses = generatorReferences.warehouses.map((w) => w.code);
const tricky = ["-10% on orders above 500 pcs", "+ free custom logo on 1,000 pcs", "=Grade A"];

/** Yields products already in canonical (snapshot) form. */
export function* generateProducts(opts: GenerateOptions): Generator<ProductSnapshot> {
  const rng = seededRandom(opts.seed ?? 42);
  const prefix = opts.skuPrefix ?? "GEN";
  const maxProducts = opts.products ?? Number.POSITIVE_INFINITY;
  const maxRows = opts.rows ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(maxProducts) && !Number.isFinite(maxRows)) throw new Error("give products or rows");
  let rows = 0;
  for (let n = 1; n <= maxProducts && rows < maxRows; n++) {
    const t = pick(rng, templates);
    const sku = `${prefix}-${t.code}-${String(n).padStart(6, "0")}`;
    const brand = pick(rng, t.brands);
    const name = pick(rng, t.names);
    const adjective = pick(rng, adjectives);
    const base = int(rng, t.price[0], t.price[1]);
    const variantCount = Math.min(int(rng, 1, 4), maxRows - rows);
    const dims = Object.entries(t.options);
    const combos: Record<string, string>[] = [];
    const [firstName, firstValues] = dims[0]!;
    const second = dims[1];
    const firstPicks = sample(rng, firstValues, variantCount);
    for (const [i, v] of firstPicks.entries()) {
      combos.push(second ? { [firstName]: v, [second[0]]: second[1][i % second[1].length]! } : { [firstName]: v });
    }
    while (combos.length < variantCount && second) {
      combos.push({ [firstName]: pick(rng, firstValues), [second[0]]: second[1][combos.length % second[1].length]! });
    }
    const seen = new Set<string>();
    const variants = combos
      .filter((o) => {
        const key = JSON.stringify(o);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((options, i) => {
        const priced = i > 0 && rng() < 0.5;
        const stock = sample(rng, warehouses, int(rng, 1, 3))
          .sort()
          .map((warehouse) => ({ warehouse, quantity: rng() < 0.1 ? 0 : int(rng, 5, 2400) }));
        const weight = round(t.weight[0] + rng() * (t.weight[1] - t.weight[0]), 3);
        return {
          sellerSku: `${sku}-${i + 1}${code(Object.values(options))}`,
          options,
          ...(priced ? { pricePkr: money(base * (0.85 + rng() * 0.4)) } : {}),
          lengthCm: t.size[0],
          widthCm: t.size[1],
          heightCm: t.size[2],
          weightKg: Math.max(weight, 0.01),
          ...(rng() < 0.3 ? { barcode: `896${String(int(rng, 0, 999_999_999)).padStart(10, "0")}` } : {}),
          stock,
        };
      });
    rows += variants.length;
    const title = `${adjective} ${name}`;
    const bullets = sample(rng, t.bullets, int(rng, 2, t.bullets.length));
    if (rng() < 0.03) bullets.unshift(pick(rng, tricky));
    const content: ProductSnapshot["content"] = [
      {
        locale: "en",
        title: `${title} by ${brand}`,
        description: `<p>${title} from ${t.origin[0]}, ${t.origin[1]}. Made by ${brand} for export; "${name}" is packed for sea and air freight.</p>${rng() < 0.2 ? "\n<p>MOQ 50 pcs, private label on request.</p>" : ""}`,
        bullets,
        keywords: sample(rng, t.keywords, int(rng, 2, t.keywords.length)),
        source: "human",
        locked: true,
      },
    ];
    if (rng() < 0.5) {
      content.push({
        locale: "zh-Hans",
        title: `${t.zh} ${brand}`,
        description: `<p>${t.zh}，巴基斯坦${t.origin[0]}出口。</p>`,
        bullets: [],
        keywords: [t.zh],
        source: "machine",
        locked: rng() < 0.2,
      });
    }
    if (rng() < 0.3) {
      content.push({
        locale: "ur",
        title: t.ur,
        description: "",
        bullets: [],
        keywords: [],
        source: "human",
        locked: true,
      });
    }
    const images = int(rng, 1, 3);
    const media = Array.from({ length: images }, (_, k) => ({
      url: `https://images.example.com/generated/${sku.toLowerCase()}-${k + 1}.jpg`,
      altText: k === 0 ? `${title}, front view` : rng() < 0.5 ? `${title}, detail ${k}` : "",
    }));
    const breaks =
      rng() < 0.5
        ? [
            { minQuantity: 50, pricePkr: money(base * 0.92) },
            { minQuantity: 200, pricePkr: money(base * 0.85) },
            ...(rng() < 0.5 ? [{ minQuantity: 1000, pricePkr: money(base * 0.78) }] : []),
          ]
        : [];
    yield {
      sku,
      category: t.category,
      brand,
      modelNumber: `${t.code}-${int(rng, 100, 999)}`,
      hsCode: t.hsCode,
      originCity: t.origin[0],
      originRegion: t.origin[1],
      originCountry: "PK",
      basePricePkr: money(base),
      costPkr: money(base * (0.5 + rng() * 0.2)),
      content: content.sort((a, b) => a.locale.localeCompare(b.locale)),
      media,
      attributes: t.attributes(rng).sort((a, b) => a.key.localeCompare(b.key)),
      quantityBreaks: breaks,
      variants,
    };
  }
}

function code(values: string[]): string {
  const c = values
    .map((v) =>
      v
        .replace(/[^A-Za-z0-9]/g, "")
        .slice(0, 3)
        .toUpperCase(),
    )
    .filter(Boolean)
    .join("");
  return c ? `-${c}` : "";
}

/** Every column a generated product can need, so a CSV header can be written before the first product. */
export function generatorLayout(): CsvLayout {
  const attributes = new Map<string, { key: string; type: "text" | "number" | "boolean" | "enum" }>();
  for (const t of templates) {
    // Attribute keys and types do not depend on the random values: probe with a fixed generator.
    for (const a of t.attributes(seededRandom(1))) attributes.set(`${a.key}:${a.type}`, { key: a.key, type: a.type });
  }
  return {
    locales: ["en", "zh-Hans", "ur"],
    sourceLocales: ["zh-Hans"],
    lockedLocales: ["zh-Hans"],
    options: [...new Set(templates.flatMap((t) => Object.keys(t.options)))],
    attributes: [...attributes.values()],
    warehouses,
  };
}

export interface GenerateResult {
  file: string;
  format: ImportFormat;
  products: number;
  /** CSV rows, or JSON elements (= products). */
  rows: number;
  variants: number;
}

/**
 * Streams generated products to a file. JSON is written in the seed-file layout ({"exporter", "warehouses",
 * "categories", "products"}) so the same file can provide its references (`tijarat import --refs`).
 */
export async function writeGeneratedCatalog(
  out: string,
  opts: GenerateOptions & { format?: ImportFormat },
): Promise<GenerateResult> {
  const format = opts.format ?? detectFormat(out);
  const stream = createWriteStream(out, { encoding: "utf8" });
  const put = async (s: string) => {
    if (!stream.write(s)) await once(stream, "drain");
  };
  const result: GenerateResult = { file: out, format, products: 0, rows: 0, variants: 0 };
  const header = format === "csv" ? parseHeader(out, layoutHeader(generatorLayout())) : undefined;
  if (header) await put(stringify([header.cells]));
  if (format === "json") {
    await put(
      `{\n"exporter": {"slug": "generated-exporter", "name": "Generated Exporter"},\n` +
        `"warehouses": ${JSON.stringify(generatorReferences.warehouses)},\n` +
        `"categories": ${JSON.stringify(generatorReferences.categories)},\n"products": [`,
    );
  }
  let chunk = "";
  for (const p of generateProducts(opts)) {
    if (header) {
      const rows = productToCsvRows(p, header);
      chunk += stringify(rows);
      result.rows += rows.length;
    } else {
      const text = JSON.stringify(p);
      chunk += format === "json" ? `${result.products === 0 ? "\n" : ",\n"}${text}` : `${text}\n`;
      result.rows++;
    }
    result.products++;
    result.variants += p.variants.length;
    if (chunk.length > 256 * 1024) {
      await put(chunk);
      chunk = "";
    }
  }
  await put(chunk);
  if (format === "json") await put("\n]\n}\n");
  stream.end();
  await once(stream, "close");
  return result;
}
