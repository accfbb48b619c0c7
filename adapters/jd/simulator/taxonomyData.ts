/**
 * The simulated JD category tree (three levels, as JD's POP tree) and the attributes of every leaf, in Simplified
 * Chinese. Every master category of samples/catalog.json has a leaf (JD_SAMPLE_LEAVES), next to decoys with similar
 * names so name-similarity suggestions have something to rank. Ids are JD-style numbers: categories 4-5 digits,
 * attributes 10 digits (1_000_000_000 + category id x 100 + slot), values the attribute id x 100 + position.
 */

/** 1 key (关键属性), 2 fixed (不变属性), 3 extended (可变属性), 4 sale (销售属性). */
export type JdSimAttributeType = 1 | 2 | 3 | 4;
/** 1 single choice, 2 multiple choice, 3 free input. */
export type JdSimInputType = 1 | 2 | 3;

export interface JdSimCategory {
  id: number;
  /** Parent id; 0 for a root. */
  fid: number;
  name: string;
  lev: number;
  order: number;
}

export interface JdSimAttrValue {
  id: number;
  name: string;
}

export interface JdSimAttribute {
  id: number;
  name: string;
  attributeType: JdSimAttributeType;
  inputType: JdSimInputType;
  isRequired: boolean;
  orderSort: number;
  values: JdSimAttrValue[];
  /** Filled from the ware itself (brandId, itemNum, weight), not from props: checked there when required. */
  wareField?: "brandId" | "itemNum" | "weight";
}

export interface JdTaxonomyData {
  categories: JdSimCategory[];
  /** Leaf category id -> its attributes. */
  attributes: Record<number, JdSimAttribute[]>;
}

type Kind = "key" | "fixed" | "extended" | "sale";
const TYPE: Record<Kind, JdSimAttributeType> = { key: 1, fixed: 2, extended: 3, sale: 4 };

interface AttrSpec {
  name: string;
  kind: Kind;
  input: JdSimInputType;
  required: boolean;
  values: string[];
  wareField?: JdSimAttribute["wareField"];
}

const one = (name: string, values: string[], required = false, kind: Kind = "key"): AttrSpec => ({
  name,
  kind,
  input: 1,
  required,
  values,
});
const many = (name: string, values: string[], required = false): AttrSpec => ({
  name,
  kind: "extended",
  input: 2,
  required,
  values,
});
const text = (name: string, required = false, kind: Kind = "extended"): AttrSpec => ({
  name,
  kind,
  input: 3,
  required,
  values: [],
});
const sale = (name: string, values: string[], required = true): AttrSpec => ({
  name,
  kind: "sale",
  input: 1,
  required,
  values,
});

/** Filled by the payload builder from the listing (brandId, itemNum, weight). */
const BRAND: AttrSpec = { name: "品牌", kind: "key", input: 1, required: true, values: [], wareField: "brandId" };
const ITEM_NUM: AttrSpec = {
  name: "货号",
  kind: "extended",
  input: 3,
  required: false,
  values: [],
  wareField: "itemNum",
};
const GROSS_WEIGHT: AttrSpec = {
  name: "商品毛重",
  kind: "fixed",
  input: 3,
  required: true,
  values: [],
  wareField: "weight",
};

const COLOURS = [
  "红色",
  "蓝色",
  "黑色",
  "白色",
  "棕色",
  "多色",
  "黄色",
  "绿色",
  "灰色",
  "金色",
  "银色",
  "粉色",
  "紫色",
  "橙色",
  "米色",
  "藏青色",
  "酒红色",
];
const colour = (required = true) => sale("颜色", COLOURS, required);
const origin = (required = true) => one("产地", ["巴基斯坦", "中国大陆", "印度", "泰国", "其他"], required);
const warranty = (required = true) => one("质保期", ["无质保", "6个月", "1年", "2年", "终身质保"], required, "fixed");
const shelfLife = () => text("保质期", true, "fixed");
const netContent = (values: string[]) => sale("净含量", values);
const CLOTHING_SIZES = ["S", "M", "L", "XL", "XXL", "XXXL"];
const SHOE_SIZES = ["35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45"];
const GENDER = one("适用性别", ["男", "女", "通用"], true);
const VOLTAGE = one("额定电压", ["220V", "110V", "USB 5V"], true);
const STERILISABLE = one("是否可高温灭菌", ["是", "否"], true);
const REGISTRATION = text("医疗器械注册证编号", true, "key");
const STEEL = one("材质", ["医用不锈钢", "钛合金", "碳钢", "其他"], true);

interface LeafSpec {
  id: number;
  name: string;
  attrs: AttrSpec[];
}
interface BranchSpec {
  id: number;
  name: string;
  children: Array<BranchSpec | LeafSpec>;
}

