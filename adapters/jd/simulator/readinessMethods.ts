import type { JdMethod } from "./methods.js";
import { intParam } from "./params.js";
import type { JdSimAttribute, JdSimCategory } from "./taxonomyData.js";
import { invalid, JOS, JosFailure } from "./wire.js";

/**
 * Category reads in JD's answer shapes: findByPId -> `categories`, findAttrsByCategoryIdUnlimitCate ->
 * `findattrsbycategoryidunlimitcate_result` (values only when `field` names attrValueList), findValuesByAttrIdUnlimit
 * -> `findvaluesbyattridunlimit_result`.
 */
export const TAXONOMY_METHODS: Record<string, JdMethod> = {
  "jingdong.category.read.findByPId": ({ params, taxonomy }) => {
    const parentCid = intParam(params.parentCid, "parentCid", 0, 0);
    return { categories: taxonomy.children(parentCid).map(categoryWire) };
  },
  "jingdong.category.read.findAttrsByCategoryIdUnlimitCate": ({ params, taxonomy }) => {
    const cid = intParam(params.cid, "cid", -1, 1);
    const type = params.attributeType === undefined ? undefined : intParam(params.attributeType, "attributeType", 0, 1);
    const withValues = typeof params.field === "string" && params.field.split(",").includes("attrValueList");
    const attrs = taxonomy.attributesOf(cid).filter((a) => type === undefined || a.attributeType === type);
    return { findattrsbycategoryidunlimitcate_result: attrs.map((a) => attributeWire(a, cid, withValues)) };
  },
  "jingdong.category.read.findValuesByAttrIdUnlimit": ({ params, taxonomy }) => {
    const attrId = intParam(params.categoryAttrId, "categoryAttrId", -1, 1);
    const found = taxonomy.attribute(attrId);
    if (!found) {
      throw new JosFailure(
        JOS.attrNotFound,
        `类目属性不存在: ${attrId}`,
        `Category attribute ${attrId} does not exist`,
      );
    }
    return { findvaluesbyattridunlimit_result: valuesWire(found.attr, found.categoryId) };
  },
};

/**
 * `jingdong.imgzone.picture.upload`: the bytes as a multipart part named image_data (or base64 in image_data inside
 * 360buy_param_json, as JD's older SDKs send it), picture_name at most 64 bytes. A refused image is return_code 0
 * with the reason in desc, inside the method wrapper, as JD answers it.
 */
export const MEDIA_METHODS: Record<string, JdMethod> = {
  "jingdong.imgzone.picture.upload": ({ params, files, imageZone }) => {
    const file = files.image_data;
    const bytes = file?.bytes ?? base64Bytes(params.image_data);
    if (!bytes || bytes.length === 0) throw invalid("image_data is required (the image bytes)");
    const name = typeof params.picture_name === "string" ? params.picture_name : (file?.filename ?? "");
    if (Buffer.byteLength(name) > 64) throw invalid("picture_name must be at most 64 bytes", "图片名称不能超过64字节");
    const result = imageZone.upload(bytes, name);
    return result.ok
      ? { return_code: 1, desc: "上传成功", picture_id: result.picture.pictureId, picture_url: result.picture.path }
      : { return_code: 0, desc: result.desc };
  },
};

function categoryWire(c: JdSimCategory): Record<string, unknown> {
  return { id: c.id, fid: c.fid, name: c.name, lev: c.lev, status: 1, order: c.order, features: [] };
}

function attributeWire(a: JdSimAttribute, catId: number, withValues: boolean): Record<string, unknown> {
  return {
    id: a.id,
    name: a.name,
    catId,
    orderSort: a.orderSort,
    attributeType: a.attributeType,
    inputType: a.inputType,
    isRequired: a.isRequired,
    graphic: "",
    features: [],
    ...(withValues ? { attrValueList: valuesWire(a, catId) } : {}),
  };
}

function valuesWire(a: JdSimAttribute, catId: number): Record<string, unknown>[] {
  return a.values.map((v, i) => ({ id: v.id, attId: a.id, catId, name: v.name, orderSort: i + 1, features: [] }));
}

function base64Bytes(raw: unknown): Buffer | undefined {
  return typeof raw === "string" && raw !== "" ? Buffer.from(raw, "base64") : undefined;
}
