import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ChannelError, PermanentError } from "../../adapters/core/errors.js";
import type { CanonicalListing, ImageToUpload, RemoteCategory } from "../../adapters/core/types.js";
import { DarazAdapter } from "../../adapters/daraz/index.js";
import {
  DARAZ_COLOR_FAMILIES,
  DARAZ_SAMPLE_CATEGORY_LEAVES,
  type DarazSimulatorHandle,
  darazAttribute,
  startDarazSimulator,
} from "../../adapters/daraz/simulator/index.js";
import { type ImageHost, jpegImage, pngImage, sha256, startImageHost } from "../support/images.js";
import { sialkotFootball } from "./fixtures.js";

const LEATHER_JACKETS = "10000987";
const HOSTED = /^https:\/\/static-01\.daraz\.pk\/p\/[0-9a-f]{32}\.(jpg|png)$/;

async function adapterFor(sim: DarazSimulatorHandle): Promise<DarazAdapter> {
  return new DarazAdapter({
    baseUrl: sim.baseUrl,
    credentials: await sim.testCredentials(),
    timeoutMs: 5000,
    readRetry: { retries: 0 },
    media: { pollIntervalMs: 10, pollTimeoutMs: 5000 },
  });
}

async function failure(p: Promise<unknown>): Promise<ChannelError> {
  return p.then(
    () => {
      throw new Error("expected a channel error");
    },
    (e: unknown) => e as ChannelError,
  );
}

/** A leather jacket in two SKUs, with what leaf 10000987 requires (material, warranty type, colour and size). */
function jacket(images: string[], patch: Partial<CanonicalListing> = {}, prefix = "KHI-LJ"): CanonicalListing {
  const base = sialkotFootball({ skuPrefix: prefix });
  return {
    ...base,
    title: "Full-Grain Cowhide Biker Jacket, Quilted Lining, YKK Zips",
    categoryId: LEATHER_JACKETS,
    attributes: { warranty_type: "No Warranty", material: "Cowhide", package_content: "1 x jacket" },
    images,
    variants: [
      { ...base.variants[0]!, sellerSku: `${prefix}-BLK-M`, options: { color_family: "Black", size: "M" }, images: [] },
      { ...base.variants[1]!, sellerSku: `${prefix}-BRN-L`, options: { color_family: "Brown", size: "L" }, images: [] },
    ],
    ...patch,
  };
}

function toUpload(url: string, bytes: Buffer, format: "png" | "jpeg"): ImageToUpload {
  return { sourceUrl: url, contentHash: sha256(bytes), bytes, contentType: `image/${format}`, format };
}