const leaf = (id: number, name: string, attrs: AttrSpec[]): LeafSpec => ({ id, name, attrs });
const branch = (id: number, name: string, children: Array<BranchSpec | LeafSpec>): BranchSpec => ({
  id,
  name,
  children,
});

const GENERIC = [one("材质", ["其他"]), colour(false)];

const TREE: BranchSpec[] = [
  branch(1318, "运动户外", [
    branch(1466, "体育用品", [
      leaf(1467, "足球", [
        one("材质", ["PU皮革", "PVC", "TPU", "真皮", "橡胶"], true),
        sale("号数", ["3号", "4号", "5号"]),
        colour(),
        one("内胆", ["丁基内胆", "乳胶内胆"]),
        one("工艺", ["手工缝制", "机器缝制", "热粘合"]),
        many("适用场地", ["天然草", "人造草", "室内", "沙滩"]),
        origin(),
      ]),
      leaf(1469, "足球训练装备", GENERIC),
      leaf(1470, "篮球", [one("材质", ["PU皮革", "橡胶", "真皮"], true), sale("号数", ["5号", "6号", "7号"])]),
      leaf(1471, "排球", [one("材质", ["PU皮革", "PVC"], true)]),
      leaf(13772, "板球拍", [
        one("材质", ["英国柳木", "克什米尔柳木", "其他"], true),
        sale("尺码", ["SH", "LH", "Harrow", "6号", "5号"]),
        text("重量"),
        one("握把", ["圆形", "椭圆形"]),
        origin(),
      ]),
      leaf(13773, "守门员手套", [
        one("材质", ["乳胶", "德国乳胶", "PU"], true),
        sale("尺码", ["6", "7", "8", "9", "10", "11"]),
        colour(),
        one("护指", ["有", "无"]),
      ]),
      leaf(13775, "运动手套", GENERIC),
    ]),
    branch(12099, "武术搏击", [
      leaf(12100, "拳击手套", [
        one("材质", ["真皮", "PU皮革", "超纤"], true),
        sale("规格", ["8oz", "10oz", "12oz", "14oz", "16oz"]),
        colour(),
        one("适用人群", ["成人", "儿童"]),
        origin(),
      ]),
      leaf(12101, "拳击沙袋", GENERIC),
      leaf(12102, "搏击护具", GENERIC),
    ]),
    branch(12120, "户外服装", [leaf(12121, "户外夹克", [one("面料", ["涤纶", "尼龙"], true), colour()])]),
  ]),
  branch(27546, "医疗器械", [
    branch(27547, "手术器械", [
      leaf(27548, "手术剪", [
        STEEL,
        sale("规格", ["11.5cm", "14cm", "16cm", "18cm"]),
        one("剪头类型", ["直头", "弯头"], true),
        STERILISABLE,
        REGISTRATION,
        warranty(),
      ]),
      leaf(27549, "止血钳", [
        STEEL,
        sale("规格", ["12.5cm", "14cm", "16cm", "18cm"]),
        one("钳头", ["直头", "弯头", "有齿", "无齿"], true),
        STERILISABLE,
        REGISTRATION,
        warranty(),
      ]),
      leaf(27550, "手术镊", [STEEL, sale("规格", ["12.5cm", "14cm", "16cm"]), STERILISABLE, REGISTRATION]),
      leaf(27551, "手术刀", [STEEL, REGISTRATION]),
    ]),
    branch(27560, "口腔器械", [
      leaf(27561, "牙科器械", [
        STEEL,
        sale("套装", ["单支", "5件套", "10件套"]),
        STERILISABLE,
        REGISTRATION,
        text("件数"),
        warranty(),
      ]),
      leaf(27562, "电动牙刷", [VOLTAGE, colour(false)]),
    ]),
    branch(27570, "家用医疗", [leaf(27571, "家用剪刀", GENERIC), leaf(27572, "体温计", GENERIC)]),
  ]),
  branch(1315, "服饰内衣", [
    branch(1342, "男装", [
      leaf(9735, "皮衣", [
        one("材质", ["绵羊皮", "山羊皮", "牛皮", "猪皮", "PU皮革"], true),
        colour(),
        sale("尺码", CLOTHING_SIZES),
        GENDER,
        one("版型", ["修身", "标准", "宽松"]),
        text("里料"),
      ]),
      leaf(9736, "夹克", [one("面料", ["棉", "涤纶", "尼龙"], true), colour(), sale("尺码", CLOTHING_SIZES)]),
    ]),
    branch(1343, "女装", [
      leaf(9737, "皮草", [one("材质", ["狐狸毛", "貂毛", "人造毛"], true), colour()]),
      leaf(9738, "真皮皮衣", [one("材质", ["绵羊皮", "山羊皮", "牛皮"], true), colour(), sale("尺码", CLOTHING_SIZES)]),
    ]),
  ]),
  branch(17329, "箱包皮具", [
    branch(17330, "钱包卡包", [
      leaf(17331, "男士钱包", [
        one("材质", ["头层牛皮", "二层牛皮", "羊皮", "PU皮革"], true),
        colour(),
        one("款式", ["短款", "长款", "竖款"], true),
        origin(),
      ]),
      leaf(17332, "卡包名片夹", GENERIC),
    ]),
    branch(17340, "男包", [
      leaf(17341, "商务公文包", [
        one("材质", ["头层牛皮", "二层牛皮", "PU皮革", "帆布"], true),
        colour(),
        text("尺寸"),
        one("闭合方式", ["拉链", "搭扣", "磁扣"]),
      ]),
      leaf(17342, "双肩包", GENERIC),
    ]),
  ]),
  branch(11729, "鞋靴", [
    branch(11730, "特色鞋", [
      leaf(11731, "手工刺绣平底鞋", [
        one("帮面材质", ["真皮", "布面", "绒面"], true),
        sale("鞋码", SHOE_SIZES),
        colour(),
        GENDER,
        one("工艺", ["手工刺绣", "机绣"]),
      ]),
      leaf(11732, "拖鞋", GENERIC),
    ]),
  ]),
  branch(15248, "家纺", [
    branch(15249, "床品套件", [
      leaf(15250, "四件套", [
        one("面料", ["纯棉", "涤棉", "真丝", "天丝"], true),
        colour(),
        sale("适用床尺寸", ["1.2米床", "1.5米床", "1.8米床", "2.0米床"]),
        one("件数", ["三件套", "四件套", "六件套"], true),
        text("支数"),
      ]),
      leaf(15251, "被子", GENERIC),
    ]),
    branch(15260, "毛巾浴巾", [
      leaf(15261, "毛巾", [
        one("材质", ["纯棉", "竹纤维", "超细纤维"], true),
        colour(),
        sale("规格", ["34x76cm", "50x100cm", "70x140cm"]),
        text("克重"),
      ]),
      leaf(15262, "浴巾", [one("材质", ["纯棉", "竹纤维"], true), colour()]),
    ]),
    branch(15270, "布艺软饰", [
      leaf(15271, "手工印花布艺", [
        one("材质", ["纯棉", "真丝", "混纺"], true),
        colour(),
        one("工艺", ["手工雕版印花", "扎染", "数码印花"], true),
        text("尺寸"),
      ]),
      leaf(15272, "桌布", GENERIC),
    ]),
  ]),
  branch(9847, "家具", [
    branch(9848, "客厅家具", [
      leaf(9850, "实木雕刻家具", [
        one("材质", ["花梨木", "紫檀", "胡桃木", "柚木", "香樟木", "乌木"], true),
        sale("款式", ["单椅", "茶几", "边柜", "屏风"]),
        one("是否需要安装", ["需要", "不需要"], true),
        warranty(),
        origin(),
      ]),
      leaf(9851, "沙发", GENERIC),
      leaf(9852, "茶几", GENERIC),
    ]),
  ]),
  branch(1620, "家居日用", [
    branch(1621, "家居饰品", [
      leaf(1622, "木质摆件", [
        one("材质", ["胡桃木", "紫檀", "花梨木", "其他"], true),
        colour(false),
        one("风格", ["中式", "欧式", "伊斯兰风格"]),
      ]),
      leaf(1623, "石材工艺摆件", [
        one("材质", ["缟玛瑙", "大理石", "汉白玉"], true),
        colour(),
        one("风格", ["中式", "欧式", "伊斯兰风格"]),
      ]),
      leaf(1624, "手绘彩绘工艺品", [
        one("材质", ["铁皮", "木", "陶瓷"], true),
        sale("图案", ["孔雀", "花卉", "卡车", "多色混合"]),
        one("工艺", ["手绘", "印刷"]),
      ]),
      leaf(1625, "装饰画", GENERIC),
    ]),
  ]),
  branch(9855, "家装建材", [
    branch(9856, "灯饰照明", [
      leaf(9857, "盐灯", [
        one("材质", ["喜马拉雅岩盐"], true),
        sale("重量", ["2-3公斤", "3-5公斤", "5-8公斤"]),
        VOLTAGE,
        one("是否带调光", ["是", "否"]),
      ]),
      leaf(9858, "台灯", [VOLTAGE, colour(false)]),
      leaf(9859, "骆驼皮灯", [one("材质", ["骆驼皮", "羊皮"], true), colour(), VOLTAGE]),
    ]),
  ]),
  branch(1320, "食品饮料", [
    branch(1583, "粮油调味", [
      leaf(1584, "香米", [
        netContent(["1kg", "5kg", "10kg"]),
        shelfLife(),
        origin(),
        one("米种", ["巴斯马蒂", "长粒香米", "茉莉香米"]),
      ]),
      leaf(1585, "蒸谷米", [netContent(["1kg", "5kg", "10kg"]), shelfLife(), origin()]),
      leaf(1586, "食用盐", [
        netContent(["500g", "1kg", "2kg"]),
        shelfLife(),
        text("配料表", true, "fixed"),
        text("产品标准号", true, "fixed"),
        one("颗粒", ["细粒", "粗粒"]),
      ]),
      leaf(1587, "香辛料", [
        netContent(["100g", "250g", "500g"]),
        shelfLife(),
        one("品类", ["孜然", "辣椒", "姜黄", "黑胡椒", "混合香料"], true),
        text("配料表", true, "fixed"),
      ]),
      leaf(1588, "食用油", GENERIC),
    ]),
    branch(1590, "蜜饯果干", [
      leaf(1591, "椰枣", [
        netContent(["500g", "1kg"]),
        shelfLife(),
        one("品种", ["阿吉瓦", "梅德杰尔", "阿斯尔", "其他"], true),
        origin(),
      ]),
      leaf(1592, "果干", GENERIC),
    ]),
  ]),
  branch(6196, "厨具", [
    branch(6197, "烹饪锅具", [
      leaf(6198, "岩盐烤板", [
        one("材质", ["喜马拉雅岩盐"], true),
        sale("规格", ["20x20cm", "30x20cm", "30x30cm"]),
        many("适用炉灶", ["燃气灶", "烤箱", "炭火"]),
      ]),
      leaf(6199, "炒锅", GENERIC),
      leaf(6200, "平底锅", GENERIC),
    ]),
  ]),
  branch(9987, "手机通讯", [branch(653, "手机", [leaf(655, "手机", [one("机身颜色", COLOURS, true)])])]),
];

