/**
 * The simulated Alibaba.com (ICBU) category tree and the attributes of its leaves. Level-1 ids are short (18 Sports &
 * Entertainment, 66 Health & Medical, 1501 Textiles & Leather Products, as on the platform); deeper ids are 9-digit
 * numbers. Every master category of the sample catalog has a sensible leaf (SAMPLE_CATEGORY_LEAVES), next to decoys
 * with similar names for name-similarity suggestions to rank.
 */
export interface SimAttributeValue {
  id: number;
  name: string;
}

export interface SimAttributeDef {
  id: number;
  name: string;
  required: boolean;
  /** A sale attribute: set per SKU in sku_info[].sale_attributes. */
  sale: boolean;
  /** support_custom_value: a typed value is accepted besides the options. */
  customAllowed: boolean;
  /** support_multi_value */
  multi: boolean;
  /** Options; empty for free input. */
  values: SimAttributeValue[];
  /** Filled from basic_info (brand_name, model_number) rather than attributes[]. */
  filledBy?: "brand_name" | "model_number";
}

export interface SimCategoryDef {
  id: string;
  /** null for a level-1 category. */
  parentId: string | null;
  name: string;
}

/** Stable option ids: the same English name gets the same id under every attribute (FNV-1a of the name). */
export function valueIdOf(name: string): number {
  let hash = 0x811c9dc5;
  for (const ch of name.toLowerCase()) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return 200_000_000 + (hash % 700_000_000);
}

function attr(
  id: number,
  name: string,
  values: string[],
  o: {
    required?: boolean;
    sale?: boolean;
    custom?: boolean;
    multi?: boolean;
    filledBy?: SimAttributeDef["filledBy"];
  } = {},
): SimAttributeDef {
  return {
    id,
    name,
    required: o.required ?? false,
    sale: o.sale ?? false,
    customAllowed: o.custom ?? values.length === 0,
    multi: o.multi ?? false,
    values: values.map((v) => ({ id: valueIdOf(v), name: v })),
    ...(o.filledBy ? { filledBy: o.filledBy } : {}),
  };
}

/** Attribute ids, as the wire carries them. */
export const ATTR = {
  placeOfOrigin: 1,
  brandName: 2,
  modelNumber: 3,
  material: 10,
  color: 191,
  size: 192,
  weight: 200000132,
  warranty: 200000639,
  gender: 200000828,
  bladder: 200000301,
  panels: 200000302,
  woodType: 200000310,
  closure: 200000320,
  instrumentClass: 200000330,
  disinfection: 200000331,
  lining: 200000340,
  outsole: 200000350,
  technics: 200000360,
  pattern: 200000361,
  style: 200000370,
  finish: 200000371,
  powerSource: 200000380,
  voltage: 200000381,
  saltType: 200000390,
  packaging: 200000391,
  netWeight: 200000392,
  variety: 200000400,
  processing: 200000401,
  grade: 200000402,
  shelfLife: 200000403,
  theme: 200000410,
  technique: 200000411,
} as const;

const COLORS = ["White", "Black", "Red", "Blue", "Brown", "Yellow", "Green", "Navy", "Maroon", "Multicolor"];
const APPAREL_SIZES = ["XS", "S", "M", "L", "XL", "XXL", "3XL"];

const common = (): SimAttributeDef[] => [
  attr(ATTR.placeOfOrigin, "Place of Origin", ["Pakistan", "China", "India", "Turkey", "Bangladesh", "Vietnam"], {
    required: true,
  }),
  attr(ATTR.brandName, "Brand Name", [], { filledBy: "brand_name" }),
  attr(ATTR.modelNumber, "Model Number", [], { filledBy: "model_number" }),
];
const material = (values: string[], required = true) =>
  attr(ATTR.material, "Material", values, { required, custom: true });
const color = (required = false) => attr(ATTR.color, "Color", COLORS, { sale: true, custom: true, required });
const size = (values: string[], required = false) =>
  attr(ATTR.size, "Size", values, { sale: true, custom: true, required });
const warranty = () =>
  attr(ATTR.warranty, "Warranty", ["None", "1 Year", "2 Years", "3 Years", "Lifetime"], { required: true });
