import { type ReviewQueue, reviewAll, reviewDue } from "../../core/simulator/review.js";
import type { RemoteEdit } from "../../core/simulator/types.js";
import { JD_WARE_STATUS } from "../capabilities.js";
import { parseWareRequest, type SkuInput, type WareRequest, type WareRules } from "./wareRules.js";
import { PENDING_AUDIT, type SimJdSku, type SimWare, wareStatusFor } from "./wares.js";
import { invalid, JOS, JosFailure } from "./wire.js";

/** An audit verdict: undefined approves; a reason (or {reason, outcome}) fails the ware (1028) or delists it (4). */
export type JdReviewVerdict = undefined | string | { reason: string; outcome?: "rejected" | "delisted" };
export type JdReviewRule = (ware: Readonly<SimWare>) => JdReviewVerdict;

export interface JdCatalogOptions {
  now: () => number;
  rules: WareRules;
  reviewRule: JdReviewRule;
  /** Pending wares pass audit on their own after this long (undefined: only advanceReview()). */
  reviewDelayMs?: number;
  /** Content edits of a ware on sale send it back to audit (520). Default true. */
  reauditOnUpdate: boolean;
  /** A new ware that passes audit goes on sale (8); false leaves it never listed (1) for upOrDown. Default true. */
  listOnApproval: boolean;
  /** Checks a well-formed add or update against the shop's state (taxonomy, image zone); throws a JosFailure. */
  guard?: (request: WareRequest, current: Readonly<SimWare> | undefined) => void;
}

export interface WareQuery {
  wareIds?: number[];
  itemNum?: string;
  statuses?: number[];
  startModified?: number;
  endModified?: number;
  orderField?: string;
  orderType?: string;
  pageNo: number;
  pageSize: number;
  maxPages: number;
}

export interface SkuQuery {
  wareIds?: number[];
  skuId?: number;
  outId?: string;
  pageNo: number;
  pageSize: number;
}

/** The shop's wares on the simulated JD: writes, reads and the audit flow. */
export class JdCatalog {
  private readonly wares = new Map<number, SimWare>();
  private nextWareId = 100_012_345_001;
  private nextSkuId = 100_098_765_001;

  constructor(private readonly opts: JdCatalogOptions) {}

  reset(): void {
    this.wares.clear();
    this.nextWareId = 100_012_345_001;
    this.nextSkuId = 100_098_765_001;
  }

  all(includeDeleted = false): SimWare[] {
    this.autoReview();
    return [...this.wares.values()].filter((w) => includeDeleted || !w.deleted).sort((a, b) => a.wareId - b.wareId);
  }

  add(params: Record<string, unknown>): SimWare {
    const { ware, skus } = parseWareRequest(params, "add", this.opts.rules);
    this.opts.guard?.({ ware, skus }, undefined);
    this.assertOuterIdsFree(undefined, [ware.outerId, ...skus.map((s) => s.outerId)]);
    const now = this.opts.now();
    const wareId = this.nextWareId++;
    const created: SimWare = {
      wareId,
      title: ware.title ?? "",
      categoryId: ware.categoryId ?? 0,
      brandId: ware.brandId ?? 0,
      outerId: ware.outerId ?? "",
      itemNum: ware.itemNum ?? "",
      length: ware.length ?? 0,
      width: ware.width ?? 0,
      height: ware.height ?? 0,
      weight: ware.weight ?? 0,
      props: ware.props ?? [],
      images: ware.images ?? [],
      introduction: ware.introduction ?? "",
      jdPrice: ware.jdPrice ?? 0,
      marketPrice: ware.marketPrice ?? 0,
      wareStatus: JD_WARE_STATUS.neverListedPendingAudit,
      skus: skus.map((s) => this.newSku(s, now)),
      created: now,
      modified: now,
      submittedAt: now,
      deleted: false,
    };
    this.wares.set(wareId, created);
    return created;
  }

  updateWare(params: Record<string, unknown>): SimWare {
    const { ware: input, skus } = parseWareRequest(params, "update", this.opts.rules);
    const ware = this.find(input.wareId ?? 0);
    this.opts.guard?.({ ware: input, skus }, ware);
    this.assertOuterIdsFree(ware, [input.outerId, ...skus.map((s) => s.outerId)]);
    const { wareId: _id, ...fields } = input;
    Object.assign(ware, fields);
    const now = this.opts.now();
    for (const s of skus) {
      const current = ware.skus.find((x) => (s.skuId !== undefined && x.skuId === s.skuId) || x.outerId === s.outerId);
      if (!current) {
        ware.skus.push(this.newSku(s, now));
        continue;
      }
      current.outerId = s.outerId;
      if (s.jdPrice !== undefined) current.jdPrice = s.jdPrice;
      if (s.stockNum !== undefined) current.stockNum = s.stockNum;
      if (s.saleAttrs) current.saleAttrs = s.saleAttrs;
      if (s.barCode !== undefined) current.barCode = s.barCode;
      current.modified = now;
    }
    if (ware.wareStatus === JD_WARE_STATUS.onSale && this.opts.reauditOnUpdate) {
      this.submit(ware, JD_WARE_STATUS.onSalePendingAudit);
    } else if (ware.wareStatus === JD_WARE_STATUS.auditFailed || ware.wareStatus === JD_WARE_STATUS.delistedBySystem) {
      this.submit(ware, JD_WARE_STATUS.delistedBySystemPendingAudit);
    }
    this.touch(ware);
    return ware;
  }

