import nock from "nock";
import { describe, expect, it } from "vitest";
import {
  ALIBABA_IMAGE_RULES,
  type AlibabaAdapterOptions,
  buildProductInfo,
  wireAttributes,
} from "../../adapters/alibaba/index.js";
import {
  AuthExpiredError,
  type ChannelError,
  PermanentError,
  ThrottledError,
  TransientError,
} from "../../adapters/core/errors.js";
import { iopSign } from "../../adapters/core/iopSign.js";
import { createAdapter } from "../../adapters/core/registry.js";
import type { ChannelAdapter, ImageToUpload } from "../../adapters/core/types.js";
import { pngImage, sha256 } from "../support/images.js";
import { alibabaFootball } from "./fixtures.js";
import { useNockOffline } from "./nockOffline.js";

const ORIGIN = "https://openapi-api.alibaba.com";
const BASE = `${ORIGIN}/rest`;
const NOW = 1_767_225_600_000;
const SECRET = "nock-secret";
const RID = "2140e3d917672256000005678";
const CATEGORY_GET = "/alibaba/icbu/category/get/v2";
const ATTRIBUTES_GET = "/alibaba/icbu/category/attribute/get/v2";
const UPLOAD = "/alibaba/icbu/photobank/upload";

function adapter(extra: Partial<AlibabaAdapterOptions> & { retries?: number } = {}): ChannelAdapter {
  const { retries, ...rest } = extra;
  return createAdapter("alibaba", {
    baseUrl: BASE,
    credentials: { appKey: "501234", appSecret: SECRET, accessToken: "50000acc", refreshToken: "50001ref" },
    now: () => NOW,
    timeoutMs: 2000,
    readRetry: { retries: retries ?? 0, minTimeoutMs: 1, maxTimeoutMs: 2 },
    ...rest,
  } as AlibabaAdapterOptions);
}

const ok = (result: Record<string, unknown>) => ({
  code: "0",
  request_id: RID,
  result: { success: true, ...result, trace_id: RID },
});
const bizError = (msgCode: string, message: string) => ({
  code: "0",
  request_id: RID,
  result: { success: false, msg_code: msgCode, message, trace_id: RID },
});
const category = (id: number, name: string, leaf: boolean, level: number) => ({
  category_id: id,
  category_name: name,
  leaf_category: String(leaf),
  level,
});

async function failure(p: Promise<unknown>): Promise<ChannelError> {
  return p.then(
    () => {
      throw new Error("expected a channel error");
    },
    (e: unknown) => e as ChannelError,
  );
}

/** category/attribute/get/v2 for the soccer ball leaf, as the platform shapes it. */
const SOCCER_ATTRIBUTES = ok({
  data: {
    category_attributes: [
      {
        attribute_id: 1,
        attribute_name: "Place of Origin",
        required: true,
        support_custom_value: false,
        support_multi_value: false,
        attribute_value_list: [
          { attribute_value_id: 9441, attribute_value_name: "Pakistan" },
          { attribute_value_id: 9442, attribute_value_name: "China" },
        ],
      },
      { attribute_id: 2, attribute_name: "Brand Name", required: false, support_custom_value: true },
      {
        attribute_id: "10",
        attribute_name: "Material",
        required: "true",
        support_custom_value: "true",
        support_multi_value: "false",
        attribute_value_list: [
          { attribute_value_id: "301", attribute_value_name: "PU" },
          { attribute_value_id: "302", attribute_value_name: "PVC" },
        ],
      },
      {
        attribute_id: 200000331,
        attribute_name: "Disinfecting Type",
        required: false,
        support_multi_value: true,
        attribute_value_list: [
          { attribute_value_id: 501, attribute_value_name: "Autoclave" },
          { attribute_value_id: 502, attribute_value_name: "EO" },
        ],
      },
    ],
    sale_attributes: [
      {
        attribute_id: 191,
        attribute_name: "Color",
        required: false,
        support_custom_value: true,
        attribute_value_list: [
          { attribute_value_id: 29, attribute_value_name: "White" },
          { attribute_value_id: 366, attribute_value_name: "Yellow" },
        ],
      },
      {
        attribute_id: 192,
        attribute_name: "Size",
        required: true,
        support_custom_value: true,
        attribute_value_list: [
          { attribute_value_id: 4004, attribute_value_name: "4" },
          { attribute_value_id: 4005, attribute_value_name: "5" },
        ],
      },
    ],
  },
});