const packaging = () =>
  attr(ATTR.packaging, "Packaging", ["Bag", "Box", "Jar", "Vacuum Pack", "Bulk", "Carton"], { required: true });
const netWeight = () =>
  attr(ATTR.netWeight, "Net Weight", ["250 g", "500 g", "1 kg", "5 kg", "10 kg", "25 kg"], {
    sale: true,
    custom: true,
  });
const gender = (required = true) => attr(ATTR.gender, "Gender", ["Men", "Women", "Unisex", "Kids"], { required });

/** Attributes per kind of leaf. */
const PROFILES = {
  ball: () => [
    ...common(),
    material(["PU", "PVC", "TPU", "Rubber", "Synthetic Leather", "Genuine Leather"]),
    attr(ATTR.bladder, "Bladder Material", ["Butyl", "Latex", "Rubber"]),
    attr(ATTR.panels, "Number of Panels", ["12", "18", "26", "32"]),
    attr(ATTR.weight, "Weight", []),
    size(["1", "2", "3", "4", "5"], true),
    color(),
  ],
  gloves: () => [
    ...common(),
    material(["Genuine Leather", "Synthetic Leather", "PU", "Latex", "Neoprene"]),
    attr(ATTR.closure, "Closure Type", ["Hook and Loop", "Lace-up", "Elastic"]),
    size(["6", "7", "8", "9", "10", "11", "8 oz", "10 oz", "12 oz", "14 oz", "16 oz"], true),
    color(),
  ],
  bat: () => [
    ...common(),
    attr(ATTR.woodType, "Wood Type", ["English Willow", "Kashmir Willow", "Poplar"], { required: true }),
    attr(ATTR.weight, "Weight", []),
    size(["Short Handle", "Long Handle", "Harrow", "Size 6", "Size 5", "Size 4"]),
  ],
  surgical: () => [
    ...common(),
    material(["Stainless Steel", "German Stainless Steel", "Titanium", "Tungsten Carbide"]),
    attr(ATTR.instrumentClass, "Instrument classification", ["Class I", "Class II", "Class III"], { required: true }),
    attr(ATTR.disinfection, "Disinfecting Type", ["Autoclave", "EO", "Gamma Ray"], { multi: true }),
    warranty(),
    size(["10 cm", "12 cm", "14 cm", "16 cm", "18 cm", "20 cm"]),
  ],
  jacket: () => [
    ...common(),
    material(["Genuine Leather", "Sheepskin", "Cowhide", "Goatskin", "PU"]),
    gender(),
    attr(ATTR.lining, "Lining Material", ["Polyester", "Cotton", "Satin", "Quilted", "Fleece"]),
    size(APPAREL_SIZES, true),
    color(true),
  ],
  leatherGoods: () => [
    ...common(),
    material(["Genuine Leather", "Cowhide", "Goatskin", "Sheepskin", "PU"]),
    gender(false),
    attr(ATTR.style, "Style", ["Casual", "Business", "Vintage", "Fashion"]),
    color(true),
  ],
  footwear: () => [
    ...common(),
    material(["Genuine Leather", "Cowhide", "Velvet", "Cotton Fabric", "PU"]),
    attr(ATTR.outsole, "Outsole Material", ["Leather", "Rubber", "TPR"]),
    gender(),
    size(["36", "37", "38", "39", "40", "41", "42", "43", "44", "45"], true),
    color(),
  ],
  textile: () => [
    ...common(),
    material(["100% Cotton", "Cotton/Polyester", "Bamboo", "Linen", "Silk", "Polyester"]),
    attr(ATTR.technics, "Technics", ["Printed", "Hand Block Printed", "Embroidered", "Woven", "Dyed"]),
    attr(ATTR.pattern, "Pattern", ["Solid", "Geometric", "Floral", "Paisley", "Striped", "Plaid"]),
    size(["Single", "Double", "Queen", "King", "Bath", "Hand", "Face", "2 m x 1 m"]),
    color(),
  ],
  furniture: () => [
    ...common(),
    material(["Sheesham Wood", "Walnut Wood", "Oak", "Teak", "Rosewood", "Mango Wood"]),
    attr(ATTR.style, "Style", ["Antique", "Traditional", "Modern", "Rustic"]),
    warranty(),
    attr(ATTR.finish, "Finish", ["Natural", "Walnut", "Mahogany", "Teak", "Lacquered", "Painted"], {
      sale: true,
      custom: true,
    }),
  ],
  craft: () => [
    ...common(),
    material(["Onyx", "Marble", "Wood", "Metal", "Camel Skin", "Resin"]),
    attr(ATTR.theme, "Theme", ["Animal", "Floral", "Religious", "Cultural", "Abstract"]),
    attr(ATTR.technique, "Technique", ["Hand Carved", "Hand Painted", "Polished", "Inlaid"]),
    color(),
  ],
  lamp: () => [
    ...common(),
    material(["Himalayan Salt", "Camel Skin", "Glass", "Metal", "Wood"]),
    attr(ATTR.powerSource, "Power Source", ["AC", "USB", "Battery"]),
    attr(ATTR.voltage, "Input Voltage (V)", ["110V", "220V", "110-240V"], { required: true }),
    warranty(),
    color(),
  ],
  salt: () => [
    ...common(),
    attr(ATTR.saltType, "Type", ["Rock Salt", "Sea Salt", "Lake Salt"], { required: true }),
    attr(ATTR.grade, "Grade", ["Food Grade", "Industrial Grade", "Fine", "Coarse"]),
    packaging(),
    attr(ATTR.shelfLife, "Shelf Life", []),
    netWeight(),
  ],
  rice: () => [
    ...common(),
    attr(
      ATTR.variety,
      "Variety",
      ["1121 Basmati", "Super Kernel Basmati", "1509 Basmati", "Pusa Basmati", "Super Basmati"],
      {
        required: true,
        custom: true,
      },
    ),
    attr(ATTR.processing, "Processing Type", ["Raw", "Steamed", "Parboiled"], { required: true }),
    attr(ATTR.grade, "Grade", ["Premium", "A", "AA", "Extra Long Grain"]),
    packaging(),
    attr(ATTR.shelfLife, "Shelf Life", []),
    netWeight(),
  ],
  dates: () => [
    ...common(),
    attr(ATTR.variety, "Variety", ["Aseel", "Dhakki", "Ajwa", "Medjool", "Kimia"], { required: true, custom: true }),
    attr(ATTR.processing, "Processing Type", ["Dried", "Fresh", "Pitted"], { required: true }),
    packaging(),
    netWeight(),
  ],
  spice: () => [
    ...common(),
    attr(ATTR.variety, "Variety", ["Red Chili", "Turmeric", "Cumin", "Coriander", "Black Pepper", "Mixed Spices"], {
      required: true,
      custom: true,
    }),
    attr(ATTR.processing, "Processing Type", ["Whole", "Powder", "Crushed"], { required: true }),
    packaging(),
    netWeight(),
  ],
  /** Decoy leaves: the common attributes and a material. */
  basic: () => [...common(), material(["Other"], false)],
} satisfies Record<string, () => SimAttributeDef[]>;