  updatePrice(params: Record<string, unknown>): void {
    const { ware, sku } = this.findSku(params.skuId);
    const jdPrice = Number(params.jdPrice);
    if (!(Number.isFinite(jdPrice) && jdPrice > 0 && Math.abs(Math.round(jdPrice * 100) - jdPrice * 100) < 1e-6)) {
      throw invalid(`jdPrice must be yuan > 0 with at most 2 decimals, got ${JSON.stringify(params.jdPrice)}`);
    }
    sku.jdPrice = jdPrice;
    sku.modified = this.opts.now();
    ware.jdPrice = Math.min(...ware.skus.map((s) => s.jdPrice));
    ware.marketPrice = Math.max(ware.marketPrice, jdPrice);
    this.touch(ware);
  }

  updateStock(params: Record<string, unknown>): void {
    const { ware, sku } = this.findSku(params.skuId);
    const stockNum = Number(params.stockNum);
    if (!(Number.isInteger(stockNum) && stockNum >= 0)) {
      throw invalid(`stockNum must be a whole number >= 0, got ${JSON.stringify(params.stockNum)}`);
    }
    sku.stockNum = stockNum;
    sku.modified = this.opts.now();
    this.touch(ware);
  }

  /** opType 1 lists, 2 delists. Wares the system took down must pass audit again (edit them) before listing. */
  upOrDown(params: Record<string, unknown>): void {
    const ware = this.find(Number(params.wareId));
    const opType = Number(params.opType);
    const s = ware.wareStatus;
    const now = this.opts.now();
    if (opType === 2) {
      if (s === JD_WARE_STATUS.onSale) ware.wareStatus = JD_WARE_STATUS.delistedBySeller;
      else if (s === JD_WARE_STATUS.onSalePendingAudit) ware.wareStatus = JD_WARE_STATUS.delistedBySellerPendingAudit;
      else if (s === JD_WARE_STATUS.neverListedPendingAudit || s === JD_WARE_STATUS.delistedBySystemPendingAudit) {
        ware.wareStatus = JD_WARE_STATUS.delistedBySeller;
      }
      ware.offlineTime = now;
    } else if (opType === 1) {
      if (s === JD_WARE_STATUS.auditFailed || s === JD_WARE_STATUS.delistedBySystem) {
        throw new JosFailure(
          JOS.statusForbids,
          "商品被系统下架，请修改后重新提交审核",
          `Ware ${ware.wareId} was taken down by the system (${s}); edit it to resubmit it for audit`,
        );
      }
      if (s === JD_WARE_STATUS.neverListed || s === JD_WARE_STATUS.delistedBySeller) {
        ware.wareStatus = JD_WARE_STATUS.onSale;
        ware.onlineTime = now;
      }
    } else {
      throw invalid(`opType must be 1 (list) or 2 (delist), got ${JSON.stringify(params.opType)}`);
    }
    this.touch(ware);
  }

  searchWares(q: WareQuery): { data: SimWare[]; total: number } {
    const wanted = q.wareIds ? new Set(q.wareIds) : undefined;
    const statuses = q.statuses ? new Set(q.statuses) : undefined;
    const matching = this.all().filter(
      (w) =>
        (!wanted || wanted.has(w.wareId)) &&
        (q.itemNum === undefined || w.itemNum === q.itemNum) &&
        (!statuses || statuses.has(w.wareStatus)) &&
        (q.startModified === undefined || w.modified >= q.startModified) &&
        (q.endModified === undefined || w.modified <= q.endModified),
    );
    const field = q.orderField === "modified" ? "modified" : q.orderField === "created" ? "created" : "wareId";
    const sign = q.orderType === "desc" ? -1 : 1;
    matching.sort((a, b) => sign * (a[field] - b[field] || a.wareId - b.wareId));
    // Pages beyond the cap come back empty, while totalItem still counts every match.
    if (q.pageNo > q.maxPages) return { data: [], total: matching.length };
    const from = (q.pageNo - 1) * q.pageSize;
    return { data: matching.slice(from, from + q.pageSize), total: matching.length };
  }

  searchSkus(q: SkuQuery): { data: Array<{ ware: SimWare; sku: SimJdSku }>; total: number } {
    const wanted = q.wareIds ? new Set(q.wareIds) : undefined;
    const matching = this.all()
      .filter((w) => !wanted || wanted.has(w.wareId))
      .flatMap((ware) => ware.skus.map((sku) => ({ ware, sku })))
      .filter(
        ({ sku }) =>
          (q.skuId === undefined || sku.skuId === q.skuId) && (q.outId === undefined || sku.outerId === q.outId),
      );
    const from = (q.pageNo - 1) * q.pageSize;
    return { data: matching.slice(from, from + q.pageSize), total: matching.length };
  }

