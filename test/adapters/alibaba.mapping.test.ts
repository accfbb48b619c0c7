import { describe, expect, it } from "vitest";
import {
  ALIBABA_CAPABILITIES,
  buildProductInfo,
  buildSkuInventory,
  buildSkuPrices,
  businessFailure,
  formatGmt,
  mapAlibabaBusinessError,
  mapAlibabaGatewayError,
  mapAlibabaStatus,
  mapListingStatus,
  msgCodeClass,
  parseBanSeconds,
  parseGmt,
  parseProductInfo,
  validateAlibabaListing,
} from "../../adapters/alibaba/index.js";
import { createAdapter, registeredChannels } from "../../adapters/core/registry.js";
import { alibabaFootball } from "./fixtures.js";

describe("Alibaba.com product_info mapping", () => {
  it("maps the canonical listing to basic_info, category_info, attributes, trade_info and logistics_info", () => {
    const info = buildProductInfo(alibabaFootball());
    expect(info.basic_info).toEqual({
      title: "Hand-Stitched Match Football Size 5, Sialkot Made, PU Leather, FIFA Quality Pro",
      description: expect.stringMatching(/^<ul><li>Hand-stitched, 32 panels<\/li>.*<\/ul><p>Hand-stitched in Sialkot/),
      keywords: ["football", "soccer ball", "hand stitched"],
      language: "en_US",
      product_image: [
        { image_url: "https://sc04.alicdn.com/p/sialkot-football-front.jpg" },
        { image_url: "https://sc04.alicdn.com/p/sialkot-football-panels.jpg" },
        { image_url: "https://sc04.alicdn.com/p/sialkot-football-stitching.jpg" },
      ],
      model_number: "SP-MATCH-32",
      brand_name: "Sialkot Pro",
    });
    expect(info.category_info).toEqual({ category_id: 100005471 });
    expect(info.attributes).toEqual([
      { attribute_name: "material", attribute_value: "PU Leather" },
      { attribute_name: "place_of_origin", attribute_value: "Punjab, Pakistan" },
    ]);
    expect(info.trade_info).toEqual({
      price: {
        price_type: "TIERED",
        currency: "USD",
        tiered_price: [
          { quantity: 50, price: 14.5 },
          { quantity: 200, price: 13.05 },
          { quantity: 1000, price: 11.6 },
        ],
      },
      inventory: 200,
      moq: 50,
      unit: "Piece",
      sku_info: [
        {
          sku_code: "SKC-FB-PRO-5-WHT",
          sku_price: 14.5,
          inventory: 120,
          sale_attributes: [
            { attribute_name: "color", attribute_value: "White" },
            { attribute_name: "size", attribute_value: "5" },
          ],
          image: "https://sc04.alicdn.com/p/sialkot-football-white.jpg",
        },
        expect.objectContaining({ sku_code: "SKC-FB-PRO-4-YLW", sku_price: 12.5, inventory: 80 }),
      ],
    });
    expect(info.logistics_info).toEqual({ dimension: { length: 23, width: 23, height: 23 }, weight: "0.6" });
    expect(JSON.stringify(info)).not.toContain("salePrice");
  });

  it("without tiers sends one tier at the MOQ with the variant price; sets product_id and options on update", () => {
    const listing = alibabaFootball();
    delete listing.tiers;
    delete listing.moq;
    listing.attributes = {};
    listing.bullets = [];
    const info = buildProductInfo(listing, "1600123456789", { unit: "Pair", shippingTemplateId: "8801" });
    expect(info.trade_info.price.tiered_price).toEqual([{ quantity: 1, price: 14.5 }]);
    expect(info.trade_info.moq).toBe(1);
    expect(info.trade_info.unit).toBe("Pair");
    expect(info.basic_info.product_id).toBe(1600123456789);
    expect(info.basic_info.description).toBe(listing.description);
    expect(info.logistics_info.shipping_template_id).toBe("8801");
    const moqOnly = alibabaFootball();
    delete moqOnly.tiers;
    expect(buildProductInfo(moqOnly).trade_info.price.tiered_price).toEqual([{ quantity: 50, price: 14.5 }]);
  });

  it("builds sku_price[] and sku_inventory[] for edit-price / edit-inventory", () => {
    expect(buildSkuPrices([{ skuId: "10000000000001", price: "9.90" }])).toEqual([
      { sku_id: 10000000000001, price: 9.9 },
    ]);
    expect(buildSkuInventory([{ skuId: "10000000000001", quantity: 0 }])).toEqual([
      { sku_id: 10000000000001, inventory: 0 },
    ]);
  });
});