type Profile = keyof typeof PROFILES;
type Node = [id: string, name: string, children: Node[]] | [id: string, name: string, profile: Profile];

// biome-ignore format: the tree reads best one category per line
const TREE: Node[] = [
  ["18", "Sports & Entertainment", [
    ["100001808", "Team Sports", [
      ["100001820", "Soccer", [
        ["100005471", "Soccer Balls", "ball"],
        ["100005472", "Goalkeeper Gloves", "gloves"],
        ["100005475", "Soccer Jerseys", "basic"],
        ["100005476", "Soccer Goals", "basic"],
      ]],
      ["100001822", "Cricket", [
        ["100005480", "Cricket Bats", "bat"],
        ["100005481", "Cricket Balls", "ball"],
        ["100005482", "Cricket Gloves", "gloves"],
      ]],
      ["100001824", "Volleyball", [["100005485", "Volleyballs", "ball"]]],
    ]],
    ["100001830", "Boxing & Martial Arts", [
      ["100005490", "Boxing Gloves", "gloves"],
      ["100005491", "Punching Bags", "basic"],
      ["100005492", "Martial Arts Uniforms", "basic"],
    ]],
    ["100001840", "Fitness & Body Building", [
      ["100005495", "Fitness Gloves", "gloves"],
      ["100005496", "Yoga Mats", "basic"],
    ]],
  ]],
  ["66", "Health & Medical", [
    ["100002100", "Medical Instruments", [
      ["100002110", "Surgical Instruments", [
        ["100002111", "Surgical Scissors", "surgical"],
        ["100002112", "Forceps & Haemostats", "surgical"],
        ["100002113", "Scalpels & Blades", "surgical"],
        ["100002114", "Surgical Instrument Sets", "surgical"],
      ]],
      ["100002120", "Dental Supplies", [
        ["100002121", "Dental Instruments", "surgical"],
        ["100002122", "Dental Consumables", "basic"],
      ]],
    ]],
    ["100002130", "Beauty Instruments", [
      ["100002131", "Cuticle Scissors & Nippers", "surgical"],
      ["100002132", "Tweezers", "surgical"],
    ]],
  ]],
  ["3", "Apparel", [
    ["100003001", "Men's Clothing", [
      ["100003010", "Men's Jackets & Coats", [
        ["100003011", "Men's Leather Jackets", "jacket"],
        ["100003012", "Men's Down Jackets", "jacket"],
      ]],
    ]],
    ["100003020", "Women's Clothing", [
      ["100003021", "Women's Jackets & Coats", [["100003022", "Women's Leather Jackets", "jacket"]]],
    ]],
    ["100003030", "Apparel Accessories", [
      ["100003031", "Scarves & Shawls", "textile"],
      ["100003032", "Leather Belts", "leatherGoods"],
    ]],
  ]],
  ["1524", "Luggage, Bags & Cases", [
    ["100004001", "Wallets & Holders", [
      ["100004002", "Wallets", "leatherGoods"],
      ["100004003", "Card Holders", "leatherGoods"],
    ]],
    ["100004010", "Handbags & Messenger Bags", [
      ["100004011", "Handbags", "leatherGoods"],
      ["100004012", "Messenger Bags", "leatherGoods"],
      ["100004013", "Backpacks", "leatherGoods"],
    ]],
  ]],
  ["322", "Shoes", [
    ["100004100", "Casual Shoes", [
      ["100004110", "Ethnic & Traditional Shoes", "footwear"],
      ["100004111", "Slippers", "footwear"],
      ["100004112", "Sandals", "footwear"],
    ]],
  ]],
  ["1501", "Textiles & Leather Products", [
    ["100005001", "Home Textile", [
      ["100005002", "Bedding", [
        ["100005010", "Bed Sheets & Bedding Sets", "textile"],
        ["100005014", "Blankets & Quilts", "textile"],
      ]],
      ["100005011", "Towels", "textile"],
      ["100005012", "Kitchen Towels", "textile"],
      ["100005013", "Table Cloths", "textile"],
    ]],
    ["100005020", "Fabric", [
      ["100005022", "Hand Block Printed Fabric", "textile"],
      ["100005023", "Printed Fabric", "textile"],
    ]],
    ["100005040", "Leather", [["100005041", "Genuine Leather", "basic"]]],
  ]],
  ["1503", "Furniture", [
    ["100006001", "Home Furniture", [
      ["100006010", "Antique & Carved Furniture", "furniture"],
      ["100006011", "Living Room Sofas", "furniture"],
      ["100006012", "Wooden Chairs", "furniture"],
    ]],
    ["100006020", "Office Furniture", [["100006021", "Office Desks", "furniture"]]],
  ]],
  ["15", "Home & Garden", [
    ["100007001", "Home Decor", [
      ["100007003", "Wood Crafts & Carvings", "craft"],
      ["100007005", "Wall Decor", "craft"],
    ]],
    ["100007010", "Kitchen, Dining & Bar", [
      ["100007011", "Cookware", [
        ["100007012", "Salt Blocks & Cooking Stones", "salt"],
        ["100007013", "Pans", "basic"],
        ["100007014", "Baking Stones", "basic"],
      ]],
    ]],
    ["100007020", "Household Sundries", [["100007021", "Household Scissors", "basic"]]],
  ]],
  ["39", "Lights & Lighting", [
    ["100008001", "Indoor Lighting", [
      ["100008002", "Table Lamps & Desk Lamps", "lamp"],
      ["100008003", "Himalayan Salt Lamps", "lamp"],
      ["100008004", "Night Lights", "lamp"],
      ["100008010", "Lamp Shades", "basic"],
    ]],
  ]],
  ["36", "Gifts & Crafts", [
    ["100009001", "Crafts", [
      ["100009002", "Stone Crafts", "craft"],
      ["100009003", "Folk Crafts", "craft"],
      ["100009004", "Resin Crafts", "craft"],
      ["100009005", "Metal Crafts", "craft"],
    ]],
    ["100009010", "Lamp Crafts", [["100009011", "Camel Skin Lamps", "lamp"]]],
  ]],
  ["1", "Agriculture", [
    ["100010001", "Grain", [
      ["100010002", "Rice", [
        ["100010003", "Basmati Rice", "rice"],
        ["100010004", "Parboiled Rice", "rice"],
        ["100010005", "Jasmine Rice", "rice"],
      ]],
      ["100010010", "Wheat", "basic"],
    ]],
    ["100010020", "Dried Fruits", [
      ["100010021", "Dates", "dates"],
      ["100010022", "Raisins", "dates"],
    ]],
  ]],
  ["2", "Food & Beverage", [
    ["100011001", "Seasonings & Condiments", [
      ["100011002", "Single Spices & Herbs", "spice"],
      ["100011003", "Mixed Spices & Seasonings", "spice"],
      ["100011004", "Edible Salt", "salt"],
    ]],
    ["100011010", "Snacks", [["100011011", "Dried Fruit Snacks", "dates"]]],
  ]],
];