/** Master category of samples/catalog.json -> its JD leaf. */
export const JD_SAMPLE_LEAVES: Readonly<Record<string, number>> = Object.freeze({
  "sports-footballs": 1467,
  "sports-cricket-bats": 13772,
  "sports-boxing-gloves": 12100,
  "sports-goalkeeper-gloves": 13773,
  "surgical-scissors": 27548,
  "surgical-forceps": 27549,
  "surgical-dental": 27561,
  "leather-jackets": 9735,
  "leather-wallets": 17331,
  "leather-bags": 17341,
  "leather-khussa": 11731,
  "textiles-ajrak": 15271,
  "textiles-bed-linen": 15250,
  "textiles-towels": 15261,
  "furniture-chiniot": 9850,
  "furniture-wood-decor": 1622,
  "salt-lamps": 9857,
  "salt-edible": 1586,
  "salt-cooking": 6198,
  "rice-basmati": 1584,
  "rice-sella": 1585,
  "handicrafts-onyx": 1623,
  "handicrafts-camel-lamps": 9859,
  "handicrafts-truck-art": 1624,
  "food-dates": 1591,
  "food-spices": 1587,
});

export function jdAttributeId(categoryId: number, slot: number): number {
  return 1_000_000_000 + categoryId * 100 + slot;
}