function image(seed: number, format: "png" | "jpeg" = "png"): ImageToUpload {
  const bytes = pngImage(400, 400, seed);
  return {
    sourceUrl: `https://images.example.com/${seed}.png`,
    contentHash: sha256(bytes),
    bytes,
    contentType: format === "png" ? "image/png" : "image/jpeg",
    format,
  };
}

useNockOffline();

describe("Alibaba.com taxonomy against recorded shapes (nock)", () => {
  it("walks category/get/v2 level by level: level-1 without a parent, then each non-leaf parent once", async () => {
    const asked: string[] = [];
    const signs: boolean[] = [];
    nock(ORIGIN)
      .get(`/rest${CATEGORY_GET}`)
      .query((q) => {
        const { sign, ...unsigned } = q as Record<string, string>;
        signs.push(sign === iopSign(SECRET, CATEGORY_GET, unsigned));
        asked.push(String(q.parent_category_id ?? "(root)"));
        return true;
      })
      .times(4)
      .reply((uri) => {
        const parent = new URL(uri, ORIGIN).searchParams.get("parent_category_id");
        if (parent === null) {
          return [
            200,
            ok({ data: [category(18, "Sports & Entertainment", false, 1), category(1, "Agriculture", false, 1)] }),
          ];
        }
        if (parent === "18") {
          return [
            200,
            ok({ data: [category(100001820, "Soccer", false, 2), category(100005490, "Boxing Gloves", true, 2)] }),
          ];
        }
        if (parent === "1") return [200, ok({ data: [category(100010003, "Basmati Rice", true, 2)] })];
        return [
          200,
          ok({ data: [{ category_id: "100005471", category_name: "Soccer Balls", leaf_category: true, level: 3 }] }),
        ];
      });

    const tree = await adapter({ taxonomyConcurrency: 2 }).taxonomy?.categoryTree();

    expect(tree).toEqual([
      { id: "18", parentId: null, name: "Sports & Entertainment", leaf: false },
      { id: "1", parentId: null, name: "Agriculture", leaf: false },
      { id: "100001820", parentId: "18", name: "Soccer", leaf: false },
      { id: "100005490", parentId: "18", name: "Boxing Gloves", leaf: true },
      { id: "100010003", parentId: "1", name: "Basmati Rice", leaf: true },
      { id: "100005471", parentId: "100001820", name: "Soccer Balls", leaf: true },
    ]);
    expect(asked.sort()).toEqual(["(root)", "1", "100001820", "18"]);
    expect(signs.every(Boolean)).toBe(true);
  });

  it("reads one level's parents a few at a time (taxonomyConcurrency)", async () => {
    let inFlight = 0;
    let most = 0;
    const roots = [1, 2, 3, 15, 18, 36].map((id) => category(id, `Root ${id}`, false, 1));
    nock(ORIGIN)
      .get(`/rest${CATEGORY_GET}`)
      .query(true)
      .times(7)
      .reply(async (uri) => {
        const parent = new URL(uri, ORIGIN).searchParams.get("parent_category_id");
        if (parent === null) return [200, ok({ data: roots })];
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 15));
        inFlight -= 1;
        return [200, ok({ data: [category(Number(`${parent}000`), `Leaf of ${parent}`, true, 2)] })];
      });
    const tree = await adapter({ taxonomyConcurrency: 2 }).taxonomy?.categoryTree();
    expect(tree?.filter((c) => c.leaf).map((c) => c.parentId)).toEqual(["1", "2", "3", "15", "18", "36"]);
    expect(most).toBe(2);
  });

  it("retries a category level read that failed transiently", async () => {
    nock(ORIGIN)
      .get(`/rest${CATEGORY_GET}`)
      .query((q) => q.parent_category_id === undefined)
      .reply(200, ok({ data: [category(36, "Gifts & Crafts", false, 1)] }))
      .get(`/rest${CATEGORY_GET}`)
      .query((q) => q.parent_category_id === "36")
      .reply(502, "<html>502 Bad Gateway</html>")
      .get(`/rest${CATEGORY_GET}`)
      .query((q) => q.parent_category_id === "36")
      .reply(200, ok({ data: [category(100009002, "Stone Crafts", true, 2)] }));
    const tree = await adapter({ retries: 1 }).taxonomy?.categoryTree();
    expect(tree?.map((c) => c.id)).toEqual(["36", "100009002"]);
  });

  it("maps category and sale attributes: ids as keys, value ids as options, Brand Name from the listing", async () => {
    nock(ORIGIN)
      .get(`/rest${ATTRIBUTES_GET}`)
      .query((q) => q.category_id === "100005471")
      .reply(200, SOCCER_ATTRIBUTES);
    const attributes = await adapter().taxonomy?.categoryAttributes("100005471");
    expect(attributes).toEqual([
      {
        key: "1",
        label: "Place of Origin",
        required: true,
        type: "single_select",
        options: [
          { value: "9441", label: "Pakistan" },
          { value: "9442", label: "China" },
        ],
        variant: false,
        fromListing: false,
        allowsCustomValue: false,
      },
      {
        key: "2",
        label: "Brand Name",
        required: false,
        type: "text",
        options: [],
        variant: false,
        fromListing: true,
        allowsCustomValue: true,
      },
      expect.objectContaining({ key: "10", required: true, type: "single_select", allowsCustomValue: true }),
      expect.objectContaining({ key: "200000331", type: "multi_select", required: false }),
      expect.objectContaining({ key: "191", label: "Color", variant: true, fromListing: false }),
      expect.objectContaining({ key: "192", label: "Size", variant: true, required: true }),
    ]);
  });

  it("a non-leaf category answers the business error, which is permanent", async () => {
    nock(ORIGIN)
      .get(`/rest${ATTRIBUTES_GET}`)
      .query(true)
      .reply(200, bizError("CHK_CAT_NOT_LEAF", "Category 18 is not a leaf category"));
    const err = await failure(adapter().taxonomy?.categoryAttributes("18") ?? Promise.resolve());
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.code).toBe("CHK_CAT_NOT_LEAF");
  });

  it("an answer without the documented data is retried as a transient failure", async () => {
    nock(ORIGIN)
      .get(`/rest${ATTRIBUTES_GET}`)
      .query(true)
      .reply(200, ok({ data: "oops" }));
    const err = await failure(adapter().taxonomy?.categoryAttributes("100005471") ?? Promise.resolve());
    expect(err).toBeInstanceOf(TransientError);
    expect(err.code).toBe("UNEXPECTED_RESPONSE");
  });

  it("gateway errors on a category read keep their class", async () => {
    nock(ORIGIN).get(`/rest${CATEGORY_GET}`).query(true).reply(200, {
      type: "ISV",
      code: "ApiCallLimit",
      message: "Api access frequency exceeds the limit. this ban will last 3 seconds",
      request_id: RID,
    });
    const err = await failure(adapter().taxonomy?.categoryTree() ?? Promise.resolve());
    expect(err).toBeInstanceOf(ThrottledError);
    expect((err as ThrottledError).waitMs).toBe(3000);
  });
});

