import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AlibabaAdapterOptions, AlibabaClient } from "../../adapters/alibaba/index.js";
import {
  type AlibabaSimulatorHandle,
  ATTR,
  SAMPLE_CATEGORY_LEAVES,
  startAlibabaSimulator,
  valueIdOf,
} from "../../adapters/alibaba/simulator/index.js";
import { type ChannelError, PermanentError } from "../../adapters/core/errors.js";
import { createAdapter } from "../../adapters/core/registry.js";
import type { CanonicalListing, ChannelAdapter, ImageToUpload } from "../../adapters/core/types.js";
import { jpegImage, pngImage, sha256 } from "../support/images.js";
import { alibabaFootball } from "./fixtures.js";

const SOCCER_BALLS = SAMPLE_CATEGORY_LEAVES["sports-footballs"] ?? "";
const CATEGORY_GET = "/alibaba/icbu/category/get/v2";
const ATTRIBUTES_GET = "/alibaba/icbu/category/attribute/get/v2";
const UPLOAD = "/alibaba/icbu/photobank/upload";

function toUpload(bytes: Buffer, format: "png" | "jpeg" = "png"): ImageToUpload {
  return {
    sourceUrl: `https://images.example.com/${sha256(bytes).slice(0, 8)}`,
    contentHash: sha256(bytes),
    bytes,
    contentType: format === "png" ? "image/png" : "image/jpeg",
    format,
  };
}

async function failure(p: Promise<unknown>): Promise<ChannelError> {
  return p.then(
    () => {
      throw new Error("expected a channel error");
    },
    (e: unknown) => e as ChannelError,
  );
}

/** The football, mapped to the soccer ball leaf by attribute ids as the engine does, with the given images. */
function mappedFootball(n: number, images: string[]): CanonicalListing {
  const listing = alibabaFootball({ skuPrefix: `RDY-${n}`, categoryId: SOCCER_BALLS });
  listing.images = images.slice(0, 3);
  listing.attributes = {
    [ATTR.placeOfOrigin]: String(valueIdOf("Pakistan")),
    [ATTR.material]: String(valueIdOf("PU")),
    [ATTR.bladder]: String(valueIdOf("Butyl")),
  };
  const [white, yellow] = listing.variants;
  if (!white || !yellow) throw new Error("fixture needs two variants");
  white.options = { [ATTR.size]: String(valueIdOf("5")), [ATTR.color]: String(valueIdOf("White")) };
  white.images = images.slice(0, 1);
  yellow.options = { [ATTR.size]: String(valueIdOf("4")), [ATTR.color]: String(valueIdOf("Yellow")) };
  yellow.images = images.slice(1, 2);
  return listing;
}

