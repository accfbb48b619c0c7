import type { DarazAttributeOptionWire, DarazAttributeWire, DarazInputType } from "./taxonomyWire.js";

/** Option ids, handed out in a fixed order so every run serves the same ids. */
const optionIds = new Map<string, number>();
const optionList = (names: readonly string[]): DarazAttributeOptionWire[] =>
  names.map((name) => {
    let id = optionIds.get(name);
    if (id === undefined) {
      id = 20_000 + optionIds.size;
      optionIds.set(name, id);
    }
    return { name, en_name: name, id };
  });

/** Attribute ids as Daraz numbers them (the common ones carry their real ids). */
const ATTRIBUTE_IDS: Record<string, number> = {
  name: 100005571,
  short_description: 100005505,
  description: 100005530,
  brand: 20000,
  model: 100005650,
  warranty_type: 100005501,
  warranty: 100005502,
  product_warranty: 100005503,
  Hazmat: 100006151,
  SellerSku: 100005690,
  quantity: 100005691,
  price: 100005692,
  special_price: 100005693,
  special_from_date: 100005694,
  special_to_date: 100005695,
  package_content: 100005496,
  package_weight: 100005697,
  package_length: 100005698,
  package_width: 100005699,
  package_height: 100005700,
  __images__: 40000,
  color_family: 100005683,
  size: 100005684,
  material: 100006200,
  wood_type: 100006201,
  rice_type: 100006202,
  thread_count: 100006203,
  assembly_required: 100006204,
  compatible_laptop_size: 100006205,
  wattage: 100006206,
  expiry_date: 100006207,
  spice_type: 100006208,
  fit_type: 100006209,
};

/** Ids for attributes added at run time (tests), stable per name. */
function attributeIdFor(name: string): number {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) % 100_000;
  return 100_100_000 + hash;
}

interface AttrOptions {
  required?: boolean;
  sku?: boolean;
  sale?: boolean;
  options?: readonly string[];
  keyProp?: boolean;
}

export function darazAttribute(
  name: string,
  label: string,
  inputType: DarazInputType,
  o: AttrOptions = {},
): DarazAttributeWire {
  return {
    id: ATTRIBUTE_IDS[name] ?? attributeIdFor(name),
    name,
    label,
    input_type: inputType,
    is_mandatory: o.required ? 1 : 0,
    attribute_type: o.sku || o.sale ? "sku" : "normal",
    is_sale_prop: o.sale ? 1 : 0,
    options: optionList(o.options ?? []),
    advanced: { is_key_prop: o.keyProp ? 1 : 0 },
  };
}

/** Daraz's colour families: a fixed list, so catalog colours such as Maroon or Multicolour need a value map. */
export const DARAZ_COLOR_FAMILIES = [
  "Beige",
  "Black",
  "Blue",
  "Brown",
  "Burgundy",
  "Dark Brown",
  "Fluorescent Yellow",
  "Gold",
  "Green",
  "Grey",
  "Ivory",
  "Khaki",
  "Multicolor",
  "Navy Blue",
  "Not Specified",
  "Off White",
  "Olive",
  "Orange",
  "Pink",
  "Purple",
  "Red",
  "Silver",
  "Tan",
  "White",
  "Yellow",
] as const;

export const DARAZ_WARRANTY_TYPES = ["No Warranty", "Local Seller Warranty", "Brand Warranty"] as const;

const CLOTHING_SIZES = ["XS", "S", "M", "L", "XL", "XXL", "3XL"];
const SHOE_SIZES = ["EU:36", "EU:37", "EU:38", "EU:39", "EU:40", "EU:41", "EU:42", "EU:43", "EU:44", "EU:45", "EU:46"];
const LEATHER = ["Genuine Leather", "Cowhide", "Lambskin", "Buffalo Leather", "Suede", "PU Leather", "Faux Leather"];
const WOOD = ["Sheesham Wood", "Teak Wood", "Rosewood", "Walnut Wood", "Engineered Wood", "MDF"];
const PACK_SIZES = ["200g", "250g", "500g", "800g", "1kg", "2kg", "5kg", "10kg"];