describe("Alibaba.com listing attributes by id", () => {
  it("reads the category's attribute names once and sends ids with names in product_info", async () => {
    const sent: Array<Record<string, unknown>> = [];
    const scope = nock(ORIGIN)
      .get(`/rest${ATTRIBUTES_GET}`)
      .query((q) => q.category_id === "100005471")
      .once()
      .reply(200, SOCCER_ATTRIBUTES)
      .post("/rest/alibaba/icbu/product/listing/v2", (b: Record<string, string>) => {
        sent.push(JSON.parse(b.product_info ?? "{}"));
        return true;
      })
      .query(true)
      .times(2)
      .reply(200, ok({ data: 1600000000001 }))
      .get("/rest/alibaba/icbu/product/status/get/v2")
      .query(true)
      .times(2)
      .reply(200, ok({ data: { status: "pending" } }));
    const listing = alibabaFootball();
    listing.attributes = { "1": "9441", "10": "Goat leather", "200000331": "501,502", unit: "Piece" };
    const [white, yellow] = listing.variants;
    if (!white || !yellow) throw new Error("fixture needs two variants");
    white.options = { "191": "29", "192": "4005" };
    yellow.options = { "191": "366", "192": "4004" };
    const a = adapter();
    await a.create(listing);
    await a.create(listing);
    expect(scope.isDone()).toBe(true);
    expect(sent[0]?.attributes).toEqual([
      { attribute_id: 1, attribute_name: "Place of Origin", attribute_value_id: 9441, attribute_value: "Pakistan" },
      { attribute_id: 10, attribute_name: "Material", attribute_value: "Goat leather" },
      {
        attribute_id: 200000331,
        attribute_name: "Disinfecting Type",
        attribute_value_id: 501,
        attribute_value: "Autoclave",
      },
      { attribute_id: 200000331, attribute_name: "Disinfecting Type", attribute_value_id: 502, attribute_value: "EO" },
    ]);
    const trade = sent[0]?.trade_info as { sku_info: Array<{ sale_attributes: unknown[] }> } | undefined;
    expect(trade?.sku_info[0]?.sale_attributes).toEqual([
      { attribute_id: 191, attribute_name: "Color", attribute_value_id: 29, attribute_value: "White" },
      { attribute_id: 192, attribute_name: "Size", attribute_value_id: 4005, attribute_value: "5" },
    ]);
  });

  it("without names at hand a numeric value is an option id and anything else typed text", () => {
    expect(wireAttributes("10", "301")).toEqual([{ attribute_id: 10, attribute_value_id: 301 }]);
    expect(wireAttributes("10", "Goat leather")).toEqual([{ attribute_id: 10, attribute_value: "Goat leather" }]);
    expect(wireAttributes("material", "PU")).toEqual([{ attribute_name: "material", attribute_value: "PU" }]);
    expect(buildProductInfo(alibabaFootball()).attributes).toEqual([
      { attribute_name: "material", attribute_value: "PU Leather" },
      { attribute_name: "place_of_origin", attribute_value: "Punjab, Pakistan" },
    ]);
  });
});

