import { describe, expect, it } from "vitest";
import { registeredChannels } from "../../adapters/core/registry.js";
import {
  buildJdWareAdd,
  buildJdWareUpdate,
  cmToMm,
  JD_CAPABILITIES,
  mapJdWareStatus,
  validateJdListing,
} from "../../adapters/jd/index.js";
import { jdFootball } from "./jd.fixtures.js";

describe("JD mapping", () => {
  it("registers jd and jd-feed, with JD's capabilities", () => {
    expect(registeredChannels()).toEqual(expect.arrayContaining(["jd", "jd-feed"]));
    expect(JD_CAPABILITIES).toMatchObject({
      maxPriceStockBatch: 1,
      combinedPriceStock: false,
      reviewsNewListings: true,
      currency: "CNY",
      locale: "zh-Hans",
      maxPageSize: 50,
    });
  });

  it("converts cm to whole mm and takes the package that holds every variant", () => {
    expect([cmToMm(23), cmToMm(22.5), cmToMm(0.04), cmToMm(12.34)]).toEqual([230, 225, 0, 123]);
    const listing = jdFootball();
    listing.variants[1]!.package = { lengthCm: 30.5, widthCm: 10, heightCm: 8, weightKg: 1.2345 };
    const { ware } = buildJdWareAdd(listing);
    expect([ware.length, ware.width, ware.height, ware.weight]).toEqual([305, 230, 230, 1.235]);
  });

  it("jdPrice is what the buyer pays (salePrice if any), marketPrice the highest list price", () => {
    const { ware, skus } = buildJdWareAdd(jdFootball());
    expect([ware.jdPrice, ware.marketPrice]).toEqual([98, 128]);
    expect(skus.map((s) => s.jdPrice)).toEqual([128, 98]);
  });

  it("takes a barCode option out of the sale attributes; brand ids come from attributes or a name map", () => {
    const listing = jdFootball();
    listing.variants[0]!.options.barCode = "6901234567892";
    delete listing.attributes.brandId;
    const { ware, skus } = buildJdWareAdd(listing, { brandIds: { "Sialkot Pro": 352118 } });
    expect(ware.brandId).toBe(352118);
    expect(skus[0]).toMatchObject({ barCode: "6901234567892" });
    expect(skus[0]?.saleAttrs.map((a) => a.attrId)).toEqual(["1000000041", "1000000046"]);
  });

  it("updateWare carries the ware id and known sku ids, never images", () => {
    const body = buildJdWareUpdate(jdFootball(), "100012345678", {}, new Map([["SKC-FB-PRO-5-WHT", "9001"]]));
    expect(body.ware.wareId).toBe(100012345678);
    expect(body.ware.images).toBeUndefined();
    expect(body.skus.map((s) => s.skuId)).toEqual([9001, undefined]);
  });

  it("maps wareStatus", () => {
    expect([8, 513, 514, 516, 520, 1, 2, 4, 1028, 999].map(mapJdWareStatus)).toEqual([
      "live",
      "pending",
      "pending",
      "pending",
      "pending",
      "inactive",
      "inactive",
      "inactive",
      "rejected",
      "inactive",
    ]);
  });
});

describe("JD rules", () => {
  const fields = (listing: ReturnType<typeof jdFootball>, opts = {}) =>
    validateJdListing(listing, opts).map((i) => i.field);

  it("accepts the fixture", () => {
    expect(validateJdListing(jdFootball())).toEqual([]);
  });

  it("wants zh-Hans, Chinese in the title, CNY and a JD category", () => {
    const listing = jdFootball();
    listing.locale = "en";
    listing.title = "Hand-stitched match football";
    listing.currency = "PKR";
    listing.categoryId = "sports/football";
    expect(fields(listing)).toEqual(expect.arrayContaining(["locale", "title", "currency", "categoryId"]));
    expect(validateJdListing({ ...jdFootball(), title: "足".repeat(46) })[0]?.message).toMatch(/at most 45/);
  });

  it("wants yuan with at most 2 decimals, sale below price, whole stock, package sizes, images", () => {
    const listing = jdFootball();
    listing.variants[0]!.price = "128.005";
    listing.variants[1]!.salePrice = "108.00";
    listing.variants[1]!.quantity = 1.5;
    listing.variants[1]!.package.weightKg = 0;
    listing.images = [];
    const issues = validateJdListing(listing);
    expect(issues.map((i) => i.field)).toEqual(
      expect.arrayContaining([
        "variants[0].price",
        "variants[1].salePrice",
        "variants[1].quantity",
        "variants[1].package.weightKg",
        "images",
      ]),
    );
    expect(issues.find((i) => i.field === "variants[0].price")?.sellerSku).toBe("SKC-FB-PRO-5-WHT");
  });

  it("needs a brand id unless told otherwise, and checks image hosts and sizes when asked", () => {
    const listing = jdFootball();
    delete listing.attributes.brandId;
    expect(fields(listing)).toContain("brand");
    expect(fields(listing, { requireBrandId: false })).not.toContain("brand");
    const strict = fields(jdFootball({ imageHost: "cdn.example.pk" }), {
      imageHosts: ["360buyimg.com"],
      imageInfo: (url: string) =>
        url.includes("front") ? { widthPx: 640, heightPx: 640, bytes: 2_000_000 } : undefined,
    });
    expect(strict).toEqual(expect.arrayContaining(["images[0]", "images[1]", "variants[0].images[0]"]));
    expect(strict.filter((f) => f === "images[0]")).toHaveLength(3);
  });

  it("multi-SKU wares need distinct sale attributes", () => {
    const listing = jdFootball();
    listing.variants[1]!.options = { ...listing.variants[0]!.options };
    expect(fields(listing)).toContain("variants[1].options");
  });
});
