import { describe, expect, it } from "vitest";
import { createAdapter, registeredChannels } from "../../adapters/core/registry.js";
import {
  buildPriceQuantityPayload,
  buildProductPayload,
  DARAZ_CAPABILITIES,
  mapDarazError,
  mapDarazStatus,
  parseBanSeconds,
  parseDarazProduct,
  validateDarazListing,
} from "../../adapters/daraz/index.js";
import { sialkotFootball } from "./fixtures.js";

describe("Daraz payload mapping", () => {
  it("maps the canonical listing to {Request:{Product}} with Image and Sku arrays", () => {
    const payload = buildProductPayload(sialkotFootball());
    const product = payload.Request.Product;
    expect(product.PrimaryCategory).toBe("10001958");
    expect(product.Images.Image).toHaveLength(3);
    expect(product.Attributes).toMatchObject({
      name: expect.stringContaining("Hand-Stitched"),
      brand: "Sialkot Pro",
      model: "SP-MATCH-32",
      warranty_type: "No Warranty",
      short_description: expect.stringMatching(/^<ul><li>Hand-stitched, 32 panels<\/li>.*<\/ul>$/),
    });
    expect(product.Attributes.package_content).toBeUndefined();
    expect(product.Skus.Sku).toEqual([
      {
        SellerSku: "SKC-FB-PRO-5-WHT",
        quantity: "120",
        price: "4500.00",
        package_length: "23",
        package_width: "23",
        package_height: "23",
        package_weight: "0.6",
        package_content: "1 x football, 1 x needle",
        saleProp: { color_family: "White", size: "5" },
        Images: { Image: ["https://pk-live-21.slatic.net/p/sialkot-football-white.jpg"] },
      },
      expect.objectContaining({ SellerSku: "SKC-FB-PRO-4-YLW", special_price: "3800.00" }),
    ]);
    expect(product.ItemId).toBeUndefined();
  });

  it("keeps arrays for a single image and a single SKU, and sets ItemId on update", () => {
    const listing = sialkotFootball();
    listing.images = listing.images.slice(0, 1);
    listing.variants = listing.variants.slice(0, 1);
    const product = buildProductPayload(listing, "3069252927").Request.Product;
    expect(product.Images.Image).toEqual([listing.images[0]]);
    expect(product.Skus.Sku).toHaveLength(1);
    expect(product.ItemId).toBe("3069252927");
    expect(JSON.stringify(buildProductPayload(listing))).toContain('"Image":["');
  });

  it("builds price/stock payloads with Daraz's capitalised field names", () => {
    expect(
      buildPriceQuantityPayload([
        { sellerSku: "A", itemId: "1", skuId: "2", price: "10.50", salePrice: "9.00", quantity: 0 },
      ]),
    ).toEqual({
      Request: {
        Product: {
          Skus: {
            Sku: [{ ItemId: "1", SkuId: "2", SellerSku: "A", Price: "10.50", SalePrice: "9.00", Quantity: "0" }],
          },
        },
      },
    });
  });
});

describe("Daraz rules", () => {
  it("accepts the sample listing", () => {
    expect(validateDarazListing(sialkotFootball())).toEqual([]);
  });

  it("names every broken field", () => {
    const l = sialkotFootball();
    l.title = "x".repeat(256);
    l.description = "d".repeat(25_001);
    l.brand = " ";
    l.categoryId = "";
    l.currency = "USD";
    l.images = Array.from({ length: 9 }, (_, i) => `https://img.example/${i}.jpg`);
    l.bullets = ["<b>bold</b>"];
    l.variants[0]!.price = "12.345";
    l.variants[0]!.quantity = 1.5;
    l.variants[1]!.sellerSku = l.variants[0]!.sellerSku;
    l.variants[1]!.salePrice = "99999.00";
    l.variants[1]!.package.weightKg = 0;
    const fields = validateDarazListing(l).map((i) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        "title",
        "description",
        "brand",
        "categoryId",
        "currency",
        "images",
        "bullets[0]",
        "variants[0].price",
        "variants[0].quantity",
        "variants[1].sellerSku",
        "variants[1].salePrice",
        "variants[1].package.weightKg",
      ]),
    );
  });

  it("needs images, variation values on multi-SKU products, and (optionally) Daraz-hosted images", () => {
    const l = sialkotFootball();
    l.images = [];
    l.variants[1]!.options = {};
    l.description += '<img src="https://cdn.exporter.pk/ball.jpg">';
    expect(validateDarazListing(l).map((i) => i.field)).toEqual(
      expect.arrayContaining(["images", "variants[1].options"]),
    );
    const hosted = validateDarazListing(sialkotFootball({ imageHost: "cdn.exporter.pk" }), {
      imageHosts: ["slatic.net"],
    });
    expect(hosted.length).toBeGreaterThan(0);
    expect(hosted.every((i) => i.message.includes("not hosted on Daraz"))).toBe(true);
    expect(validateDarazListing(sialkotFootball(), { imageHosts: ["slatic.net"] })).toEqual([]);
  });
});

