import type { JdSimImageZone } from "./imageZone.js";
import type { JdSimTaxonomy } from "./taxonomy.js";
import { checkWareTaxonomy } from "./taxonomyCheck.js";
import type { WareRequest } from "./wareRules.js";
import type { SimAttr, SimWare } from "./wares.js";
import { JOS, JosFailure } from "./wire.js";

/** The checks a running simulator can switch on (both off by default, so plain wares pass as before). */
export interface JdEnforcement {
  /** Leaf category, required attributes, values among the options (codes 3010-3013). */
  enforceTaxonomy: boolean;
  /** Every ware image is a picture this simulator's image zone filed (code 3020). */
  requireHostedImages: boolean;
}

/** The catalog's guard: runs on every add and updateWare, against the ware as it will be after the call. */
export function wareGuard(
  settings: Readonly<JdEnforcement>,
  taxonomy: JdSimTaxonomy,
  imageZone: JdSimImageZone,
): (request: WareRequest, current: Readonly<SimWare> | undefined) => void {
  return ({ ware, skus }, current) => {
    if (settings.requireHostedImages) {
      const foreign = (ware.images ?? []).map((img) => img.imgUrl).filter((url) => !imageZone.isHosted(url));
      if (foreign.length > 0) {
        throw new JosFailure(
          JOS.imageNotHosted,
          `商品图片须先上传到京东图片空间: ${foreign.join(", ")}`,
          `Images must be uploaded to the JD image zone first (jingdong.imgzone.picture.upload): ${foreign.join(", ")}`,
        );
      }
    }
    if (!settings.enforceTaxonomy) return;
    checkWareTaxonomy(taxonomy, {
      categoryId: ware.categoryId ?? current?.categoryId,
      brandId: ware.brandId ?? current?.brandId,
      itemNum: ware.itemNum ?? current?.itemNum,
      weight: ware.weight ?? current?.weight,
      props: ware.props ?? current?.props ?? [],
      skus: skusAfter(skus, current),
    });
  };
}

/** An update's SKUs over the stored ones (matched by skuId, then outerId); an add's SKUs as sent. */
function skusAfter(
  sent: WareRequest["skus"],
  current: Readonly<SimWare> | undefined,
): Array<{ outerId: string; saleAttrs: SimAttr[] }> {
  const after = new Map<string, { outerId: string; saleAttrs: SimAttr[] }>();
  for (const s of current?.skus ?? []) after.set(String(s.skuId), { outerId: s.outerId, saleAttrs: s.saleAttrs });
  for (const s of sent) {
    const stored = current?.skus.find((x) => (s.skuId !== undefined && x.skuId === s.skuId) || x.outerId === s.outerId);
    const key = stored ? String(stored.skuId) : `new:${s.outerId}`;
    after.set(key, { outerId: s.outerId, saleAttrs: s.saleAttrs ?? stored?.saleAttrs ?? [] });
  }
  return [...after.values()];
}