/** The leaf each master category of the sample catalog belongs in. */
export const SAMPLE_CATEGORY_LEAVES: Readonly<Record<string, string>> = Object.freeze({
  "sports-footballs": "100005471",
  "sports-cricket-bats": "100005480",
  "sports-boxing-gloves": "100005490",
  "sports-goalkeeper-gloves": "100005472",
  "surgical-scissors": "100002111",
  "surgical-forceps": "100002112",
  "surgical-dental": "100002121",
  "leather-jackets": "100003011",
  "leather-wallets": "100004002",
  "leather-bags": "100004011",
  "leather-khussa": "100004110",
  "textiles-ajrak": "100005022",
  "textiles-bed-linen": "100005010",
  "textiles-towels": "100005011",
  "furniture-chiniot": "100006010",
  "furniture-wood-decor": "100007003",
  "salt-lamps": "100008003",
  "salt-edible": "100011004",
  "salt-cooking": "100007012",
  "rice-basmati": "100010003",
  "rice-sella": "100010004",
  "handicrafts-onyx": "100009002",
  "handicrafts-camel-lamps": "100009011",
  "handicrafts-truck-art": "100009003",
  "food-dates": "100010021",
  "food-spices": "100011002",
});

export interface SimTaxonomyData {
  /** Parents before children. */
  categories: SimCategoryDef[];
  /** Attributes by leaf id. */
  attributes: Map<string, SimAttributeDef[]>;
}

/** A fresh copy of the default tree (callers may change it). */
export function defaultTaxonomyData(): SimTaxonomyData {
  const categories: SimCategoryDef[] = [];
  const attributes = new Map<string, SimAttributeDef[]>();
  let level: Array<{ node: Node; parentId: string | null }> = TREE.map((node) => ({ node, parentId: null }));
  while (level.length > 0) {
    const next: typeof level = [];
    for (const { node, parentId } of level) {
      const [id, name, rest] = node;
      categories.push({ id, parentId, name });
      if (typeof rest === "string") attributes.set(id, PROFILES[rest]());
      else for (const child of rest) next.push({ node: child, parentId: id });
    }
    level = next;
  }
  return { categories, attributes };
}