describe("Alibaba.com photobank upload (nock)", () => {
  it("posts one multipart call per image, signing file_name but not the bytes, and answers photobank URLs", async () => {
    const bodies: Buffer[] = [];
    const queries: Array<Record<string, string>> = [];
    nock(ORIGIN)
      .post(`/rest${UPLOAD}`, (body: string) => {
        bodies.push(Buffer.from(body, "hex")); // nock hands binary bodies over hex-encoded
        return true;
      })
      .query((q) => {
        queries.push(q as Record<string, string>);
        return true;
      })
      .times(2)
      .reply(() => {
        const n = bodies.length;
        return [
          200,
          ok({
            response_object: {
              file_id: 16210000000 + n,
              photobank_url: `https://sc04.alicdn.com/kf/Hnock${n}Q.png`,
              file_name: `img-${n}.png`,
            },
          }),
        ];
      });
    const images = [image(1), image(2)];
    const outcomes = await adapter({ photobankGroupId: "7" }).media?.uploadImages(images);
    expect(outcomes).toEqual([
      { contentHash: images[0]?.contentHash, ok: true, url: "https://sc04.alicdn.com/kf/Hnock1Q.png" },
      { contentHash: images[1]?.contentHash, ok: true, url: "https://sc04.alicdn.com/kf/Hnock2Q.png" },
    ]);
    expect(bodies).toHaveLength(2);
    const text = bodies[0]?.toString("latin1") ?? "";
    expect(text).toContain('name="file_name"');
    expect(text).toContain('name="group_id"');
    expect(text).toMatch(/name="image_bytes"; filename="[0-9a-f]{16}\.png"/);
    expect(bodies[0]?.includes(Buffer.from(images[0]?.bytes ?? [0]))).toBe(true);
    const query = queries[0] ?? {};
    expect(Object.keys(query).sort()).toEqual(["access_token", "app_key", "sign", "sign_method", "timestamp"]);
    const { sign, ...unsigned } = query;
    const fileName = `${images[0]?.contentHash.slice(0, 16)}.png`;
    expect(sign).toBe(iopSign(SECRET, UPLOAD, { ...unsigned, file_name: fileName, group_id: "7" }));
  });

  it("a refused image is that image's outcome: SIZE_TOO_LARGE permanent, -2 transient; the others go on", async () => {
    let call = 0;
    nock(ORIGIN)
      .post(`/rest${UPLOAD}`)
      .query(true)
      .times(3)
      .reply(() => {
        call += 1;
        if (call === 1) {
          return [
            200,
            { code: "0", request_id: RID, result: { error_code: "SIZE_TOO_LARGE", error_msg: "SIZE_TOO_LARGE" } },
          ];
        }
        if (call === 2) {
          return [200, { code: "0", request_id: RID, result: { error_code: "-2", error_msg: "Upload Image Error" } }];
        }
        return [200, ok({ response_object: { file_id: 1, photobank_url: "https://sc04.alicdn.com/kf/Hok.png" } })];
      });
    const outcomes = await adapter().media?.uploadImages([image(1), image(2), image(3)]);
    expect(outcomes?.map((o) => (o.ok ? o.url : `${o.error.errorClass}:${o.error.code}`))).toEqual([
      "permanent:SIZE_TOO_LARGE",
      "transient:-2",
      "https://sc04.alicdn.com/kf/Hok.png",
    ]);
  });

  it("gateway failures are thrown: throttled, expired token, 5xx", async () => {
    const upload = () => adapter().media?.uploadImages([image(1)]) ?? Promise.resolve([]);
    nock(ORIGIN).post(`/rest${UPLOAD}`).query(true).reply(429, {
      type: "ISV",
      code: "ApiCallLimit",
      message: "Api access frequency exceeds the limit. this ban will last 2 seconds",
      request_id: RID,
    });
    expect(await failure(upload())).toBeInstanceOf(ThrottledError);
    nock(ORIGIN).post(`/rest${UPLOAD}`).query(true).reply(200, {
      type: "ISV",
      code: "IllegalAccessToken",
      message: "The specified access token is invalid",
      request_id: RID,
    });
    expect(await failure(upload())).toBeInstanceOf(AuthExpiredError);
    nock(ORIGIN).post(`/rest${UPLOAD}`).query(true).reply(502, "<html>502 Bad Gateway</html>");
    const err = await failure(upload());
    expect(err).toBeInstanceOf(TransientError);
    expect(err.code).toBe("HTTP_502");
  });

  it("advertises the photobank rules (the 350 px minimum is configurable)", () => {
    expect(adapter().capabilities.imageRules).toEqual(ALIBABA_IMAGE_RULES);
    expect(ALIBABA_IMAGE_RULES).toMatchObject({ maxImages: 6, maxBytes: 5 * 1024 * 1024, formats: ["jpeg", "png"] });
    expect(adapter({ minImagePixels: 600 }).capabilities.imageRules?.minPixels).toBe(600);
  });
});