describe("Alibaba.com readiness against its simulator", () => {
  let sim: AlibabaSimulatorHandle;
  let adapter: ChannelAdapter;
  let options: AlibabaAdapterOptions;

  beforeAll(async () => {
    sim = await startAlibabaSimulator({ seed: 8 });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    sim.reset();
    options = {
      baseUrl: sim.baseUrl,
      credentials: await sim.testCredentials(),
      readRetry: { retries: 0 },
      taxonomyConcurrency: 3,
    };
    adapter = createAdapter("alibaba", options);
  });

  const taxonomy = () => {
    if (!adapter.taxonomy) throw new Error("the Alibaba.com adapter has a taxonomy");
    return adapter.taxonomy;
  };
  const media = () => {
    if (!adapter.media) throw new Error("the Alibaba.com adapter has a media store");
    return adapter.media;
  };
  const hostedImages = async (count: number, seed = 1) => {
    const outcomes = await media().uploadImages(
      Array.from({ length: count }, (_, i) => toUpload(pngImage(500, 500, seed + i))),
    );
    return outcomes.map((o) => {
      if (!o.ok) throw new Error(`upload failed: ${o.error.message}`);
      return o.url;
    });
  };

  describe("category tree", () => {
    it("covers every sample master category with a leaf, parents first, one call per non-leaf category", async () => {
      const tree = await taxonomy().categoryTree();
      const byId = new Map(tree.map((c, i) => [c.id, { ...c, index: i }]));
      for (const [master, leafId] of Object.entries(SAMPLE_CATEGORY_LEAVES)) {
        expect(byId.get(leafId)?.leaf, master).toBe(true);
      }
      for (const [index, c] of tree.entries()) {
        if (c.parentId !== null) expect(byId.get(c.parentId)?.index ?? Infinity).toBeLessThan(index);
      }
      expect(tree.filter((c) => c.parentId === null).length).toBeGreaterThanOrEqual(8);
      expect(byId.get(SOCCER_BALLS)?.name).toBe("Soccer Balls");
      expect(tree.filter((c) => /gloves/i.test(c.name)).length).toBeGreaterThanOrEqual(3);
      const nonLeaves = tree.filter((c) => !c.leaf).length;
      expect(sim.counts()[CATEGORY_GET]).toBe(nonLeaves + 1);
      expect(tree).toHaveLength(sim.categories().length);
    });

    it("sees categories renamed, removed and added since the last walk", async () => {
      sim.renameCategory(SOCCER_BALLS, "Footballs & Soccer Balls");
      sim.removeCategory("100001822"); // Cricket, with its three leaves
      sim.addCategory({ id: "100005477", parentId: "100001820", name: "Futsal Balls" });
      const tree = await taxonomy().categoryTree();
      const names = new Map(tree.map((c) => [c.id, c.name]));
      expect(names.get(SOCCER_BALLS)).toBe("Footballs & Soccer Balls");
      expect(names.has("100001822")).toBe(false);
      expect(names.has("100005480")).toBe(false);
      expect(tree.find((c) => c.id === "100005477")).toEqual({
        id: "100005477",
        parentId: "100001820",
        name: "Futsal Balls",
        leaf: true,
      });
    });
  });

  describe("category attributes", () => {
    it("serves a leaf's product and sale attributes with option ids", async () => {
      const attributes = await taxonomy().categoryAttributes(SOCCER_BALLS);
      const byKey = new Map(attributes.map((a) => [a.key, a]));
      expect(byKey.get(String(ATTR.placeOfOrigin))).toMatchObject({
        label: "Place of Origin",
        required: true,
        type: "single_select",
        variant: false,
        fromListing: false,
      });
      expect(byKey.get(String(ATTR.material))).toMatchObject({ required: true, allowsCustomValue: true });
      expect(byKey.get(String(ATTR.brandName))).toMatchObject({ fromListing: true, required: false, type: "text" });
      expect(byKey.get(String(ATTR.weight))).toMatchObject({ required: false, type: "text", options: [] });
      const color = byKey.get(String(ATTR.color));
      expect(color).toMatchObject({ variant: true, type: "single_select" });
      expect(color?.options.map((o) => o.label)).toEqual(
        expect.arrayContaining(["Red", "Blue", "Black", "White", "Brown", "Multicolor"]),
      );
      expect(color?.options.find((o) => o.label === "Red")?.value).toBe(String(valueIdOf("Red")));
      expect(byKey.get(String(ATTR.size))).toMatchObject({ variant: true, required: true });
      expect(sim.counts()[ATTRIBUTES_GET]).toBe(1);
    });

    it("refuses a non-leaf or unknown category", async () => {
      const nonLeaf = await failure(taxonomy().categoryAttributes("18"));
      expect(nonLeaf).toBeInstanceOf(PermanentError);
      expect(nonLeaf.code).toBe("CHK_CAT_NOT_LEAF");
      const unknown = await failure(taxonomy().categoryAttributes("999999999"));
      expect(unknown).toBeInstanceOf(PermanentError);
      expect(unknown.code).toBe("BUSINESS_CATEGORY_NOT_EXIST");
    });

    it("reflects requirements changed at run time", async () => {
      sim.requireAttribute(SOCCER_BALLS, ATTR.panels);
      sim.setCategoryAttributes(
        "100005480",
        sim.categoryAttributes("100005480").filter((a) => a.id !== ATTR.woodType),
      );
      const ball = await taxonomy().categoryAttributes(SOCCER_BALLS);
      expect(ball.find((a) => a.key === String(ATTR.panels))?.required).toBe(true);
      const bat = await taxonomy().categoryAttributes("100005480");
      expect(bat.some((a) => a.key === String(ATTR.woodType))).toBe(false);
    });
  });

  describe("photobank", () => {
    it("uploads images one call each; the same bytes get the same URL", async () => {
      const a = toUpload(pngImage(500, 500, 1));
      const b = toUpload(jpegImage(800, 600, 2), "jpeg");
      const outcomes = await media().uploadImages([a, b, a]);
      expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
      const urls = outcomes.map((o) => (o.ok ? o.url : ""));
      expect(urls[0]).toMatch(/^https:\/\/sc04\.alicdn\.com\/kf\/H[0-9a-f]{32}Q\.png$/);
      expect(urls[1]).toMatch(/\.jpg$/);
      expect(urls[2]).toBe(urls[0]);
      expect(sim.counts()[UPLOAD]).toBe(3);
      expect(sim.uploadedImages().map((p) => p.contentHash)).toEqual([a.contentHash, b.contentHash]);
    });

    it("refuses an image over 5 MB, too small, or not JPG/PNG, image by image", async () => {
      const big = Buffer.concat([pngImage(500, 500, 3), Buffer.alloc(5 * 1024 * 1024)]);
      const outcomes = await media().uploadImages([
        toUpload(big),
        toUpload(pngImage(200, 200, 4)),
        toUpload(Buffer.from("GIF89a not really an image")),
        toUpload(pngImage(400, 400, 5)),
      ]);
      expect(outcomes.map((o) => (o.ok ? "ok" : `${o.error.errorClass}:${o.error.code}`))).toEqual([
        "permanent:SIZE_TOO_LARGE",
        "permanent:IMAGE_PIXEL_INVALID",
        "permanent:IMAGE_TYPE_NOT_SUPPORTED",
        "ok",
      ]);
      expect(sim.uploadedImages()).toHaveLength(1);
    });
  });

  describe("hosted images required", () => {
    beforeEach(() => sim.setEnforcement({ requireHostedImages: true }));

    it("creates a listing whose images were uploaded first", async () => {
      const urls = await hostedImages(3);
      const listing = alibabaFootball({ skuPrefix: "HOST-1" });
      listing.images = urls;
      for (const [i, v] of listing.variants.entries()) v.images = [urls[i] ?? ""];
      listing.description += `<p><img src="${urls[2]}"></p>`;
      const pushed = await adapter.create(listing);
      expect(pushed.itemId).toMatch(/^\d+$/);
      expect(sim.listings()[0]?.images).toEqual(urls);
    });

    it("refuses a listing with an image from elsewhere (product image or description)", async () => {
      const urls = await hostedImages(2, 10);
      const foreign = alibabaFootball({ skuPrefix: "HOST-2" });
      foreign.images = [urls[0] ?? "", "https://images.example.com/panjnad/ps-m32-front.jpg"];
      for (const v of foreign.variants) v.images = [];
      const err = await failure(adapter.create(foreign));
      expect(err).toBeInstanceOf(PermanentError);
      expect(err.code).toBe("B_CONTAINS_INVALID_IMAGE");

      const described = alibabaFootball({ skuPrefix: "HOST-3" });
      described.images = urls;
      for (const v of described.variants) v.images = [];
      described.description += '<img src="https://sc04.alicdn.com/kf/Hsomebodyelse.jpg">';
      expect((await failure(adapter.create(described))).code).toBe("B_CONTAINS_INVALID_IMAGE");
      expect(sim.listings()).toHaveLength(0);
    });
  });

  describe("taxonomy enforced", () => {
    beforeEach(() => sim.setEnforcement({ enforceTaxonomy: true, requireHostedImages: true }));

    it("takes a listing mapped by attribute ids and stores the names", async () => {
      const listing = mappedFootball(1, await hostedImages(3));
      const pushed = await adapter.create(listing);
      const client = new AlibabaClient({ ...options, ...options.credentials });
      const got = await client.get("/alibaba/icbu/product/get/v2", { product_id: pushed.itemId });
      const info = (got.result as { product_info: Record<string, unknown> }).product_info;
      expect(info.attributes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            attribute_id: ATTR.placeOfOrigin,
            attribute_name: "Place of Origin",
            attribute_value: "Pakistan",
          }),
          expect.objectContaining({ attribute_id: ATTR.material, attribute_value: "PU" }),
        ]),
      );
      const trade = info.trade_info as { sku_info: Array<{ sale_attributes: unknown[] }> };
      // Numeric keys keep ascending order in a JS object: Color (191) before Size (192).
      expect(trade.sku_info[0]?.sale_attributes).toEqual([
        {
          attribute_id: ATTR.color,
          attribute_name: "Color",
          attribute_value_id: valueIdOf("White"),
          attribute_value: "White",
        },
        { attribute_id: ATTR.size, attribute_name: "Size", attribute_value_id: valueIdOf("5"), attribute_value: "5" },
      ]);
      // The attribute names came from one category read, shared by the next push in the same category.
      await adapter.create(mappedFootball(2, await hostedImages(3)));
      expect(sim.counts()[ATTRIBUTES_GET]).toBe(1);
    });

    it("refuses a missing required attribute, a value outside the options and a non-leaf category", async () => {
      const urls = await hostedImages(3);
      const missing = mappedFootball(3, urls);
      delete missing.attributes[ATTR.material];
      const err = await failure(adapter.create(missing));
      expect(err).toBeInstanceOf(PermanentError);
      expect(err.code).toBe("CHK_BASIC_REQUIRED");
      expect(err.message).toContain("Material");

      const wrongValue = mappedFootball(4, urls);
      wrongValue.attributes[ATTR.placeOfOrigin] = String(valueIdOf("Atlantis"));
      expect((await failure(adapter.create(wrongValue))).code).toBe("B_PRODUCT_PARAM_INVALID");

      const noSize = mappedFootball(5, urls);
      for (const v of noSize.variants) delete v.options[ATTR.size];
      for (const [i, v] of noSize.variants.entries()) v.options[ATTR.color] = String(valueIdOf(i ? "Red" : "Blue"));
      expect((await failure(adapter.create(noSize))).code).toBe("CHK_BASIC_REQUIRED");

      const parent = mappedFootball(6, urls);
      parent.categoryId = "100001820";
      parent.attributes = {};
      for (const v of parent.variants) v.options = { color: v.sellerSku };
      expect((await failure(adapter.create(parent))).code).toBe("CHK_CAT_NOT_LEAF");
      expect(sim.listings()).toHaveLength(0);
    });

    it("refuses a listing once a newly required attribute is missing, or its category was removed", async () => {
      const urls = await hostedImages(3);
      const first = await adapter.create(mappedFootball(7, urls));
      sim.requireAttribute(SOCCER_BALLS, ATTR.panels);
      const err = await failure(adapter.create(mappedFootball(8, urls)));
      expect(err.code).toBe("CHK_BASIC_REQUIRED");
      expect(err.message).toContain("Number of Panels");

      sim.advanceReview();
      sim.removeCategory(SOCCER_BALLS);
      const listing = mappedFootball(7, urls);
      listing.attributes[ATTR.panels] = String(valueIdOf("32"));
      expect((await failure(adapter.update(listing, first.itemId))).code).toBe("B_PRODUCT_PARAM_INVALID");
    });
  });
});