describe("Alibaba.com rules", () => {
  it("accepts the sample listing", () => {
    expect(validateAlibabaListing(alibabaFootball())).toEqual([]);
  });

  it("names every broken field", () => {
    const l = alibabaFootball();
    l.title = "x".repeat(129);
    l.currency = "PKR";
    l.locale = "ur";
    l.categoryId = " ";
    l.keywords = ["football", "ball, soccer", "a", "b"];
    l.images = Array.from({ length: 7 }, (_, i) => `https://sc04.alicdn.com/${i}.jpg`);
    l.moq = 0;
    l.variants[0]!.price = "14.505";
    l.variants[1]!.quantity = -1;
    l.variants[1]!.sellerSku = l.variants[0]!.sellerSku;
    l.variants[1]!.package.weightKg = 0;
    const issues = validateAlibabaListing(l);
    expect(issues.map((i) => i.field)).toEqual(
      expect.arrayContaining([
        "title",
        "currency",
        "locale",
        "categoryId",
        "keywords",
        "keywords[1]",
        "images",
        "moq",
        "variants[0].price",
        "variants[1].quantity",
        "variants[1].sellerSku",
        "variants[1].package.weightKg",
      ]),
    );
    expect(issues.find((i) => i.field === "variants[0].price")?.message).toMatch(/3 decimals/);
    expect(validateAlibabaListing({ ...alibabaFootball(), images: [] }).map((i) => i.field)).toEqual(["images"]);
  });

  it("checks ladder prices: rising quantities, falling prices, no duplicates, 2 decimals, not below the MOQ", () => {
    const tiers = (list: Array<[number, string]>) => ({
      ...alibabaFootball(),
      tiers: list.map(([minQuantity, price]) => ({ minQuantity, price })),
    });
    const fields = (list: Array<[number, string]>) => validateAlibabaListing(tiers(list)).map((i) => i.field);
    expect(
      fields([
        [50, "10.00"],
        [100, "9.00"],
        [500, "8.50"],
      ]),
    ).toEqual([]);
    expect(
      fields([
        [50, "10.00"],
        [100, "10.00"],
      ]),
    ).toEqual(["tiers[1].price"]);
    expect(
      fields([
        [50, "10.00"],
        [100, "11.00"],
      ]),
    ).toEqual(["tiers[1].price"]);
    expect(
      fields([
        [50, "10.00"],
        [50, "9.00"],
      ]),
    ).toEqual(["tiers[1].minQuantity"]);
    expect(
      fields([
        [100, "10.00"],
        [50, "9.00"],
      ]),
    ).toEqual(["tiers[1].minQuantity"]);
    expect(fields([[50, "10.001"]])).toEqual(["tiers[0].price"]);
    expect(fields([[10, "10.00"]])).toEqual(["tiers[0].minQuantity"]);
    expect(fields([[0, "10.00"]])).toEqual(expect.arrayContaining(["tiers[0].minQuantity"]));
  });

  it("needs sale attributes on multi-SKU products and (optionally) photobank images", () => {
    const l = alibabaFootball();
    l.variants[1]!.options = {};
    expect(validateAlibabaListing(l).map((i) => i.field)).toEqual(["variants[1].options"]);
    const same = alibabaFootball();
    same.variants[1]!.options = { ...same.variants[0]!.options };
    expect(validateAlibabaListing(same).map((i) => i.field)).toEqual(["variants[1].options"]);
    const foreign = validateAlibabaListing(alibabaFootball({ imageHost: "cdn.exporter.pk" }), {
      imageHosts: ["alicdn.com"],
    });
    expect(foreign.length).toBe(5);
    expect(foreign.every((i) => i.message.includes("photobank"))).toBe(true);
    expect(validateAlibabaListing(alibabaFootball(), { imageHosts: ["alicdn.com"] })).toEqual([]);
  });
});