const colorFamily = (required = false) =>
  darazAttribute("color_family", "Color Family", "singleSelect", {
    sale: true,
    required,
    options: DARAZ_COLOR_FAMILIES,
  });
const saleSize = (options: readonly string[], o: { required?: boolean; custom?: boolean } = {}) =>
  darazAttribute("size", "Size", o.custom ? "enumInput" : "singleSelect", {
    sale: true,
    required: o.required ?? false,
    options,
  });
const material = (options: readonly string[], required: boolean) =>
  darazAttribute("material", "Material", required ? "singleSelect" : "enumInput", { required, options });

/** What every leaf has: the listing's own fields, warranty and the SKU block. */
function baseAttributes(warrantyRequired: boolean): DarazAttributeWire[] {
  return [
    darazAttribute("name", "Name", "text", { required: true }),
    darazAttribute("short_description", "Highlights", "richText"),
    darazAttribute("description", "Product Description", "richText", { required: true }),
    darazAttribute("brand", "Brand", "singleSelect", { required: true }),
    darazAttribute("model", "Model", "text"),
    darazAttribute("warranty_type", "Warranty Type", "singleSelect", {
      required: warrantyRequired,
      options: DARAZ_WARRANTY_TYPES,
    }),
    darazAttribute("warranty", "Warranty Period", "enumInput", {
      options: ["1 Month", "3 Months", "6 Months", "1 Year", "2 Years", "Life Time Warranty"],
    }),
    darazAttribute("product_warranty", "Warranty Policy", "text"),
    darazAttribute("Hazmat", "Dangerous Goods", "multiSelect", { options: ["Battery", "Flammable", "Liquid", "None"] }),
    darazAttribute("SellerSku", "SellerSKU", "text", { sku: true, required: true }),
    darazAttribute("quantity", "Quantity", "numeric", { sku: true }),
    darazAttribute("price", "Price", "numeric", { sku: true, required: true }),
    darazAttribute("special_price", "Special Price", "numeric", { sku: true }),
    darazAttribute("special_from_date", "Start date of promotion", "date", { sku: true }),
    darazAttribute("special_to_date", "End date of promotion", "date", { sku: true }),
    darazAttribute("package_content", "What's in the box", "text", { sku: true }),
    darazAttribute("package_weight", "Package Weight (kg)", "numeric", { sku: true, required: true }),
    darazAttribute("package_length", "Package Length (cm)", "numeric", { sku: true, required: true }),
    darazAttribute("package_width", "Package Width (cm)", "numeric", { sku: true, required: true }),
    darazAttribute("package_height", "Package Height (cm)", "numeric", { sku: true, required: true }),
    darazAttribute("__images__", "Images", "img", { sku: true }),
  ];
}

const GROCERY_LEAVES = new Set(["10004102", "10004107", "10004108", "10004109", "10003318", "10004231", "10004232"]);
const GROCERY_DATES = new Set(["10004215", "10004216"]);

