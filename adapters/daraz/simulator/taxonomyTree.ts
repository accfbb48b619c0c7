import type { DarazCategoryWire } from "./taxonomyWire.js";

const leaf = (category_id: number, name: string): DarazCategoryWire => ({ category_id, name, leaf: true, var: false });
const branch = (category_id: number, name: string, children: DarazCategoryWire[]): DarazCategoryWire => ({
  category_id,
  name,
  leaf: false,
  var: false,
  children,
});

/**
 * A slice of the Daraz PK category tree: every master category of the sample catalog has a leaf (ids fixed by the
 * sample catalog's darazCategoryMap), next to decoys with similar names (Football Boots, Table Football, Gym Gloves,
 * a women's Leather Jackets, Beach Towels, Table Lamps, Scissors in stationery, Rice Cookers...).
 */
export const DARAZ_CATEGORY_TREE: readonly DarazCategoryWire[] = [
  branch(10000400, "Sports & Outdoors", [
    branch(10000410, "Team Sports", [
      branch(10000418, "Football", [
        leaf(10000421, "Footballs"),
        leaf(10000422, "Football Boots"),
        leaf(10000437, "Goalkeeper Gloves"),
        leaf(10000423, "Football Training Equipment"),
      ]),
      branch(10000424, "Cricket", [
        leaf(10000426, "Cricket Bats"),
        leaf(10000427, "Cricket Balls"),
        leaf(10000428, "Cricket Bat Grips"),
        leaf(10000429, "Cricket Protective Gear"),
      ]),
    ]),
    branch(10000430, "Boxing & Martial Arts", [
      leaf(10000433, "Boxing Gloves"),
      leaf(10000434, "Punching Bags"),
      leaf(10000435, "MMA Gloves"),
    ]),
    branch(10000440, "Exercise & Fitness", [leaf(10000441, "Gym Gloves"), leaf(10000442, "Yoga Mats")]),
    branch(10000450, "Indoor Games", [leaf(10000451, "Table Football"), leaf(10000452, "Board Games")]),
  ]),
  branch(10000900, "Men's Fashion", [
    branch(10000960, "Clothing", [
      branch(10000980, "Jackets & Coats", [
        leaf(10000987, "Leather Jackets"),
        leaf(10000988, "Bomber Jackets"),
        leaf(10000989, "Denim Jackets"),
      ]),
    ]),
    branch(10001000, "Accessories", [
      leaf(10001012, "Wallets"),
      leaf(10001013, "Belts"),
      leaf(10001014, "Card Holders"),
    ]),
    branch(10001015, "Bags", [
      leaf(10001019, "Leather Bags & Briefcases"),
      leaf(10001020, "Backpacks"),
      leaf(10001021, "Travel Bags"),
    ]),
    branch(10001100, "Shoes", [
      leaf(10001104, "Khussa & Traditional Shoes"),
      leaf(10001105, "Sandals & Chappals"),
      leaf(10001106, "Loafers"),
    ]),
  ]),
  branch(10001200, "Women's Fashion", [
    branch(10001270, "Traditional Clothing", [
      leaf(10001276, "Ajrak & Block Print Shawls"),
      leaf(10001277, "Unstitched Lawn"),
    ]),
    branch(10001240, "Jackets & Coats", [leaf(10001243, "Leather Jackets")]),
    branch(10001250, "Women's Bags", [leaf(10001251, "Clutches"), leaf(10001252, "Women's Wallets")]),
  ]),
  branch(10002100, "Health & Beauty", [
    branch(10002140, "Medical Supplies", [
      branch(10002142, "Surgical Instruments", [
        leaf(10002145, "Surgical Scissors"),
        leaf(10002148, "Forceps & Haemostats"),
        leaf(10002149, "Scalpels & Blades"),
      ]),
      leaf(10002163, "Dental Instruments"),
      leaf(10002164, "First Aid Kits"),
    ]),
    branch(10002170, "Oral Care", [leaf(10002171, "Dental Care Kits"), leaf(10002172, "Toothbrushes")]),
  ]),
  branch(10001280, "Home & Lifestyle", [
    branch(10001285, "Bedding", [
      leaf(10001288, "Bed Sheets & Linen"),
      leaf(10001289, "Comforters & Quilts"),
      leaf(10001290, "Pillows"),
    ]),
    branch(10001292, "Bath", [
      leaf(10001295, "Bath Towels"),
      leaf(10001296, "Beach Towels"),
      leaf(10001297, "Bathrobes"),
    ]),
    branch(10003000, "Furniture", [
      branch(10003010, "Living Room Furniture", [
        leaf(10003021, "Carved Wood Furniture"),
        leaf(10003022, "Sofas"),
        leaf(10003023, "Coffee Tables"),
      ]),
      branch(10003030, "Bedroom Furniture", [leaf(10003031, "Beds"), leaf(10003032, "Wardrobes")]),
    ]),
    branch(10003040, "Home Decor", [
      leaf(10003047, "Wood Carvings & Wall Decor"),
      leaf(10003048, "Mirrors"),
      branch(10003500, "Handicrafts", [
        leaf(10003512, "Onyx & Marble Decor"),
        leaf(10003519, "Camel Skin Lamps"),
        leaf(10003527, "Truck Art Decor"),
        leaf(10003530, "Brass Handicrafts"),
      ]),
    ]),
    branch(10003300, "Lighting", [
      branch(10003305, "Lamps", [
        leaf(10003311, "Himalayan Salt Lamps"),
        leaf(10003312, "Table Lamps"),
        leaf(10003313, "Floor Lamps"),
      ]),
    ]),
    branch(10003320, "Kitchen & Dining", [
      branch(10003322, "Cookware", [leaf(10003324, "Salt Blocks & Cooking Stones"), leaf(10003325, "Frying Pans")]),
      leaf(10003326, "Salt & Pepper Shakers"),
    ]),
    branch(10003600, "Stationery", [leaf(10003601, "Scissors"), leaf(10003602, "Notebooks")]),
  ]),
  branch(10004000, "Groceries", [
    branch(10004100, "Rice, Pulses & Grains", [
      leaf(10004102, "Basmati Rice"),
      leaf(10004107, "Sella Rice"),
      leaf(10004108, "Brown Rice"),
      leaf(10004109, "Pulses & Lentils"),
    ]),
    branch(10004200, "Cooking Essentials", [
      leaf(10003318, "Himalayan Pink Salt"),
      leaf(10004231, "Spices & Seasonings"),
      leaf(10004232, "Cooking Oil"),
    ]),
    branch(10004210, "Dried Fruits & Nuts", [leaf(10004215, "Dates"), leaf(10004216, "Dry Fruits")]),
  ]),
  branch(10005000, "Home Appliances", [
    branch(10005010, "Small Kitchen Appliances", [leaf(10005013, "Rice Cookers"), leaf(10005014, "Blenders")]),
  ]),
];

/** The Daraz leaf for each master category of samples/catalog.json (its darazCategoryMap). */
export const DARAZ_SAMPLE_CATEGORY_LEAVES: Readonly<Record<string, string>> = {
  "sports-footballs": "10000421",
  "sports-cricket-bats": "10000426",
  "sports-boxing-gloves": "10000433",
  "sports-goalkeeper-gloves": "10000437",
  "surgical-scissors": "10002145",
  "surgical-forceps": "10002148",
  "surgical-dental": "10002163",
  "leather-jackets": "10000987",
  "leather-wallets": "10001012",
  "leather-bags": "10001019",
  "leather-khussa": "10001104",
  "textiles-ajrak": "10001276",
  "textiles-bed-linen": "10001288",
  "textiles-towels": "10001295",
  "furniture-chiniot": "10003021",
  "furniture-wood-decor": "10003047",
  "salt-lamps": "10003311",
  "salt-edible": "10003318",
  "salt-cooking": "10003324",
  "rice-basmati": "10004102",
  "rice-sella": "10004107",
  "handicrafts-onyx": "10003512",
  "handicrafts-camel-lamps": "10003519",
  "handicrafts-truck-art": "10003527",
  "food-dates": "10004215",
  "food-spices": "10004231",
};