describe("Alibaba.com error mapping", () => {
  const gateway: Array<[string, Record<string, unknown>, number, string, string]> = [
    [
      "ApiCallLimit",
      { type: "ISV", code: "ApiCallLimit", message: "this ban will last 5 seconds" },
      200,
      "throttled",
      "ApiCallLimit",
    ],
    [
      "IllegalAccessToken",
      { type: "ISV", code: "IllegalAccessToken", message: "x" },
      200,
      "auth_expired",
      "IllegalAccessToken",
    ],
    ["IllegalRefreshToken", { type: "ISV", code: "IllegalRefreshToken" }, 200, "auth_expired", "IllegalRefreshToken"],
    ["ISP", { type: "ISP", code: "ServiceError", message: "busy" }, 200, "transient", "ServiceError"],
    ["SYSTEM", { type: "SYSTEM", code: "E01", message: "busy" }, 200, "transient", "E01"],
    ["5xx body", { type: "ISV", code: "InvalidParameter", message: "x" }, 503, "transient", "InvalidParameter"],
    ["AppWhiteIpLimit", { type: "ISV", code: "AppWhiteIpLimit", message: "ip" }, 200, "permanent", "AppWhiteIpLimit"],
    ["IncompleteSignature", { type: "ISV", code: "IncompleteSignature" }, 200, "permanent", "IncompleteSignature"],
  ];
  it.each(gateway)("gateway %s", (_name, body, status, errorClass, code) => {
    const err = mapAlibabaGatewayError(body, status);
    expect(err).toMatchObject({ errorClass, code, channel: "alibaba" });
  });

  const business: Array<[string, string]> = [
    ["S_COMMON_INTERNAL_ERROR", "transient"],
    ["S_PRODUCT_SEARCH_ERROR", "transient"],
    ["B_PRODUCT_INFO_TRANSLATION_FAILED", "transient"],
    ["PUB_BIZCHECK_PRODUCT_NOT_EDITABLE", "transient"],
    ["B_PRODUCT_PARAM_INVALID", "permanent"],
    ["B_TITLE_NOT_FOUND", "permanent"],
    ["B_PRICE_ALL_NULL", "permanent"],
    ["B_PRICE_SEQUENCE_INVALID", "permanent"],
    ["B_PRICE_SCALE_INVALID", "permanent"],
    ["B_CONTAINS_INVALID_IMAGE", "permanent"],
    ["B_PRICE_CONFLICT", "permanent"],
    ["B_INVENTORY_CONFLICT", "permanent"],
    ["CHK_CAT_NOT_LEAF", "permanent"],
    ["CHK_BASIC_REQUIRED", "permanent"],
    ["CHK_BASIC_MAX_LENGTH", "permanent"],
    ["SOMETHING_NEW", "permanent"],
  ];
  it.each(business)("business %s -> %s, with code and message", (msgCode, errorClass) => {
    expect(msgCodeClass(msgCode)).toBe(errorClass);
    const err = mapAlibabaBusinessError({ msgCode, message: "explained", requestId: "21abc" });
    expect(err).toMatchObject({ errorClass, code: msgCode, channel: "alibaba" });
    expect(err.message).toBe(`${msgCode}: explained (request_id 21abc)`);
  });

  it("reads success:false + msg_code under result or at top level", () => {
    expect(businessFailure({ code: "0", result: { success: true, data: 1 } })).toBeUndefined();
    expect(businessFailure({ code: "0", result: { data: 1 } })).toBeUndefined();
    expect(
      businessFailure({ code: "0", request_id: "r1", result: { success: false, msg_code: "B_X", message: "m" } }),
    ).toEqual({ msgCode: "B_X", message: "m", requestId: "r1" });
    expect(businessFailure({ success: false, msg_code: "S_Y", msg_info: "n" })).toEqual({
      msgCode: "S_Y",
      message: "n",
    });
  });

  it("reads the ban seconds", () => {
    expect(parseBanSeconds("Api access frequency exceeds the limit. this ban will last 1 seconds")).toBe(1);
    expect(parseBanSeconds("nothing")).toBeUndefined();
  });
});

