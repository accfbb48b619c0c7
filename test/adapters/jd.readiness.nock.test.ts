import nock from "nock";
import { describe, expect, it } from "vitest";
import { AuthExpiredError, PermanentError, ThrottledError, TransientError } from "../../adapters/core/errors.js";
import { createAdapter } from "../../adapters/core/registry.js";
import type { ChannelAdapter, ImageToUpload } from "../../adapters/core/types.js";
import "../../adapters/jd/index.js";
import { JD_IMAGE_RULES, type JdAdapterOptions } from "../../adapters/jd/index.js";
import { josSign } from "../../adapters/jd/sign.js";
import { jpegImage, pngImage, sha256 } from "../support/images.js";
import { jdFootball } from "./jd.fixtures.js";
import { useNockOffline } from "./nockOffline.js";

const ORIGIN = "https://api.jd.com";
const NOW = Date.UTC(2026, 0, 1, 0, 0, 0);
const SECRET = "nock-jd-secret";
const FIND_BY_PID = "jingdong.category.read.findByPId";
const FIND_ATTRS = "jingdong.category.read.findAttrsByCategoryIdUnlimitCate";
const FIND_VALUES = "jingdong.category.read.findValuesByAttrIdUnlimit";
const UPLOAD = "jingdong.imgzone.picture.upload";

function adapter(extra: Partial<JdAdapterOptions> = {}): ChannelAdapter {
  return createAdapter("jd", {
    baseUrl: `${ORIGIN}/routerjson`,
    credentials: { appKey: "JDKEY01", appSecret: SECRET, accessToken: "acc-token-1", refreshToken: "ref-token-1" },
    now: () => NOW,
    timeoutMs: 2000,
    readRetry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 2 },
    ...extra,
  } as JdAdapterOptions);
}

type Form = Record<string, string>;
const biz = (form: Form) => JSON.parse(form["360buy_param_json"] ?? "{}") as Record<string, unknown>;
const ok = (method: string, body: Record<string, unknown>) => ({
  [`${method.replace(/\./g, "_")}_responce`]: { code: "0", ...body },
});
const jdError = (code: string, zh: string, en: string) => ({ error_response: { code, zh_desc: zh, en_desc: en } });

/** nock on a form POST /routerjson for one JOS method (optionally one business param set), capturing the forms. */
function jos(method: string, seen: Form[] = [], match: (b: Record<string, unknown>) => boolean = () => true) {
  return nock(ORIGIN).post("/routerjson", (form: Form) => {
    if (form.method !== method || !match(biz(form))) return false;
    seen.push(form);
    return true;
  });
}

interface Multipart {
  fields: Form;
  file?: { name: string; filename: string; type: string; bytes: Buffer };
}
/** nock hands a binary body over as hex; the multipart form is read back with the platform's own parser. */
async function readMultipart(hexBody: string, contentType: string): Promise<Multipart> {
  const form = await new Response(new Uint8Array(Buffer.from(hexBody, "hex")), {
    headers: { "content-type": contentType },
  }).formData();
  const out: Multipart = { fields: {} };
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") out.fields[name] = value;
    else {
      out.file = { name, filename: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
    }
  }
  return out;
}

function image(bytes: Buffer, format: "jpeg" | "png" = "jpeg"): ImageToUpload {
  return {
    sourceUrl: `https://images.example.com/${sha256(bytes).slice(0, 8)}.jpg`,
    contentHash: sha256(bytes),
    bytes,
    contentType: format === "png" ? "image/png" : "image/jpeg",
    format,
  };
}

const category = (id: number, fid: number, lev: number, name: string, order = 1) => ({
  id,
  fid,
  name,
  lev,
  status: 1,
  order,
  features: [],
});

useNockOffline();

