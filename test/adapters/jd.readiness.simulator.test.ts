import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PermanentError } from "../../adapters/core/errors.js";
import type { CanonicalListing, ImageToUpload, RemoteCategory } from "../../adapters/core/types.js";
import { JdAdapter } from "../../adapters/jd/index.js";
import { josSign } from "../../adapters/jd/sign.js";
import {
  JD_SAMPLE_LEAVES,
  JD_SIM_TAXONOMY,
  type JdSimulatorHandle,
  simAttribute,
  startJdSimulator,
} from "../../adapters/jd/simulator/index.js";
import { formatBeijingTime } from "../../adapters/jd/time.js";
import { jpegImage, pngImage, sha256 } from "../support/images.js";
import { jdFootball } from "./jd.fixtures.js";

const FOOTBALL = 1467;
const attrId = (name: string, categoryId = FOOTBALL) => String(simAttribute(categoryId, name).id);
const valueId = (name: string, label: string, categoryId = FOOTBALL) => {
  const value = simAttribute(categoryId, name).values.find((v) => v.name === label);
  if (!value) throw new Error(`no value ${label} for ${name}`);
  return String(value.id);
};

function asUpload(bytes: Buffer, format: "jpeg" | "png" = "jpeg"): ImageToUpload {
  return {
    sourceUrl: `https://images.example.com/${sha256(bytes).slice(0, 12)}`,
    contentHash: sha256(bytes),
    bytes,
    contentType: format === "png" ? "image/png" : "image/jpeg",
    format,
  };
}

/** The Sialkot football mapped to the simulated 足球 leaf: attribute ids as keys, value ids as values. */
function mappedFootball(images: string[], skuPrefix = "RDY-FB"): CanonicalListing {
  const listing = jdFootball({ skuPrefix });
  listing.categoryId = String(FOOTBALL);
  listing.attributes = {
    brandId: "352118",
    [attrId("材质")]: valueId("材质", "PU皮革"),
    [attrId("产地")]: valueId("产地", "巴基斯坦"),
    [attrId("工艺")]: valueId("工艺", "手工缝制"),
    [attrId("适用场地")]: `${valueId("适用场地", "天然草")},${valueId("适用场地", "人造草")}`,
  };
  listing.images = images;
  const colours = ["白色", "黄色"];
  const sizes = ["5号", "4号"];
  listing.variants.forEach((v, i) => {
    v.options = {
      [attrId("颜色")]: valueId("颜色", colours[i]!),
      [attrId("号数")]: valueId("号数", sizes[i]!),
    };
    v.images = [];
  });
  return listing;
}