describe("Alibaba.com read mapping", () => {
  it("maps status + audit_status, and listing status words", () => {
    expect(
      [
        ["online", "approved"],
        ["online", "pending"],
        ["online", "rejected"],
        ["offline", "approved"],
        ["deleted", "approved"],
      ].map(([s, a]) => mapAlibabaStatus(s ?? "", a ?? "")),
    ).toEqual(["live", "pending", "rejected", "inactive", "deleted"]);
    expect(["online", "pending", "failed", "draft"].map(mapListingStatus)).toEqual([
      "live",
      "pending",
      "rejected",
      "inactive",
    ]);
  });

  it("reads product_info leniently (string ids, price objects, string images)", () => {
    expect(
      parseProductInfo(
        {
          basic_info: {
            product_id: "1600000000001",
            title: "Ball",
            status: "offline",
            audit_status: "approved",
            product_images: ["https://sc04.alicdn.com/a.jpg", ""],
            gmt_modified: "2026-01-01 08:00:00",
          },
          trade_info: { sku_info: [{ sku_id: "7", sku_code: "A-1", sku_price: { price: "9.5" }, inventory: "3" }] },
        },
        480,
      ),
    ).toEqual({
      itemId: "1600000000001",
      sellerSku: "A-1",
      title: "Ball",
      status: "inactive",
      rawStatus: "offline/approved",
      imageCount: 1,
      skus: [{ sellerSku: "A-1", skuId: "7", price: "9.5", quantity: 3 }],
      updatedAt: "2026-01-01T00:00:00.000Z",
    });
  });

  it("formats and parses 'yyyy-MM-dd HH:mm:ss' in the platform's time zone", () => {
    const ms = Date.UTC(2026, 0, 31, 20, 15, 9);
    expect(formatGmt(ms, 480)).toBe("2026-02-01 04:15:09");
    expect(formatGmt(ms, 0)).toBe("2026-01-31 20:15:09");
    expect(parseGmt("2026-02-01 04:15:09", 480)).toBe(ms);
    expect(parseGmt("2026-02-30 04:15:09", 480)).toBeUndefined();
    expect(parseGmt("yesterday", 480)).toBeUndefined();
  });
});

describe("Alibaba.com registration", () => {
  it("registers the factory under 'alibaba' with the agreed capabilities", () => {
    expect(registeredChannels()).toContain("alibaba");
    const adapter = createAdapter("alibaba", {
      baseUrl: "http://127.0.0.1:1/rest",
      credentials: { appKey: "k", appSecret: "s" },
    });
    expect(adapter.channel).toBe("alibaba");
    expect(adapter.capabilities).toEqual(ALIBABA_CAPABILITIES);
    expect(ALIBABA_CAPABILITIES).toEqual({
      maxPriceStockBatch: 1,
      combinedPriceStock: false,
      reviewsNewListings: true,
      maxImages: 6,
      maxTitleLength: 128,
      currency: "USD",
      locale: "en",
      maxPageSize: 30,
      imageRules: {
        maxImages: 6,
        maxBytes: 5 * 1024 * 1024,
        minPixels: 350,
        maxPixels: 5000,
        formats: ["jpeg", "png"],
      },
    });
  });
});