describe("Daraz error mapping", () => {
  const cases: Array<[string, Record<string, unknown>, number, string, string]> = [
    [
      "ApiCallLimit",
      { type: "ISV", code: "ApiCallLimit", message: "this ban will last 5 seconds" },
      200,
      "throttled",
      "ApiCallLimit",
    ],
    [
      "IllegalAccessToken",
      { type: "ISV", code: "IllegalAccessToken", message: "expired" },
      200,
      "auth_expired",
      "IllegalAccessToken",
    ],
    [
      "IllegalRefreshToken",
      { type: "ISV", code: "IllegalRefreshToken", message: "expired" },
      200,
      "auth_expired",
      "IllegalRefreshToken",
    ],
    ["ISP", { type: "ISP", code: "X", message: "busy" }, 200, "transient", "X"],
    ["SYSTEM", { type: "SYSTEM", code: "Y", message: "busy" }, 200, "transient", "Y"],
    ["ServiceTimeout", { type: "ISV", code: "ServiceTimeout", message: "timeout" }, 200, "transient", "ServiceTimeout"],
    ["5xx body", { type: "ISV", code: "InvalidParameter", message: "x" }, 503, "transient", "InvalidParameter"],
    [
      "campaign lock in detail",
      {
        type: "ISV",
        code: "501",
        message: "edit blocked",
        detail: [{ message: "THD_IC_ERR_F_IC_ABILITY_PG_004 locked" }],
      },
      200,
      "transient",
      "THD_IC_ERR_F_IC_ABILITY_PG_004",
    ],
    [
      "BIZ_CHECK on ISP",
      { type: "ISP", code: "500", message: "BIZ_CHECK_TOTAL_SALE_PROP_MAX_ITEMS: too many" },
      200,
      "permanent",
      "BIZ_CHECK_TOTAL_SALE_PROP_MAX_ITEMS",
    ],
    ["1001", { type: "ISV", code: "1001", message: "not JSON" }, 200, "permanent", "1001"],
    [
      "4135 duplicate SellerSku",
      { type: "ISV", code: "4135", message: "THD_IC_ERR_F_IC_INFRA_PRODUCT_036: outerId exists" },
      200,
      "permanent",
      "THD_IC_ERR_F_IC_INFRA_PRODUCT_036",
    ],
    [
      "InsufficientPermission",
      { type: "ISV", code: "InsufficientPermission", message: "no" },
      200,
      "permanent",
      "InsufficientPermission",
    ],
  ];
  it.each(cases)("%s", (_name, body, status, errorClass, code) => {
    const err = mapDarazError(body, status);
    expect(err.errorClass).toBe(errorClass);
    expect(err.code).toBe(code);
    expect(err.channel).toBe("daraz");
  });

  it("reads the ban seconds", () => {
    expect(parseBanSeconds("Api access frequency exceeds the limit. this ban will last 1 seconds")).toBe(1);
    expect(parseBanSeconds("this ban will last 30 second")).toBe(30);
    expect(parseBanSeconds("something else")).toBeUndefined();
  });
});

describe("Daraz read mapping", () => {
  it("maps status words", () => {
    expect(
      ["Active", "InActive", "Pending QC", "Rejected", "Suspended", "Deleted", "live", "weird"].map(mapDarazStatus),
    ).toEqual(["live", "inactive", "pending", "rejected", "rejected", "deleted", "live", "inactive"]);
  });

  it("reads a product leniently (numbers as strings, images as a JSON string, no skus)", () => {
    expect(
      parseDarazProduct({ item_id: 5, status: "Pending QC", images: '["a", ""]', attributes: { name: "Ball" } }),
    ).toEqual({
      itemId: "5",
      sellerSku: "",
      status: "pending",
      rawStatus: "Pending QC",
      imageCount: 1,
      skus: [],
      title: "Ball",
    });
  });
});

describe("Daraz registration", () => {
  it("registers the factory under 'daraz' with the agreed capabilities", () => {
    expect(registeredChannels()).toContain("daraz");
    const adapter = createAdapter("daraz", {
      baseUrl: "http://127.0.0.1:1/rest",
      credentials: { appKey: "k", appSecret: "s" },
    });
    expect(adapter.channel).toBe("daraz");
    expect(adapter.capabilities).toEqual(DARAZ_CAPABILITIES);
    expect(DARAZ_CAPABILITIES).toMatchObject({
      maxPriceStockBatch: 50,
      combinedPriceStock: true,
      reviewsNewListings: true,
      maxImages: 8,
      currency: "PKR",
      locale: "en",
      maxPageSize: 50,
    });
  });
});
