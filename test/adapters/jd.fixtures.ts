import type { CanonicalListing } from "../../adapters/core/types.js";

export interface JdFootballOptions {
  /** Prefix for the product and variant seller SKUs, to keep several listings apart. */
  skuPrefix?: string;
  title?: string;
  imageHost?: string;
}

/**
 * The Sialkot match football localized for JD (Pakistan Pavilion): Simplified Chinese, CNY, JD attribute ids as
 * attribute keys, JD sale attribute ids (color, size) as option keys.
 */
export function jdFootball(opts: JdFootballOptions = {}): CanonicalListing {
  const prefix = opts.skuPrefix ?? "SKC-FB-PRO";
  const host = opts.imageHost ?? "img10.360buyimg.com";
  const image = (name: string) => `https://${host}/pop/jfs/t1/sialkot-football-${name}.jpg`;
  return {
    channel: "jd",
    productId: `prod-${prefix.toLowerCase()}`,
    sellerSku: prefix,
    locale: "zh-Hans",
    currency: "CNY",
    title: opts.title ?? "巴基斯坦锡亚尔科特手工缝制5号比赛足球 PU皮革",
    description:
      "<p>锡亚尔科特工匠手工缝制：32片1.5毫米PU皮革，丁基内胆，四层涤棉内衬，整个赛季保持球形与气压。</p>" +
      "<ul><li>5号球周长68-70厘米</li><li>重量410-450克</li></ul>",
    bullets: ["手工缝制，32片", "1.5毫米PU皮革", "丁基内胆，保气数周", "巴基斯坦锡亚尔科特制造"],
    keywords: ["足球", "5号球", "手工缝制", "锡亚尔科特"],
    brand: "Sialkot Pro",
    modelNumber: "SP-MATCH-32",
    categoryId: "1467",
    attributes: { brandId: "352118", "1001": "PU皮革", "1002": "巴基斯坦", package_content: "足球×1，打气针×1" },
    images: [image("front"), image("panels"), image("stitching")],
    variants: [
      {
        sellerSku: `${prefix}-5-WHT`,
        options: { "1000000041": "白色", "1000000046": "5号" },
        price: "128.00",
        quantity: 120,
        package: { lengthCm: 23, widthCm: 23, heightCm: 23, weightKg: 0.6 },
        images: [image("white")],
      },
      {
        sellerSku: `${prefix}-4-YLW`,
        options: { "1000000041": "黄色", "1000000046": "4号" },
        price: "108.00",
        salePrice: "98.00",
        quantity: 80,
        package: { lengthCm: 22.5, widthCm: 22, heightCm: 22, weightKg: 0.55 },
        images: [image("yellow")],
      },
    ],
  };
}