/** The attributes a leaf adds to the base set; leaves not listed have the base set only. */
const LEAF_EXTRAS: Record<string, () => DarazAttributeWire[]> = {
  "10000421": () => [
    colorFamily(),
    saleSize(["3", "4", "5"]),
    material(["PU Leather", "PVC", "TPU", "Rubber", "Synthetic Leather"], false),
  ],
  "10000426": () => [
    saleSize(["Size 4", "Size 5", "Size 6", "Harrow", "Short Handle", "Long Handle"]),
    darazAttribute("wood_type", "Willow Type", "singleSelect", {
      required: true,
      options: ["English Willow", "Kashmir Willow", "Poplar"],
      keyProp: true,
    }),
  ],
  "10000433": () => [
    colorFamily(),
    saleSize(["8 oz", "10 oz", "12 oz", "14 oz", "16 oz"]),
    material(["Genuine Leather", "PU Leather", "Synthetic Leather"], false),
  ],
  "10000437": () => [colorFamily(), saleSize(["6", "7", "8", "9", "10", "11"])],
  "10000987": () => [
    colorFamily(true),
    saleSize(CLOTHING_SIZES, { required: true }),
    material(LEATHER, true),
    darazAttribute("fit_type", "Fit Type", "enumInput", { options: ["Regular", "Slim", "Cropped", "Oversized"] }),
  ],
  "10001243": () => [colorFamily(true), saleSize(CLOTHING_SIZES, { required: true }), material(LEATHER, true)],
  "10001012": () => [colorFamily(), material(LEATHER, true)],
  "10001019": () => [
    colorFamily(),
    material([...LEATHER, "Canvas"], true),
    darazAttribute("compatible_laptop_size", "Compatible Laptop Size", "singleSelect", {
      options: ["Up to 13 inches", "Up to 15.6 inches", "Up to 17 inches", "Not Specified"],
    }),
  ],
  "10001104": () => [colorFamily(true), saleSize(SHOE_SIZES, { required: true }), material(LEATHER, true)],
  "10001276": () => [colorFamily(), material(["Cotton", "Cambric", "Lawn", "Silk", "Linen"], false)],
  "10001288": () => [
    colorFamily(),
    saleSize(["Single", "Double", "Queen", "King", "Super King"]),
    material(["Cotton", "Cotton Sateen", "Polyester", "Linen"], false),
    darazAttribute("thread_count", "Thread Count", "numeric"),
  ],
  "10001295": () => [colorFamily(true), material(["Cotton", "Bamboo", "Microfiber"], false)],
  "10002145": () => [
    saleSize([], { custom: true }),
    material(["Stainless Steel", "Titanium", "Tungsten Carbide"], false),
  ],
  "10002148": () => [saleSize([], { custom: true }), material(["Stainless Steel", "Titanium"], false)],
  "10002163": () => [saleSize([], { custom: true }), material(["Stainless Steel", "Titanium"], false)],
  "10003021": () => [
    colorFamily(),
    material(WOOD, true),
    darazAttribute("assembly_required", "Assembly Required", "singleSelect", { options: ["Yes", "No"] }),
  ],
  "10003047": () => [saleSize([], { custom: true }), material(WOOD, true)],
  "10003311": () => [
    colorFamily(),
    saleSize(["1-2 kg", "2-3 kg", "3-5 kg", "5-8 kg"], { custom: true }),
    darazAttribute("wattage", "Wattage", "enumInput", { options: ["5W", "15W", "25W"] }),
  ],
  "10003324": () => [saleSize([], { custom: true }), material(["Himalayan Salt", "Granite", "Cast Iron"], false)],
  "10003512": () => [colorFamily(), material(["Onyx", "Marble", "Soapstone"], false)],
  "10003519": () => [colorFamily(), material(["Camel Skin", "Leather", "Paper"], false)],
  "10003527": () => [colorFamily(), saleSize([], { custom: true }), material(["Metal", "Wood", "Tin"], false)],
  "10004102": () => [riceType(), saleSize(PACK_SIZES, { custom: true })],
  "10004107": () => [riceType(), saleSize(PACK_SIZES, { custom: true })],
  "10004231": () => [
    saleSize(PACK_SIZES, { custom: true }),
    darazAttribute("spice_type", "Spice Type", "enumInput", { options: ["Whole", "Ground", "Blend"] }),
  ],
  "10003318": () => [saleSize(PACK_SIZES, { custom: true })],
  "10004215": () => [saleSize(PACK_SIZES, { custom: true }), darazAttribute("expiry_date", "Expiry Date", "date")],
};

function riceType(): DarazAttributeWire {
  return darazAttribute("rice_type", "Rice Type", "singleSelect", {
    required: true,
    options: ["Basmati", "Sella", "Brown", "Long Grain", "Jasmine"],
    keyProp: true,
  });
}

/** The attributes of one leaf: the base set plus the leaf's own (groceries carry no required warranty). */
export function leafAttributes(categoryId: string): DarazAttributeWire[] {
  const perishable = GROCERY_LEAVES.has(categoryId) || GROCERY_DATES.has(categoryId);
  return [...baseAttributes(!perishable), ...(LEAF_EXTRAS[categoryId]?.() ?? [])];
}