describe("JD taxonomy against JD's answer shapes (nock)", () => {
  it("walks findByPId level by level from parentCid 0, parents before children, level 3 never expanded", async () => {
    const seen: Form[] = [];
    const children = (parentCid: number, categories: unknown[]) =>
      jos(FIND_BY_PID, seen, (b) => b.parentCid === parentCid).reply(200, ok(FIND_BY_PID, { categories }));
    children(0, [category(27546, 0, 1, "医疗器械", 2), { ...category(1318, 0, 1, "运动户外", 1), id: "1318" }]);
    children(1318, [category(1466, 1318, 2, "体育用品")]);
    children(27546, [category(27547, 27546, 2, "手术器械"), category(27570, 27546, 2, "家用医疗", 2)]);
    children(1466, [category(1467, 1466, 3, "足球"), category(1470, 1466, 3, "篮球", 2)]);
    children(27547, [category(27548, 27547, 3, "手术剪")]);
    jos(FIND_BY_PID, seen, (b) => b.parentCid === 27570).reply(200, ok(FIND_BY_PID, {}));

    const tree = await adapter().taxonomy!.categoryTree();
    expect(tree).toEqual([
      { id: "1318", parentId: null, name: "运动户外", leaf: false },
      { id: "27546", parentId: null, name: "医疗器械", leaf: false },
      { id: "1466", parentId: "1318", name: "体育用品", leaf: false },
      { id: "27547", parentId: "27546", name: "手术器械", leaf: false },
      // a level-2 category without children takes wares itself
      { id: "27570", parentId: "27546", name: "家用医疗", leaf: true },
      { id: "1467", parentId: "1466", name: "足球", leaf: true },
      { id: "1470", parentId: "1466", name: "篮球", leaf: true },
      { id: "27548", parentId: "27547", name: "手术剪", leaf: true },
    ]);
    expect(seen.map((f) => biz(f).parentCid)).toEqual([0, 1318, 27546, 1466, 27547, 27570]);
    const { sign, ...unsigned } = seen[0]!;
    expect(sign).toBe(josSign(SECRET, unsigned));
    expect(unsigned).toMatchObject({ access_token: "acc-token-1", v: "2.0", timestamp: "2026-01-01 08:00:00" });
  });

  it("maps findAttrsByCategoryIdUnlimitCate: ids, Chinese names, required, choice types, sale and listing attributes", async () => {
    const seen: Form[] = [];
    jos(FIND_ATTRS, seen).reply(
      200,
      ok(FIND_ATTRS, {
        findattrsbycategoryidunlimitcate_result: [
          {
            id: 1002754804,
            name: "材质",
            catId: 27548,
            orderSort: 4,
            attributeType: 1,
            inputType: 1,
            isRequired: true,
            graphic: "",
            features: [],
            attrValueList: [
              { id: 100275480402, attId: 1002754804, catId: 27548, name: "钛合金", orderSort: 2, features: [] },
              { id: 100275480401, attId: 1002754804, catId: 27548, name: "医用不锈钢", orderSort: 1, features: [] },
            ],
          },
          { id: "1002754801", name: "品牌", attributeType: "1", inputType: "1", isRequired: "true", orderSort: 1 },
          { id: 1002754805, name: "规格", attributeType: 4, inputType: 1, isRequired: true, orderSort: 5 },
          {
            id: 1002754808,
            name: "医疗器械注册证编号",
            attributeType: 1,
            inputType: 3,
            isRequired: true,
            orderSort: 8,
          },
          {
            id: 1002754809,
            name: "适用科室",
            attributeType: 3,
            inputType: 2,
            isRequired: false,
            orderSort: 9,
            attrValueList: [],
          },
        ],
      }),
    );
    // 规格 came without its values: they are read with findValuesByAttrIdUnlimit
    const valueCalls: Form[] = [];
    jos(FIND_VALUES, valueCalls).reply(
      200,
      ok(FIND_VALUES, {
        findvaluesbyattridunlimit_result: [
          { id: 100275480501, attId: 1002754805, catId: 27548, name: "14cm", orderSort: 1, features: [] },
          { id: 100275480502, attId: 1002754805, catId: 27548, name: "16cm", orderSort: 2, features: [] },
        ],
      }),
    );

    const attrs = await adapter().taxonomy!.categoryAttributes("27548");
    expect(biz(seen[0]!)).toEqual({ cid: 27548, field: "attrValueList" });
    expect(biz(valueCalls[0]!)).toEqual({ categoryAttrId: 1002754805 });
    expect(attrs).toEqual([
      {
        key: "1002754801",
        label: "品牌",
        required: true,
        type: "single_select",
        options: [],
        variant: false,
        fromListing: true,
      },
      {
        key: "1002754804",
        label: "材质",
        required: true,
        type: "single_select",
        options: [
          { value: "100275480401", label: "医用不锈钢" },
          { value: "100275480402", label: "钛合金" },
        ],
        variant: false,
        fromListing: false,
      },
      {
        key: "1002754805",
        label: "规格",
        required: true,
        type: "single_select",
        options: [
          { value: "100275480501", label: "14cm" },
          { value: "100275480502", label: "16cm" },
        ],
        variant: true,
        fromListing: false,
      },
      {
        key: "1002754808",
        label: "医疗器械注册证编号",
        required: true,
        type: "text",
        options: [],
        variant: false,
        fromListing: false,
      },
      {
        key: "1002754809",
        label: "适用科室",
        required: false,
        type: "multi_select",
        options: [],
        variant: false,
        fromListing: false,
      },
    ]);
  });

  it("a non-leaf or unknown category is a permanent error, and a wrong answer shape is not taken as data", async () => {
    jos(FIND_ATTRS).reply(200, jdError("3011", "类目27547不是末级类目", "Category 27547 is not a leaf category"));
    const notLeaf = await adapter()
      .taxonomy!.categoryAttributes("27547")
      .catch((e: unknown) => e);
    expect(notLeaf).toBeInstanceOf(PermanentError);
    expect(notLeaf).toMatchObject({ code: "3011" });

    await expect(adapter().taxonomy!.categoryAttributes("手术剪")).rejects.toMatchObject({ code: "INVALID_CATEGORY" });

    jos(FIND_BY_PID).reply(200, ok(FIND_BY_PID, { categories: [{ id: 1318, name: 1318 }] }));
    await expect(adapter().taxonomy!.categoryTree()).rejects.toMatchObject({
      errorClass: "permanent",
      code: "UNEXPECTED_RESPONSE",
    });
  });

  it("gateway errors keep their classes: code 2 throttles, code 19 expires the token, 5xx is retried as transient", async () => {
    jos(FIND_BY_PID).reply(200, jdError("2", "App调用次数超限，请3秒后重试", "App Call Limited"));
    const throttled = await adapter()
      .taxonomy!.categoryTree()
      .catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(ThrottledError);
    expect((throttled as ThrottledError).waitMs).toBe(3000);

    jos(FIND_ATTRS).reply(200, jdError("19", "access_token无效或已过期", "Invalid access_token"));
    await expect(adapter().taxonomy!.categoryAttributes("1467")).rejects.toBeInstanceOf(AuthExpiredError);

    jos(FIND_ATTRS).reply(502, "<html>502 Bad Gateway</html>");
    await expect(adapter().taxonomy!.categoryAttributes("1467")).rejects.toBeInstanceOf(TransientError);
  });
});