  find(wareId: number): SimWare {
    this.autoReview();
    const ware = this.wares.get(wareId);
    if (!ware || ware.deleted) {
      throw new JosFailure(JOS.wareNotFound, `商品不存在: ${wareId}`, `Ware ${wareId} does not exist`);
    }
    return ware;
  }

  advanceReview(): number {
    return reviewAll(this.review);
  }

  autoReview(): void {
    reviewDue(this.review, this.opts.reviewDelayMs, this.opts.now);
  }

  private readonly review: ReviewQueue<SimWare> = {
    items: () => this.wares.values(),
    isPending: (w) => !w.deleted && PENDING_AUDIT.has(w.wareStatus),
    submittedAt: (w) => w.submittedAt,
    decide: (w) => this.decide(w),
  };

  /** A change made in JD's seller backend (drift): by a SKU outerId, or the ware's own outerId. */
  edit(sellerSku: string, patch: RemoteEdit): void {
    const ware = [...this.wares.values()].find(
      (w) => w.outerId === sellerSku || w.skus.some((s) => s.outerId === sellerSku),
    );
    if (!ware) throw new Error(`No ware holds outerId ${sellerSku}`);
    const sku = ware.skus.find((s) => s.outerId === sellerSku) ?? ware.skus[0];
    if (patch.title !== undefined) ware.title = patch.title;
    if (patch.images !== undefined) {
      ware.images = patch.images.map((imgUrl, i) => ({
        colorId: this.opts.rules.mainImageColorId,
        imgIndex: i + 1,
        imgUrl,
      }));
    }
    if (sku && patch.price !== undefined) sku.jdPrice = Number(patch.price);
    if (sku && patch.quantity !== undefined) sku.stockNum = patch.quantity;
    if (patch.status === "deleted") ware.deleted = true;
    else if (patch.status !== undefined) ware.wareStatus = wareStatusFor(patch.status);
    this.touch(ware);
  }

  private decide(ware: SimWare): void {
    const verdict = this.opts.reviewRule(ware);
    const now = this.opts.now();
    if (verdict === undefined) {
      delete ware.opReason;
      if (ware.wareStatus === JD_WARE_STATUS.delistedBySellerPendingAudit) {
        ware.wareStatus = JD_WARE_STATUS.delistedBySeller;
      } else if (ware.wareStatus === JD_WARE_STATUS.neverListedPendingAudit && !this.opts.listOnApproval) {
        ware.wareStatus = JD_WARE_STATUS.neverListed;
      } else {
        ware.wareStatus = JD_WARE_STATUS.onSale;
        ware.onlineTime = now;
      }
    } else {
      const { reason, outcome } = typeof verdict === "string" ? { reason: verdict, outcome: "rejected" } : verdict;
      ware.opReason = reason;
      ware.wareStatus = outcome === "delisted" ? JD_WARE_STATUS.delistedBySystem : JD_WARE_STATUS.auditFailed;
      ware.offlineTime = now;
    }
    this.touch(ware);
  }

  private submit(ware: SimWare, status: number): void {
    ware.wareStatus = status;
    ware.submittedAt = this.opts.now();
  }

  private touch(ware: SimWare): void {
    ware.modified = Math.max(this.opts.now(), ware.modified + 1);
  }

  private newSku(s: SkuInput, now: number): SimJdSku {
    return {
      skuId: this.nextSkuId++,
      outerId: s.outerId,
      jdPrice: s.jdPrice ?? 0,
      stockNum: s.stockNum ?? 0,
      saleAttrs: s.saleAttrs ?? [],
      ...(s.barCode ? { barCode: s.barCode } : {}),
      created: now,
      modified: now,
    };
  }

  private findSku(raw: unknown): { ware: SimWare; sku: SimJdSku } {
    const skuId = Number(raw);
    if (!Number.isInteger(skuId) || skuId <= 0) throw invalid(`skuId is required, got ${JSON.stringify(raw)}`);
    this.autoReview();
    for (const ware of this.wares.values()) {
      if (ware.deleted) continue;
      const sku = ware.skus.find((s) => s.skuId === skuId);
      if (sku) return { ware, sku };
    }
    throw new JosFailure(JOS.skuNotFound, `SKU不存在: ${skuId}`, `SKU ${skuId} does not exist`);
  }

  /** outerIds are unique across the shop's wares and SKUs (JD keeps them for the seller's own keys). */
  private assertOuterIdsFree(self: SimWare | undefined, outerIds: Array<string | undefined>): void {
    const wanted = new Set(outerIds.filter((id): id is string => !!id));
    for (const ware of this.wares.values()) {
      if (ware.deleted || ware === self) continue;
      const clash = [ware.outerId, ...ware.skus.map((s) => s.outerId)].find((id) => wanted.has(id));
      if (clash) {
        throw new JosFailure(
          JOS.outerIdTaken,
          `商家编码已存在: ${clash}（商品 ${ware.wareId}）`,
          `outerId ${clash} already exists on ware ${ware.wareId}`,
        );
      }
    }
  }
}
