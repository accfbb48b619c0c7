import nock from "nock";
import { describe, expect, it } from "vitest";
import {
  AuthExpiredError,
  type ChannelError,
  PermanentError,
  ThrottledError,
  TransientError,
} from "../../adapters/core/errors.js";
import { iopSign } from "../../adapters/core/iopSign.js";
import type { ImageToUpload } from "../../adapters/core/types.js";
import { DARAZ_CAPABILITIES, DarazAdapter } from "../../adapters/daraz/index.js";
import { jpegImage, pngImage, sha256 } from "../support/images.js";
import { useNockOffline } from "./nockOffline.js";

const ORIGIN = "https://api.daraz.pk";
const BASE = `${ORIGIN}/rest`;
const NOW = 1_767_225_600_000;
const SECRET = "nock-secret";
const RID = "2122317116563154453228884";

function adapter(extra: { retries?: number; pollTimeoutMs?: number } = {}): DarazAdapter {
  return new DarazAdapter({
    baseUrl: BASE,
    credentials: { appKey: "501234", appSecret: SECRET, accessToken: "50000acc", refreshToken: "50001ref" },
    now: () => NOW,
    timeoutMs: 2000,
    readRetry: { retries: extra.retries ?? 0, minTimeoutMs: 1, maxTimeoutMs: 2 },
    media: { pollIntervalMs: 5, pollTimeoutMs: extra.pollTimeoutMs ?? 2000 },
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

function upload(url: string, bytes: Buffer, format: "png" | "jpeg" = "png"): ImageToUpload {
  return {
    sourceUrl: url,
    contentHash: sha256(bytes),
    bytes,
    contentType: format === "png" ? "image/png" : "image/jpeg",
    format,
  };
}

const FRONT = "https://images.example.com/panjnad/ps-m32-front.jpg";
const SIDE = "https://images.example.com/panjnad/ps-m32-side.png";
const frontBytes = jpegImage(800, 800, 1);
const sideBytes = pngImage(600, 600, 2);

/** /category/attributes/get as Lazada documents it (values abridged): name, sale props, sku fields, enumInput. */
const ATTRIBUTES_ANSWER = {
  data: [
    attr({ id: 100005571, name: "name", input_type: "text", is_mandatory: 1, label: "Name" }),
    attr({ id: 20000, name: "brand", input_type: "singleSelect", is_mandatory: 1, label: "Brand" }),
    attr({
      id: 100005501,
      name: "warranty_type",
      input_type: "singleSelect",
      is_mandatory: 1,
      label: "Warranty Type",
      options: [
        { name: "No Warranty", en_name: "No Warranty", id: 1 },
        { name: "Local Seller Warranty", en_name: "Local Seller Warranty", id: 2 },
      ],
    }),
    attr({
      id: 100007542,
      name: "outside_material",
      input_type: "enumInput",
      label: "Outside Material",
      options: [{ name: "Kulit Asli", en_name: "Genuine Leather", id: 9 }],
    }),
    attr({
      id: 100005683,
      name: "color_family",
      input_type: "multiEnumInput",
      is_sale_prop: 1,
      attribute_type: "sku",
      label: "Color",
      options: [
        { name: "Olive", en_name: "Olive", id: 330 },
        { name: "Navy Blue", en_name: "Navy Blue", id: 331 },
      ],
    }),
    attr({
      id: 100005692,
      name: "price",
      input_type: "numeric",
      is_mandatory: 1,
      attribute_type: "sku",
      label: "Price",
    }),
    attr({ id: 40000, name: "__images__", input_type: "img", attribute_type: "sku", label: "Images" }),
    attr({
      id: 100005496,
      name: "package_content",
      input_type: "text",
      attribute_type: "sku",
      label: "What's in the box",
    }),
    attr({
      id: 100006151,
      name: "Hazmat",
      input_type: "multiSelect",
      label: "Dangerous Goods",
      options: [{ name: "None" }],
    }),
    attr({ id: 100005650, name: "expiry_date", input_type: "date", label: "Expiry" }),
    attr({
      id: 100005697,
      name: "package_weight",
      input_type: "numeric",
      attribute_type: "sku",
      label: "Package Weight (kg)",
    }),
  ],
  code: "0",
  request_id: RID,
};

function attr(a: {
  id: number;
  name: string;
  input_type: string;
  label: string;
  is_mandatory?: number;
  is_sale_prop?: number;
  attribute_type?: string;
  options?: Array<{ name: string; en_name?: string; id?: number }>;
}) {
  return {
    advanced: { is_key_prop: 0 },
    is_sale_prop: a.is_sale_prop ?? 0,
    name: a.name,
    input_type: a.input_type,
    options: a.options ?? [],
    is_mandatory: a.is_mandatory ?? 0,
    attribute_type: a.attribute_type ?? "normal",
    label: a.label,
    id: a.id,
  };
}

useNockOffline();

describe("Daraz taxonomy against recorded response shapes (nock)", () => {
  it("flattens /category/tree/get parents first, with string ids and leaf flags, on a signed GET", async () => {
    let query: Record<string, string> = {};
    const scope = nock(ORIGIN)
      .get("/rest/category/tree/get")
      .query((q) => {
        query = q as Record<string, string>;
        return true;
      })
      .reply(200, {
        data: [
          {
            children: [
              { var: false, name: "Smartphones", leaf: true, category_id: 3 },
              {
                var: false,
                name: "Accessories",
                leaf: false,
                category_id: 11,
                children: [{ var: true, name: "Phone Cases", leaf: true, category_id: 4402 }],
              },
            ],
            var: false,
            name: "Mobiles & Tablets",
            leaf: false,
            category_id: 2,
          },
          { var: false, name: "Groceries", leaf: false, category_id: "10004000", children: [] },
        ],
        code: "0",
        request_id: RID,
      });
    const tree = await adapter().taxonomy.categoryTree();
    expect(scope.isDone()).toBe(true);
    expect(tree).toEqual([
      { id: "2", parentId: null, name: "Mobiles & Tablets", leaf: false },
      { id: "3", parentId: "2", name: "Smartphones", leaf: true },
      { id: "11", parentId: "2", name: "Accessories", leaf: false },
      { id: "4402", parentId: "11", name: "Phone Cases", leaf: true },
      { id: "10004000", parentId: null, name: "Groceries", leaf: false },
    ]);
    const { sign, ...unsigned } = query;
    expect(sign).toBe(iopSign(SECRET, "/category/tree/get", unsigned));
  });

  it("retries the tree read after a 5xx (reads are idempotent)", async () => {
    const scope = nock(ORIGIN)
      .get("/rest/category/tree/get")
      .query(true)
      .reply(503, "<html>503</html>")
      .get("/rest/category/tree/get")
      .query(true)
      .reply(200, { data: [{ var: false, name: "Groceries", leaf: true, category_id: 1 }], code: "0" });
    expect(await adapter({ retries: 1 }).taxonomy.categoryTree()).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });

  it("maps /category/attributes/get: required, sale props, listing-filled fields, en_name values, custom input", async () => {
    const scope = nock(ORIGIN)
      .get("/rest/category/attributes/get")
      .query((q) => q.primary_category_id === "10000987")
      .reply(200, ATTRIBUTES_ANSWER);
    const attributes = await adapter().taxonomy.categoryAttributes("10000987");
    expect(scope.isDone()).toBe(true);
    const byKey = new Map(attributes.map((a) => [a.key, a]));
    expect(byKey.get("warranty_type")).toEqual({
      key: "warranty_type",
      label: "Warranty Type",
      required: true,
      type: "single_select",
      options: [
        { value: "No Warranty", label: "No Warranty" },
        { value: "Local Seller Warranty", label: "Local Seller Warranty" },
      ],
      variant: false,
      fromListing: false,
    });
    expect(byKey.get("outside_material")).toMatchObject({
      type: "single_select",
      allowsCustomValue: true,
      options: [{ value: "Genuine Leather", label: "Kulit Asli" }],
    });
    expect(byKey.get("color_family")).toMatchObject({ variant: true, type: "multi_select", allowsCustomValue: true });
    expect(byKey.get("Hazmat")).toMatchObject({ type: "multi_select", options: [{ value: "None", label: "None" }] });
    expect(byKey.get("Hazmat")?.allowsCustomValue).toBeUndefined();
    expect(byKey.get("expiry_date")?.type).toBe("date");
    const fromListing = attributes.filter((a) => a.fromListing).map((a) => a.key);
    expect(fromListing).toEqual(["name", "brand", "price", "__images__", "package_weight"]);
    expect(byKey.get("package_weight")).toMatchObject({ type: "number", unit: "kg" });
    expect(byKey.get("package_content")?.fromListing).toBe(false);
  });

  it("refuses a branch or unknown category: an error answer or an empty list is a PermanentError", async () => {
    nock(ORIGIN)
      .get("/rest/category/attributes/get")
      .query(true)
      .reply(200, {
        type: "ISV",
        code: "500",
        message: "BIZ_CHECK_CATEGORY_NOT_LEAF: Category 10000400 is not a leaf category",
        request_id: RID,
      })
      .get("/rest/category/attributes/get")
      .query(true)
      .reply(200, { data: [], code: "0", request_id: RID });
    const branch = await failure(adapter().taxonomy.categoryAttributes("10000400"));
    expect(branch).toBeInstanceOf(PermanentError);
    expect(branch.code).toBe("BIZ_CHECK_CATEGORY_NOT_LEAF");
    const empty = await failure(adapter().taxonomy.categoryAttributes("999"));
    expect(empty).toBeInstanceOf(PermanentError);
    expect(empty.code).toBe("CATEGORY_NOT_LEAF");
  });

  it("rejects an answer of an unknown shape with the path of the mismatch", async () => {
    nock(ORIGIN)
      .get("/rest/category/tree/get")
      .query(true)
      .reply(200, { data: [{ name: "No id", leaf: true }], code: "0" });
    const err = await failure(adapter().taxonomy.categoryTree());
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.code).toBe("UNEXPECTED_RESPONSE");
    expect(err.message).toContain("0.category_id");
  });
});

describe("Daraz image migration against recorded response shapes (nock)", () => {
  it("migrates a batch (XML payload in the body), polls past 'processing' and maps the documented answer in order", async () => {
    let body: Record<string, string> = {};
    let migrateQuery: Record<string, string> = {};
    const scope = nock(ORIGIN)
      .post("/rest/images/migrate", (b: Record<string, string>) => {
        body = b;
        return true;
      })
      .query((q) => {
        migrateQuery = q as Record<string, string>;
        return true;
      })
      .reply(200, { batch_id: "2122317116563149177325379d074f", code: "0", request_id: RID })
      .get("/rest/image/response/get")
      .query((q) => q.batch_id === "2122317116563149177325379d074f")
      .reply(200, { type: "ISP", code: "1000", message: "E1000: Internal Application Error", request_id: RID })
      .get("/rest/image/response/get")
      .query((q) => q.batch_id === "2122317116563149177325379d074f")
      .reply(200, {
        data: {
          images: [
            {
              hash_code: "d85ac36cd40368715f9de77146c636f5",
              url: "https://static-01.daraz.pk/p/d85ac36cd40368715f9de77146c636f5.jpg",
            },
            {
              hash_code: "83008ad9816428e14732200072f6f6e4",
              url: "https://static-01.daraz.pk/p/83008ad9816428e14732200072f6f6e4.png",
            },
          ],
        },
        code: "0",
        request_id: RID,
      });
    const front = upload(FRONT, frontBytes, "jpeg");
    const side = upload(SIDE, sideBytes);
    // The same source twice is migrated once and answered twice.
    const outcomes = await adapter().media.uploadImages([front, side, front]);
    expect(scope.isDone()).toBe(true);
    expect(outcomes).toEqual([
      {
        contentHash: front.contentHash,
        ok: true,
        url: "https://static-01.daraz.pk/p/d85ac36cd40368715f9de77146c636f5.jpg",
      },
      {
        contentHash: side.contentHash,
        ok: true,
        url: "https://static-01.daraz.pk/p/83008ad9816428e14732200072f6f6e4.png",
      },
      {
        contentHash: front.contentHash,
        ok: true,
        url: "https://static-01.daraz.pk/p/d85ac36cd40368715f9de77146c636f5.jpg",
      },
    ]);
    expect(Object.keys(body)).toEqual(["payload"]);
    expect(body.payload).toBe(
      `<?xml version="1.0" encoding="UTF-8" ?><Request><Images><Url>${FRONT}</Url><Url>${SIDE}</Url></Images></Request>`,
    );
    const { sign, ...unsigned } = migrateQuery;
    expect(sign).toBe(iopSign(SECRET, "/images/migrate", { ...unsigned, ...body }));
  });

  it("turns per-image failures into outcomes: E303 permanent, a failed download transient", async () => {
    nock(ORIGIN)
      .post("/rest/images/migrate")
      .query(true)
      .reply(200, { batch_id: "b-2", code: "0", request_id: RID })
      .get("/rest/image/response/get")
      .query(true)
      .reply(200, {
        data: {
          images: [{ hash_code: "aa", url: "https://static-01.daraz.pk/p/aa.jpg", original_url: SIDE }],
          errors: [
            { original_url: FRONT, code: "303", message: "E303: The image is too large" },
            {
              original_url: "https://images.example.com/slow.jpg",
              code: "301",
              message: "E301: Migrate Image Failed: download timed out after 5000 ms",
            },
          ],
        },
        code: "0",
        request_id: RID,
      });
    const outcomes = await adapter().media.uploadImages([
      upload(FRONT, frontBytes, "jpeg"),
      upload(SIDE, sideBytes),
      upload("https://images.example.com/slow.jpg", pngImage(500, 500, 3)),
    ]);
    expect(outcomes.map((o) => (o.ok ? o.url : `${o.error.errorClass}:${o.error.code}`))).toEqual([
      "permanent:303",
      "https://static-01.daraz.pk/p/aa.jpg",
      "transient:301",
    ]);
  });

  it("fails every image of a batch Daraz refuses as a whole (E301) without throwing", async () => {
    nock(ORIGIN)
      .post("/rest/images/migrate")
      .query(true)
      .reply(200, { type: "ISV", code: "301", message: "E301: Migrate Image Failed", request_id: RID });
    const outcomes = await adapter().media.uploadImages([upload(FRONT, frontBytes, "jpeg"), upload(SIDE, sideBytes)]);
    expect(outcomes.every((o) => !o.ok && o.error.errorClass === "permanent" && o.error.code === "301")).toBe(true);
  });

  it("checks the bytes against Daraz's rules before any call", async () => {
    const tiny = upload(FRONT, pngImage(200, 200, 4));
    const [outcome] = await adapter().media.uploadImages([tiny]);
    expect(outcome).toMatchObject({ ok: false, error: { errorClass: "permanent", code: "IMAGE_RULES" } });
    expect(outcome?.ok === false && outcome.error.message).toContain("330 px");
    expect(DARAZ_CAPABILITIES.imageRules).toMatchObject({ maxBytes: 3 * 1024 * 1024, minPixels: 330, maxPixels: 5000 });
  });

  it("throws gateway errors in their classes: throttled, auth expired, transient", async () => {
    const replyMigrate = (status: number, body: nock.Body) =>
      nock(ORIGIN).post("/rest/images/migrate").query(true).reply(status, body);
    const images = [upload(FRONT, frontBytes, "jpeg")];
    replyMigrate(200, {
      type: "ISV",
      code: "ApiCallLimit",
      message: "Api access frequency exceeds the limit. this ban will last 2 seconds",
      request_id: RID,
    });
    const throttled = await failure(adapter().media.uploadImages(images));
    expect(throttled).toBeInstanceOf(ThrottledError);
    expect((throttled as ThrottledError).waitMs).toBe(2000);
    replyMigrate(200, { type: "ISV", code: "IllegalAccessToken", message: "expired", request_id: RID });
    expect(await failure(adapter().media.uploadImages(images))).toBeInstanceOf(AuthExpiredError);
    replyMigrate(503, "<html>503 Service Temporarily Unavailable</html>");
    expect(await failure(adapter().media.uploadImages(images))).toBeInstanceOf(TransientError);
  });

  it("gives up on a batch that stays 'processing' after the bounded wait (transient MIGRATE_TIMEOUT)", async () => {
    nock(ORIGIN)
      .post("/rest/images/migrate")
      .query(true)
      .reply(200, { batch_id: "b-slow", code: "0", request_id: RID })
      .get("/rest/image/response/get")
      .query(true)
      .times(100)
      .reply(200, { type: "ISP", code: "1000", message: "E1000: Internal Application Error", request_id: RID });
    const started = Date.now();
    const [outcome] = await adapter({ pollTimeoutMs: 60 }).media.uploadImages([upload(FRONT, frontBytes, "jpeg")]);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(outcome).toMatchObject({ ok: false, error: { errorClass: "transient", code: "MIGRATE_TIMEOUT" } });
  });

  it("stops polling when the caller aborts, with read retries on", async () => {
    nock(ORIGIN)
      .post("/rest/images/migrate")
      .query(true)
      .reply(200, { batch_id: "b-abort", code: "0", request_id: RID })
      .get("/rest/image/response/get")
      .query(true)
      .times(1000)
      .reply(200, { type: "ISP", code: "1000", message: "E1000: Internal Application Error", request_id: RID });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 40);
    const err = await failure(
      adapter({ pollTimeoutMs: 60_000, retries: 2 }).media.uploadImages([upload(FRONT, frontBytes, "jpeg")], {
        signal: controller.signal,
      }),
    );
    expect(err).toBeInstanceOf(TransientError);
    expect(err.code).toBe("ABORTED");
  });
});