describe("JD image zone against JD's answer shapes (nock)", () => {
  const uploads: Array<{ body: string; contentType: string }> = [];
  const upload = (answer: unknown, status = 200) =>
    nock(ORIGIN)
      .post("/routerjson")
      .reply(function (_uri, body) {
        uploads.push({ body: String(body), contentType: String(this.req.headers["content-type"]) });
        return [status, answer];
      });

  it("uploads one image per multipart call, signs the text params only, and answers the full image-zone URL", async () => {
    uploads.length = 0;
    const a = jpegImage(800, 800, 1);
    const b = pngImage(900, 900, 2);
    upload(ok(UPLOAD, { return_code: 1, desc: "上传成功", picture_id: "80000001", picture_url: "jfs/t1/1001/a.jpg" }));
    upload(ok(UPLOAD, { return_code: "1", picture_id: 80000002, picture_url: "jfs/t1/1002/b.png" }));

    const outcomes = await adapter().media!.uploadImages([image(a), image(b, "png")]);
    expect(outcomes).toEqual([
      { contentHash: sha256(a), ok: true, url: "https://img10.360buyimg.com/imgzone/jfs/t1/1001/a.jpg" },
      { contentHash: sha256(b), ok: true, url: "https://img10.360buyimg.com/imgzone/jfs/t1/1002/b.png" },
    ]);
    expect(uploads).toHaveLength(2);
    expect(uploads[0]!.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const first = await readMultipart(uploads[0]!.body, uploads[0]!.contentType);
    expect(first.fields.method).toBe(UPLOAD);
    expect(biz(first.fields)).toEqual({ picture_name: `${sha256(a).slice(0, 40)}.jpg` });
    const { sign, ...unsigned } = first.fields;
    expect(sign).toBe(josSign(SECRET, unsigned));
    expect(first.file).toMatchObject({ name: "image_data", type: "image/jpeg" });
    expect(first.file!.bytes.equals(a)).toBe(true);
    const second = await readMultipart(uploads[1]!.body, uploads[1]!.contentType);
    expect(second.file).toMatchObject({ name: "image_data", type: "image/png" });
  });

  it("a refused image (return_code 0) is a permanent outcome; the other images still go up", async () => {
    const small = jpegImage(400, 400, 3);
    const good = jpegImage(800, 800, 4);
    upload(ok(UPLOAD, { return_code: 0, desc: "图片尺寸不能小于800*800" }));
    upload(ok(UPLOAD, { return_code: 1, picture_url: "jfs/t1/1003/c.jpg" }));
    const outcomes = await adapter().media!.uploadImages([image(small), image(good)]);
    expect(outcomes[0]).toEqual({
      contentHash: sha256(small),
      ok: false,
      error: {
        errorClass: "permanent",
        code: "IMGZONE_REFUSED",
        message: "JD image zone refused the image: 图片尺寸不能小于800*800",
      },
    });
    expect(outcomes[1]).toMatchObject({ ok: true, url: expect.stringMatching(/\/imgzone\/jfs\/t1\/1003\/c\.jpg$/) });
  });

  it("gateway failures throw, except a transient one after the first image: then the rest come back transient", async () => {
    const imgs = [1, 2, 3].map((seed) => image(jpegImage(800, 800, seed)));
    upload(jdError("19", "access_token无效或已过期", "Invalid access_token"));
    await expect(adapter().media!.uploadImages(imgs)).rejects.toBeInstanceOf(AuthExpiredError);

    upload(jdError("2", "App调用次数超限", "App Call Limited"));
    await expect(adapter().media!.uploadImages(imgs)).rejects.toBeInstanceOf(ThrottledError);

    upload("<html>502</html>", 502);
    await expect(adapter().media!.uploadImages(imgs)).rejects.toBeInstanceOf(TransientError);

    upload(ok(UPLOAD, { return_code: 1, picture_url: "jfs/t1/1/x.jpg" }));
    upload("<html>502</html>", 502);
    const outcomes = await adapter().media!.uploadImages(imgs);
    expect(outcomes.map((o) => (o.ok ? "ok" : o.error.errorClass))).toEqual(["ok", "transient", "transient"]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("advertises JD's image rules in its capabilities", () => {
    expect(adapter().capabilities.imageRules).toEqual({
      maxImages: 10,
      maxBytes: 1024 * 1024,
      minPixels: 800,
      maxPixels: 5000,
      formats: ["jpeg", "png"],
      square: true,
    });
    expect(JD_IMAGE_RULES.minPixels).toBe(800);
  });

  it("validate() checks known image facts against capabilities.imageRules, which can be overridden", () => {
    const facts = new Map([
      ["https://img10.360buyimg.com/pop/jfs/t1/sialkot-football-front.jpg", { widthPx: 900, heightPx: 900, bytes: 1 }],
      [
        "https://img10.360buyimg.com/pop/jfs/t1/sialkot-football-panels.jpg",
        { widthPx: 900, heightPx: 900, bytes: 1, format: "gif" as const },
      ],
    ]);
    const imageInfo = (url: string) => facts.get(url);
    const listing = jdFootball();
    const fields = (a: ChannelAdapter) => a.validate(listing).map((i) => `${i.field}: ${i.message}`);
    expect(fields(adapter({ imageInfo }))).toEqual([expect.stringMatching(/^images\[1\]: .*format gif/)]);
    const strict = adapter({ imageInfo, imageRules: { minPixels: 1000, formats: ["jpeg", "png", "gif"] } });
    expect(strict.capabilities.imageRules).toMatchObject({ minPixels: 1000, maxBytes: 1024 * 1024 });
    expect(fields(strict)).toEqual([
      expect.stringMatching(/^images\[0\]: .*under 1000 px/),
      expect.stringMatching(/^images\[1\]: .*under 1000 px/),
    ]);
  });
});