function attributesFor(categoryId: number, specs: AttrSpec[]): JdSimAttribute[] {
  return [BRAND, ITEM_NUM, GROSS_WEIGHT, ...specs].map((spec, i) => {
    const id = jdAttributeId(categoryId, i + 1);
    return {
      id,
      name: spec.name,
      attributeType: TYPE[spec.kind],
      inputType: spec.input,
      isRequired: spec.required,
      orderSort: i + 1,
      values: spec.values.map((name, j) => ({ id: id * 100 + j + 1, name })),
      ...(spec.wareField ? { wareField: spec.wareField } : {}),
    };
  });
}

function build(tree: BranchSpec[]): JdTaxonomyData {
  const categories: JdSimCategory[] = [];
  const attributes: Record<number, JdSimAttribute[]> = {};
  const walk = (nodes: Array<BranchSpec | LeafSpec>, fid: number, lev: number) => {
    nodes.forEach((node, i) => {
      categories.push({ id: node.id, fid, name: node.name, lev, order: i + 1 });
      if ("children" in node) walk(node.children, node.id, lev + 1);
      else attributes[node.id] = attributesFor(node.id, node.attrs);
    });
  };
  walk(tree, 0, 1);
  return { categories, attributes };
}

/** The default tree; the simulator works on a copy, so tests may change theirs at run time. */
export const JD_SIM_TAXONOMY: Readonly<JdTaxonomyData> = Object.freeze(build(TREE));

/** A leaf's attribute by its Chinese name (test helper). */
export function simAttribute(categoryId: number, name: string, data: JdTaxonomyData = JD_SIM_TAXONOMY): JdSimAttribute {
  const attr = data.attributes[categoryId]?.find((a) => a.name === name);
  if (!attr) throw new Error(`No attribute ${name} in JD category ${categoryId}`);
  return attr;
}