describe("Daraz simulator: category tree and attributes", () => {
  let sim: DarazSimulatorHandle;
  let daraz: DarazAdapter;
  let tree: RemoteCategory[];

  beforeAll(async () => {
    sim = await startDarazSimulator();
    daraz = await adapterFor(sim);
    tree = await daraz.taxonomy.categoryTree();
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  it("serves a tree with a leaf for every master category of the sample catalog, parents first", async () => {
    const catalog = JSON.parse(readFileSync("samples/catalog.json", "utf8")) as {
      categories: Array<{ code: string; parent?: string }>;
      darazCategoryMap: Record<string, string>;
    };
    const masters = catalog.categories.filter((c) => c.parent).map((c) => c.code);
    expect(masters).toHaveLength(26);
    const byId = new Map(tree.map((c) => [c.id, c]));
    for (const code of masters) {
      const id = catalog.darazCategoryMap[code];
      expect(id, code).toBe(DARAZ_SAMPLE_CATEGORY_LEAVES[code]);
      expect(byId.get(id ?? "")?.leaf, `${code} -> ${id}`).toBe(true);
    }
    const seen = new Set<string>();
    for (const c of tree) {
      if (c.parentId !== null) expect(seen.has(c.parentId), `${c.id} after its parent`).toBe(true);
      seen.add(c.id);
    }
    expect(tree.filter((c) => c.parentId === null).length).toBeGreaterThanOrEqual(5);
    const depth = (c: RemoteCategory): number => (c.parentId ? 1 + depth(byId.get(c.parentId)!) : 1);
    expect(Math.max(...tree.map(depth))).toBe(4);
    // Decoys for name matching: the same name under another parent, and near names.
    expect(tree.filter((c) => c.name === "Leather Jackets")).toHaveLength(2);
    expect(tree.map((c) => c.name)).toEqual(expect.arrayContaining(["Football Boots", "Table Football", "Gym Gloves"]));
    await daraz.taxonomy.categoryTree();
    expect(sim.counts()["/category/tree/get"]).toBe(1);
  });

  it("describes a leaf: required attributes to map, sale properties with closed options, listing-filled fields", async () => {
    const attributes = await daraz.taxonomy.categoryAttributes(LEATHER_JACKETS);
    const byKey = new Map(attributes.map((a) => [a.key, a]));
    const toMap = attributes.filter((a) => a.required && !a.fromListing).map((a) => a.key);
    expect(toMap.sort()).toEqual(["color_family", "material", "size", "warranty_type"]);
    const colour = byKey.get("color_family");
    expect(colour).toMatchObject({ variant: true, type: "single_select", required: true });
    const colours = colour?.options.map((o) => o.value) ?? [];
    expect(colours).toEqual([...DARAZ_COLOR_FAMILIES]);
    expect(colours).toEqual(
      expect.arrayContaining(["Red", "Blue", "Navy Blue", "Black", "White", "Brown", "Multicolor"]),
    );
    expect(colours).not.toContain("Maroon");
    expect(byKey.get("size")?.options.map((o) => o.value)).toContain("XL");
    expect(byKey.get("warranty_type")?.options.map((o) => o.value)).toEqual([
      "No Warranty",
      "Local Seller Warranty",
      "Brand Warranty",
    ]);
    for (const key of ["name", "brand", "description", "price", "package_weight", "SellerSku", "__images__"]) {
      expect(byKey.get(key)?.fromListing, key).toBe(true);
    }
    expect(byKey.get("fit_type")).toMatchObject({ required: false, allowsCustomValue: true });
    // Groceries carry no required warranty; rice requires its type.
    const rice = await daraz.taxonomy.categoryAttributes("10004102");
    expect(rice.filter((a) => a.required && !a.fromListing).map((a) => a.key)).toEqual(["rice_type"]);
    expect(sim.counts()["/category/attributes/get"]).toBe(2);
  });

  it("refuses attributes of a branch or an unknown category", async () => {
    const branch = await failure(daraz.taxonomy.categoryAttributes("10000418"));
    expect(branch).toBeInstanceOf(PermanentError);
    expect(branch.code).toBe("BIZ_CHECK_CATEGORY_NOT_LEAF");
    expect(branch.message).toContain("Football");
    const unknown = await failure(daraz.taxonomy.categoryAttributes("99999999"));
    expect(unknown.code).toBe("BIZ_CHECK_CATEGORY_NOT_EXIST");
  });

  it("changes at run time: a new requirement, a rename, a removal and a split show on the next read; reset restores", async () => {
    sim.requireAttribute(LEATHER_JACKETS, "fit_type");
    sim.requireAttribute(
      LEATHER_JACKETS,
      "lining",
      true,
      darazAttribute("lining", "Lining", "singleSelect", { options: ["Polyester", "Viscose", "Cotton"] }),
    );
    sim.renameCategory("10000421", "Soccer Balls");
    sim.removeCategory("10000450");
    sim.addCategory("10001012", "10001016", "RFID Wallets", [
      darazAttribute("name", "Name", "text", { required: true }),
    ]);

    const attributes = await daraz.taxonomy.categoryAttributes(LEATHER_JACKETS);
    expect(attributes.filter((a) => a.required && !a.fromListing).map((a) => a.key)).toEqual(
      expect.arrayContaining(["fit_type", "lining"]),
    );
    const changed = await daraz.taxonomy.categoryTree();
    const byId = new Map(changed.map((c) => [c.id, c]));
    expect(byId.get("10000421")?.name).toBe("Soccer Balls");
    expect(byId.has("10000450")).toBe(false);
    expect(byId.has("10000451")).toBe(false);
    expect(byId.get("10001012")?.leaf).toBe(false);
    expect(byId.get("10001016")).toEqual({ id: "10001016", parentId: "10001012", name: "RFID Wallets", leaf: true });
    expect((await failure(daraz.taxonomy.categoryAttributes("10001012"))).code).toBe("BIZ_CHECK_CATEGORY_NOT_LEAF");

    sim.reset();
    expect(await daraz.taxonomy.categoryTree()).toEqual(tree);
    const restored = await daraz.taxonomy.categoryAttributes(LEATHER_JACKETS);
    expect(restored.find((a) => a.key === "fit_type")?.required).toBe(false);
  });
});

describe("Daraz simulator: image store and enforcement", () => {
  let sim: DarazSimulatorHandle;
  let daraz: DarazAdapter;
  let host: ImageHost;

  beforeAll(async () => {
    sim = await startDarazSimulator({ enforceTaxonomy: true, requireHostedImages: true });
    daraz = await adapterFor(sim);
    host = await startImageHost();
  });
  afterAll(async () => {
    await sim.close();
    await host.close();
  });
  beforeEach(() => {
    sim.reset();
    sim.forgetImages();
  });

  /** Serves images on the exporter's host and migrates them; returns the hosted URLs. */
  async function hostedImages(prefix: string): Promise<string[]> {
    const front = jpegImage(800, 800, 11);
    const back = pngImage(640, 640, 12);
    const outcomes = await daraz.media.uploadImages([
      toUpload(host.put(`/${prefix}/front.jpg`, { body: front, contentType: "image/jpeg" }), front, "jpeg"),
      toUpload(host.put(`/${prefix}/back.png`, { body: back, contentType: "image/png" }), back, "png"),
    ]);
    return outcomes.map((o) => {
      if (!o.ok) throw new Error(`upload failed: ${o.error.message}`);
      return o.url;
    });
  }

  it("migrates images (the store fetches them itself, the batch finishes asynchronously), then creates with them", async () => {
    const urls = await hostedImages("lj1");
    expect(urls).toHaveLength(2);
    for (const url of urls) expect(url).toMatch(HOSTED);
    expect(urls[1]).toMatch(/\.png$/);
    expect(host.hits("/lj1/front.jpg")).toBe(1);
    expect(host.hits("/lj1/back.png")).toBe(1);
    expect(sim.counts()["/images/migrate"]).toBe(1);
    // The first poll still answers "processing" (code 1000), so there are at least two.
    expect(sim.counts()["/image/response/get"]).toBeGreaterThanOrEqual(2);
    expect(sim.uploadedImages().map((i) => i.url)).toEqual(urls);
    expect(sim.uploadedImages()[0]).toMatchObject({ width: 800, height: 800, format: "jpeg" });

    const result = await daraz.create(jacket(urls));
    expect(result.itemId).not.toBe("");
    expect(sim.listings()[0]?.images).toEqual(urls);
  });

  it("gives the same bytes the same URL, and keeps images across reset()", async () => {
    const bytes = pngImage(500, 500, 21);
    const a = host.put("/dup/a.png", { body: bytes, contentType: "image/png" });
    const b = host.put("/dup/b.png", { body: bytes, contentType: "image/png" });
    const outcomes = await daraz.media.uploadImages([toUpload(a, bytes, "png"), toUpload(b, bytes, "png")]);
    const [first, second] = outcomes.map((o) => (o.ok ? o.url : o.error.message));
    expect(first).toMatch(HOSTED);
    expect(second).toBe(first);
    expect(sim.uploadedImages()).toHaveLength(1);
    sim.reset();
    expect(sim.uploadedImages()).toHaveLength(1);
  });

  it("refuses a create whose images it did not issue (product, SKU or description images)", async () => {
    const urls = await hostedImages("lj2");
    const foreign = await failure(
      daraz.create(jacket(["https://images.example.com/lj/front.jpg", ...urls], {}, "LJ2")),
    );
    expect(foreign).toBeInstanceOf(PermanentError);
    expect(foreign.code).toBe("BIZ_CHECK_IMAGE_URL_INVALID");
    expect(foreign.message).toContain("https://images.example.com/lj/front.jpg");

    const listing = jacket(urls, {}, "LJ3");
    listing.variants[0]!.images = ["https://pk-live-21.slatic.net/p/other.jpg"];
    expect((await failure(daraz.create(listing))).code).toBe("BIZ_CHECK_IMAGE_URL_INVALID");

    const described = jacket(
      urls,
      { description: '<p>Stitching</p><img src="https://images.example.com/x.jpg">' },
      "LJ4",
    );
    expect((await failure(daraz.create(described))).code).toBe("BIZ_CHECK_IMAGE_URL_INVALID");
    expect(sim.listings()).toHaveLength(0);
  });

  it("refuses a create that breaks the category's rules", async () => {
    const urls = await hostedImages("lj5");
    const noMaterial = jacket(urls, { attributes: { warranty_type: "No Warranty" } }, "LJ5");
    const missing = await failure(daraz.create(noMaterial));
    expect(missing).toBeInstanceOf(PermanentError);
    expect(missing.code).toBe("BIZ_CHECK_REQUIRED_ATTRIBUTE_MISSING");
    expect(missing.details?.map((d) => d.field)).toEqual(["material"]);

    const maroon = jacket(urls, {}, "LJ6");
    maroon.variants[1]!.options = { color_family: "Maroon", size: "L" };
    const notAnOption = await failure(daraz.create(maroon));
    expect(notAnOption.code).toBe("BIZ_CHECK_SALEPROP_VALUE_INVALID");
    expect(notAnOption.details?.[0]).toMatchObject({ sellerSku: "LJ6-BRN-L", field: "color_family" });

    const noColour = jacket(urls, {}, "LJ7");
    noColour.variants[0]!.options = { size: "M" };
    noColour.variants[1]!.options = { size: "L" };
    expect((await failure(daraz.create(noColour))).code).toBe("BIZ_CHECK_REQUIRED_ATTRIBUTE_MISSING");

    const undeclared = jacket(urls, {}, "LJ8");
    undeclared.variants[0]!.options = { color_family: "Black", size: "M", fit: "Slim" };
    undeclared.variants[1]!.options = { color_family: "Brown", size: "L", fit: "Slim" };
    expect((await failure(daraz.create(undeclared))).code).toBe("BIZ_CHECK_SALEPROP_ATTRIBUTE_INVALID");

    expect((await failure(daraz.create(jacket(urls, { categoryId: "10000980" }, "LJ9")))).code).toBe(
      "BIZ_CHECK_CATEGORY_NOT_LEAF",
    );
    expect((await failure(daraz.create(jacket(urls, { categoryId: "10001958" }, "LJ10")))).code).toBe(
      "BIZ_CHECK_CATEGORY_NOT_EXIST",
    );
    expect(sim.listings()).toHaveLength(0);
  });

  it("applies a requirement added at run time to the next update", async () => {
    const urls = await hostedImages("lj11");
    const listing = jacket(urls, {}, "LJ11");
    const { itemId } = await daraz.create(listing);
    sim.requireAttribute(LEATHER_JACKETS, "fit_type");
    const err = await failure(daraz.update(listing, itemId));
    expect(err.code).toBe("BIZ_CHECK_REQUIRED_ATTRIBUTE_MISSING");
    expect(err.details?.map((d) => d.field)).toEqual(["fit_type"]);
    const fixed = await daraz.update(
      { ...listing, attributes: { ...listing.attributes, fit_type: "Regular" } },
      itemId,
    );
    expect(fixed.itemId).toBe(itemId);
  });

  it("refuses images over the byte limit, under the pixel limit or not served, one outcome each", async () => {
    const small = pngImage(800, 800, 31);
    // The bytes the engine checked are fine; what the source serves now is not (Daraz fetches it again).
    const bloated = Buffer.concat([small, Buffer.alloc(3 * 1024 * 1024 + 10)]);
    const tiny = pngImage(200, 200, 32);
    const good = jpegImage(400, 400, 33);
    const outcomes = await daraz.media.uploadImages([
      toUpload(host.put("/bad/bloated.png", { body: bloated, contentType: "image/png" }), small, "png"),
      toUpload(host.put("/bad/tiny.png", { body: tiny, contentType: "image/png" }), pngImage(400, 400, 32), "png"),
      toUpload(`${host.url}/bad/missing.jpg`, good, "jpeg"),
      toUpload(host.put("/bad/good.jpg", { body: good, contentType: "image/jpeg" }), good, "jpeg"),
    ]);
    expect(outcomes.map((o) => (o.ok ? "ok" : `${o.error.errorClass}:${o.error.code}`))).toEqual([
      "permanent:303",
      "permanent:301",
      "permanent:302",
      "ok",
    ]);
    expect(outcomes[0]?.ok === false && outcomes[0].error.message).toContain("3145728-byte limit");
    expect(outcomes[1]?.ok === false && outcomes[1].error.message).toContain("under 330 px");
    expect(sim.uploadedImages()).toHaveLength(1);
  });
});

describe("Daraz simulator: readiness checks are off by default", () => {
  let sim: DarazSimulatorHandle;

  beforeAll(async () => {
    sim = await startDarazSimulator();
  });
  afterAll(() => sim.close());

  it("creates with foreign images, an unknown category and unmapped values", async () => {
    const daraz = await adapterFor(sim);
    const listing = jacket(["https://images.example.com/lj/front.jpg"], { categoryId: "10001958", attributes: {} });
    listing.variants[0]!.options = { color_family: "Maroon", fit: "Slim" };
    listing.variants[1]!.options = { color_family: "Brown", fit: "Regular" };
    const result = await daraz.create(listing);
    expect(result.itemId).not.toBe("");
  });
});