describe("JD readiness against the simulator: taxonomy, image zone, enforcement", () => {
  let sim: JdSimulatorHandle;
  let adapter: JdAdapter;
  let images: Buffer[];

  beforeAll(async () => {
    sim = await startJdSimulator({ seed: 11 });
    images = [jpegImage(800, 800, 1), jpegImage(1000, 1000, 2), pngImage(800, 800, 3)];
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    sim.reset();
    adapter = new JdAdapter({
      baseUrl: sim.baseUrl,
      credentials: await sim.testCredentials(),
      readRetry: { retries: 0 },
    });
  });

  /** A hand-built signed form POST, for the shapes the adapter does not use. */
  async function raw(method: string, business: Record<string, unknown>): Promise<Record<string, unknown>> {
    const params: Record<string, string> = {
      method,
      app_key: sim.appKey,
      timestamp: formatBeijingTime(Date.now()),
      v: "2.0",
      access_token: (await sim.testCredentials()).accessToken ?? "",
      "360buy_param_json": JSON.stringify(business),
    };
    params.sign = josSign(sim.appSecret, params);
    const res = await fetch(sim.baseUrl, { method: "POST", body: new URLSearchParams(params) });
    const body = (await res.json()) as Record<string, Record<string, unknown>>;
    return body[`${method.replace(/\./g, "_")}_responce`] ?? body;
  }

  async function upload(bytes: Buffer[] = images): Promise<string[]> {
    const outcomes = await adapter.media.uploadImages(bytes.map((b, i) => asUpload(b, i === 2 ? "png" : "jpeg")));
    return outcomes.map((o) => {
      if (!o.ok) throw new Error(`upload failed: ${o.error.message}`);
      return o.url;
    });
  }

  it("serves a JD-style tree with a leaf for every master category of the sample catalog", async () => {
    const tree = await adapter.taxonomy.categoryTree();
    const byId = new Map<string, RemoteCategory>(tree.map((c) => [c.id, c]));
    const catalog = JSON.parse(readFileSync("samples/catalog.json", "utf8")) as { products: { category: string }[] };
    const masters = [...new Set(catalog.products.map((p) => p.category))];
    expect(masters.length).toBeGreaterThanOrEqual(26);
    for (const master of masters) {
      const leafId = JD_SAMPLE_LEAVES[master];
      expect(leafId, master).toBeDefined();
      expect(byId.get(String(leafId))?.leaf, master).toBe(true);
    }
    expect(tree.filter((c) => c.parentId === null).length).toBeGreaterThanOrEqual(8);
    // parents come before their children
    const position = new Map(tree.map((c, i) => [c.id, i]));
    for (const c of tree) if (c.parentId) expect(position.get(c.parentId)!).toBeLessThan(position.get(c.id)!);
    // names are Simplified Chinese, with look-alikes for suggestions to rank
    expect(byId.get("1467")).toEqual({ id: "1467", parentId: "1466", name: "足球", leaf: true });
    expect(tree.map((c) => c.name)).toEqual(
      expect.arrayContaining(["足球训练装备", "手术剪", "家用剪刀", "毛巾", "浴巾"]),
    );
    expect(tree.length).toBe(JD_SIM_TAXONOMY.categories.length);
    // one findByPId per non-leaf plus the root call: level-3 leaves are never asked for children
    expect(sim.counts()["jingdong.category.read.findByPId"]).toBe(tree.filter((c) => !c.leaf).length + 1);
  });

  it("describes a leaf's attributes: required non-listing ones, sale properties with options, listing-filled ones", async () => {
    const attrs = await adapter.taxonomy.categoryAttributes(String(JD_SAMPLE_LEAVES["surgical-scissors"]));
    const byLabel = new Map(attrs.map((a) => [a.label, a]));
    expect(byLabel.get("品牌")).toMatchObject({ required: true, fromListing: true, variant: false });
    expect(byLabel.get("商品毛重")).toMatchObject({ fromListing: true });
    expect(byLabel.get("材质")).toMatchObject({
      key: String(simAttribute(27548, "材质").id),
      required: true,
      type: "single_select",
      fromListing: false,
      variant: false,
    });
    expect(byLabel.get("材质")!.options.map((o) => o.label)).toEqual(["医用不锈钢", "钛合金", "碳钢", "其他"]);
    expect(byLabel.get("规格")).toMatchObject({ variant: true, required: true, type: "single_select" });
    expect(byLabel.get("医疗器械注册证编号")).toMatchObject({ required: true, type: "text", options: [] });
    expect(byLabel.get("质保期")?.options.map((o) => o.label)).toContain("1年");
    const colour = (await adapter.taxonomy.categoryAttributes("1467")).find((a) => a.label === "颜色");
    expect(colour?.variant).toBe(true);
    expect(colour?.options.map((o) => o.label)).toEqual(
      expect.arrayContaining(["红色", "蓝色", "黑色", "白色", "棕色", "多色"]),
    );
    expect(sim.counts()["jingdong.category.read.findAttrsByCategoryIdUnlimitCate"]).toBe(2);
  });

  it("answers findAttrs without values unless field asks, filters by attributeType, and takes base64 image_data", async () => {
    const plain = await raw("jingdong.category.read.findAttrsByCategoryIdUnlimitCate", { cid: 1467, attributeType: 4 });
    const attrs = plain.findattrsbycategoryidunlimitcate_result as Array<Record<string, unknown>>;
    expect(attrs.map((a) => a.name)).toEqual(["号数", "颜色"]);
    expect(attrs.every((a) => a.attributeType === 4 && !("attrValueList" in a))).toBe(true);
    const values = await raw("jingdong.category.read.findValuesByAttrIdUnlimit", { categoryAttrId: attrs[0]!.id });
    expect(values.findvaluesbyattridunlimit_result).toEqual([
      expect.objectContaining({ name: "3号", attId: attrs[0]!.id, catId: 1467 }),
      expect.objectContaining({ name: "4号" }),
      expect.objectContaining({ name: "5号" }),
    ]);
    // JD's older SDKs send the bytes base64-encoded inside 360buy_param_json
    const answer = await raw("jingdong.imgzone.picture.upload", {
      picture_name: "front.png",
      image_data: images[2]!.toString("base64"),
    });
    expect(answer).toMatchObject({
      code: "0",
      return_code: 1,
      picture_url: expect.stringMatching(/^jfs\/t1\/.+\.png$/),
    });
    expect(sim.uploadedImages()).toEqual([expect.objectContaining({ name: "front.png", width: 800, format: "png" })]);
  });

  it("refuses attributes of a non-leaf or unknown category", async () => {
    const notLeaf = await adapter.taxonomy.categoryAttributes("27547").catch((e: unknown) => e);
    expect(notLeaf).toBeInstanceOf(PermanentError);
    expect(notLeaf).toMatchObject({ code: "3011", message: expect.stringContaining("not a leaf") });
    await expect(adapter.taxonomy.categoryAttributes("99999")).rejects.toMatchObject({ code: "3010" });
  });

  it("notices taxonomy changes made at run time (a newly required attribute, a renamed or removed category)", async () => {
    const before = await adapter.taxonomy.categoryAttributes("1467");
    expect(before.find((a) => a.label === "内胆")?.required).toBe(false);
    sim.requireAttribute(FOOTBALL, simAttribute(FOOTBALL, "内胆").id);
    sim.renameCategory(1470, "篮球/街球");
    sim.removeCategory(12099);
    const after = await adapter.taxonomy.categoryAttributes("1467");
    expect(after.find((a) => a.label === "内胆")?.required).toBe(true);
    const tree = await adapter.taxonomy.categoryTree();
    expect(tree.find((c) => c.id === "1470")?.name).toBe("篮球/街球");
    expect(tree.some((c) => c.id === "12099" || c.id === "12100")).toBe(false);
    await expect(adapter.taxonomy.categoryAttributes("12100")).rejects.toMatchObject({ code: "3010" });
    sim.reset();
    expect((await adapter.taxonomy.categoryAttributes("12100")).length).toBeGreaterThan(0);
  });

  it("uploads to the image zone and creates a ware with the hosted images while requireHostedImages is on", async () => {
    sim.setEnforcement({ requireHostedImages: true });
    const urls = await upload();
    expect(urls.every((u) => /^https:\/\/img10\.360buyimg\.com\/imgzone\/jfs\/t1\/\d+\/\w+\.(jpg|png)$/.test(u))).toBe(
      true,
    );
    expect(sim.uploadedImages()).toHaveLength(3);
    // the same bytes again: the same picture, nothing new filed
    expect(await upload([images[0]!])).toEqual([urls[0]]);
    expect(sim.uploadedImages()).toHaveLength(3);
    expect(sim.counts()["jingdong.imgzone.picture.upload"]).toBe(4);

    const result = await adapter.create(mappedFootball(urls));
    expect(result.status).toBe("pending");
    const [ware] = sim.wares();
    // wares store the zone-relative path, as JD does
    expect(ware!.images.map((i) => i.imgUrl)).toEqual(sim.uploadedImages().map((p) => p.path));
  });

  it("refuses a create with an image that is not in the image zone", async () => {
    sim.setEnforcement({ requireHostedImages: true });
    const [hosted] = await upload([images[0]!]);
    const foreign = "https://images.example.com/panjnad/ps-m32-front.jpg";
    const err = await adapter.create(mappedFootball([hosted!, foreign])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: "3020", message: expect.stringContaining(foreign) });
    // an image-zone address the zone never issued is refused too
    const forged = "https://img10.360buyimg.com/imgzone/jfs/t1/999999/ffffffffffffffffNffffffff.jpg";
    await expect(adapter.create(mappedFootball([forged], "RDY-FORGED"))).rejects.toMatchObject({ code: "3020" });
    expect(sim.wares()).toHaveLength(0);
  });

  it("with enforceTaxonomy on, routes sale and multi-choice attributes the JD way and refuses what breaks the category", async () => {
    sim.setEnforcement({ enforceTaxonomy: true, requireHostedImages: true });
    const urls = await upload();
    await adapter.taxonomy.categoryAttributes("1467");

    // 号数 given once for the listing (a sale attribute) goes to every SKU; 适用场地 is split into two values
    const listing = mappedFootball(urls);
    listing.attributes[attrId("号数")] = valueId("号数", "5号");
    for (const v of listing.variants) delete v.options[attrId("号数")];
    listing.variants[1]!.options[attrId("颜色")] = valueId("颜色", "黑色");
    await adapter.create(listing);
    const [ware] = sim.wares();
    expect(ware!.props).toEqual(
      expect.arrayContaining([
        {
          attrId: attrId("适用场地"),
          attrValues: [valueId("适用场地", "天然草"), valueId("适用场地", "人造草")],
        },
      ]),
    );
    expect(ware!.props.some((p) => p.attrId === attrId("号数"))).toBe(false);
    expect(ware!.skus.map((s) => s.saleAttrs.find((a) => a.attrId === attrId("号数"))?.attrValues)).toEqual([
      [valueId("号数", "5号")],
      [valueId("号数", "5号")],
    ]);

    const missing = mappedFootball(urls, "RDY-MISSING");
    delete missing.attributes[attrId("材质")];
    await expect(adapter.create(missing)).rejects.toMatchObject({
      errorClass: "permanent",
      code: "3012",
      message: expect.stringContaining("材质"),
    });

    const unknownValue = mappedFootball(urls, "RDY-VALUE");
    unknownValue.attributes[attrId("材质")] = "PU皮革";
    await expect(adapter.create(unknownValue)).rejects.toMatchObject({ code: "3013" });

    const nonLeaf = mappedFootball(urls, "RDY-BRANCH");
    nonLeaf.categoryId = "1466";
    await expect(adapter.create(nonLeaf)).rejects.toMatchObject({ code: "3011" });
    expect(sim.wares()).toHaveLength(1);
  });

  it("refuses an update once the category requires an attribute the ware lacks", async () => {
    sim.setEnforcement({ enforceTaxonomy: true });
    const listing = mappedFootball(["https://img10.360buyimg.com/pop/jfs/t1/a.jpg"], "RDY-UPD");
    const { itemId } = await adapter.create(listing);
    // a fresh adapter reads the category once to know 适用场地 takes several values
    expect(sim.counts()["jingdong.category.read.findAttrsByCategoryIdUnlimitCate"]).toBe(1);
    expect((await adapter.update(listing, itemId)).itemId).toBe(itemId);
    sim.requireAttribute(FOOTBALL, simAttribute(FOOTBALL, "内胆").id);
    await expect(adapter.update(listing, itemId)).rejects.toMatchObject({
      code: "3012",
      message: expect.stringContaining("内胆"),
    });
    listing.attributes[attrId("内胆")] = valueId("内胆", "丁基内胆");
    await expect(adapter.update(listing, itemId)).resolves.toMatchObject({ itemId });
  });

  it("the image zone refuses images over the byte limit, too small, not square or not an image", async () => {
    const tooBig = jpegImage(1600, 1600, 5, 100);
    expect(tooBig.length).toBeGreaterThan(1024 * 1024);
    const outcomes = await adapter.media.uploadImages([
      asUpload(tooBig),
      asUpload(jpegImage(400, 400, 6)),
      asUpload(pngImage(1000, 800, 7), "png"),
      asUpload(Buffer.from("not an image at all")),
      asUpload(images[0]!),
    ]);
    expect(outcomes.map((o) => (o.ok ? "ok" : `${o.error.errorClass}:${o.error.code}`))).toEqual([
      "permanent:IMGZONE_REFUSED",
      "permanent:IMGZONE_REFUSED",
      "permanent:IMGZONE_REFUSED",
      "permanent:IMGZONE_REFUSED",
      "ok",
    ]);
    const messages = outcomes.map((o) => (o.ok ? "" : o.error.message));
    expect(messages[0]).toMatch(/over the 1048576-byte limit/);
    expect(messages[1]).toMatch(/under 800 px/);
    expect(messages[2]).toMatch(/not square/);
    expect(sim.uploadedImages()).toHaveLength(1);
  });
});
