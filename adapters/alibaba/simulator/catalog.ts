import { type ReviewQueue, reviewAll, reviewDue } from "../../core/simulator/review.js";
import type { RemoteEdit } from "../../core/simulator/types.js";
import type { ContentRules, ProductInput, SkuInput, SkuInventoryInput, SkuPriceInput } from "./productInfo.js";
import { type SimProduct, type SimSkuRecord, type SimTier, statusesFor } from "./products.js";
import { BizFailure } from "./wire.js";

/** Decides the audit of one product: a reject reason, or undefined to approve. */
export type ReviewRule = (product: SimProduct) => string | undefined;

export interface CatalogOptions {
  now: () => number;
  content: ContentRules;
  reviewRule: ReviewRule;
  /** Pending products pass audit on their own after this long (undefined: only advanceReview() moves them). */
  reviewDelayMs?: number;
  /** Edits of a product under audit answer PUB_BIZCHECK_PRODUCT_NOT_EDITABLE. */
  lockWhileAuditing: boolean;
  /** Content edits (title, description, images, keywords, category, attributes) send a product back to audit. */
  reauditOnUpdate: boolean;
}

export interface ListQuery {
  page: number;
  pageSize: number;
  /** Inclusive bounds at whole seconds (epoch ms). */
  from?: number;
  to?: number;
  /** Items one query serves at most; pages beyond it come back empty while total_item stays true. */
  windowCap: number;
}

const notFound = (id: string | number) => new BizFailure("B_PRODUCT_NOT_FOUND", `Product ${id} does not exist`);

/** The seller's products on the simulated Alibaba.com: listing, edits, status changes, queries and audit. */
export class AlibabaCatalog {
  private readonly products = new Map<number, SimProduct>();
  private nextProductId = 1_600_000_000_001;
  private nextSkuId = 10_000_000_000_001;

  constructor(private readonly opts: CatalogOptions) {}

  reset(): void {
    this.products.clear();
    this.nextProductId = 1_600_000_000_001;
    this.nextSkuId = 10_000_000_000_001;
  }

  all(): SimProduct[] {
    this.autoReview();
    return [...this.products.values()].sort((a, b) => a.productId - b.productId);
  }

  create(input: ProductInput): number {
    this.assertCodesFree(input.skus ?? [], undefined);
    const now = this.opts.now();
    const productId = this.nextProductId++;
    const skus = (input.skus ?? []).map((s) => this.newSku(s, input.tiers?.[0]?.price));
    const product: SimProduct = {
      productId,
      title: input.title ?? "",
      description: input.description ?? "",
      keywords: input.keywords ?? [],
      language: input.language ?? "en_US",
      images: input.images ?? [],
      ...(input.modelNumber !== undefined ? { modelNumber: input.modelNumber } : {}),
      ...(input.brandName !== undefined ? { brandName: input.brandName } : {}),
      categoryId: input.categoryId ?? "",
      attributes: input.attributes ?? [],
      priceType: input.priceType ?? "TIERED",
      currency: input.currency ?? "USD",
      tiers: input.tiers ?? [],
      inventory: skus.length > 0 ? sum(skus) : (input.inventory ?? 0),
      moq: input.moq ?? 1,
      unit: input.unit ?? "Piece",
      skus,
      logistics: input.logistics ?? {},
      status: "online",
      auditStatus: "pending",
      createdAt: now,
      updatedAt: now,
      submittedAt: now,
    };
    this.products.set(productId, product);
    return productId;
  }

  /** update/v2: only the fields sent change; SKUs are matched by sku_code, new codes become new SKUs. */
  update(input: ProductInput): void {
    if (!input.productId) throw new BizFailure("B_PRODUCT_PARAM_INVALID", "basic_info.product_id is required");
    const product = this.editable(input.productId);
    this.assertCodesFree(input.skus ?? [], product);
    const contentChanged =
      (input.title !== undefined && input.title !== product.title) ||
      (input.description !== undefined && input.description !== product.description) ||
      (input.images !== undefined && input.images.join("\n") !== product.images.join("\n")) ||
      (input.keywords !== undefined && input.keywords.join("\n") !== product.keywords.join("\n")) ||
      (input.categoryId !== undefined && input.categoryId !== product.categoryId) ||
      (input.attributes !== undefined && JSON.stringify(input.attributes) !== JSON.stringify(product.attributes));
    if (input.title !== undefined) product.title = input.title;
    if (input.description !== undefined) product.description = input.description;
    if (input.images !== undefined) product.images = input.images;
    if (input.keywords !== undefined) product.keywords = input.keywords;
    if (input.language !== undefined) product.language = input.language;
    if (input.modelNumber !== undefined) product.modelNumber = input.modelNumber;
    if (input.brandName !== undefined) product.brandName = input.brandName;
    if (input.categoryId !== undefined) product.categoryId = input.categoryId;
    if (input.attributes !== undefined) product.attributes = input.attributes;
    if (input.priceType !== undefined) product.priceType = input.priceType;
    if (input.currency !== undefined) product.currency = input.currency;
    if (input.tiers !== undefined) product.tiers = input.tiers;
    if (input.moq !== undefined) product.moq = input.moq;
    if (input.unit !== undefined) product.unit = input.unit;
    if (input.logistics !== undefined) product.logistics = { ...product.logistics, ...input.logistics };
    for (const s of input.skus ?? []) {
      const current = product.skus.find((x) => x.skuCode === s.skuCode);
      if (!current) {
        product.skus.push(this.newSku(s, product.tiers[0]?.price));
        continue;
      }
      if (s.price !== undefined) current.price = s.price;
      if (s.inventory !== undefined) current.inventory = s.inventory;
      if (s.saleAttributes !== undefined) current.saleAttributes = s.saleAttributes;
      if (s.image !== undefined) current.image = s.image;
    }
    if (product.skus.length > 0) product.inventory = sum(product.skus);
    else if (input.inventory !== undefined) product.inventory = input.inventory;
    if (product.auditStatus === "rejected" || (contentChanged && this.opts.reauditOnUpdate)) this.resubmit(product);
    this.touch(product);
  }

  editPrice(productId: string, change: { skuPrices?: SkuPriceInput[]; spuTiers?: SimTier[] }): void {
    const product = this.editable(productId);
    const targets = (change.skuPrices ?? []).map((p) => ({ sku: this.skuOf(product, p.skuId), price: p.price }));
    for (const { sku, price } of targets) sku.price = price;
    if (change.spuTiers) product.tiers = change.spuTiers;
    this.touch(product);
  }

  editInventory(productId: string, change: { skuInventory?: SkuInventoryInput[]; spuInventory?: number }): void {
    const product = this.editable(productId);
    if (change.spuInventory !== undefined) {
      if (product.skus.length > 0) {
        throw new BizFailure("B_PRODUCT_PARAM_INVALID", "The product has SKUs: update sku_inventory instead");
      }
      product.inventory = change.spuInventory;
    }
    const targets = (change.skuInventory ?? []).map((i) => ({ sku: this.skuOf(product, i.skuId), n: i.inventory }));
    for (const { sku, n } of targets) sku.inventory = n;
    if (product.skus.length > 0) product.inventory = sum(product.skus);
    this.touch(product);
  }

  /** batch/update/status: per product, either updated or one entry in errors[]. */
  batchStatus(
    ids: string[],
    action: "online" | "offline",
  ): { updated: number[]; errors: Array<{ product_id: string; msg_code: string; message: string }> } {
    const updated: number[] = [];
    const errors: Array<{ product_id: string; msg_code: string; message: string }> = [];
    for (const id of ids) {
      const product = this.products.get(Number(id));
      if (!product || product.status === "deleted") {
        errors.push({ product_id: id, msg_code: "B_PRODUCT_NOT_FOUND", message: `Product ${id} does not exist` });
        continue;
      }
      if (action === "online" && product.auditStatus !== "approved") {
        errors.push({
          product_id: id,
          msg_code: "PUB_BIZCHECK_PRODUCT_NOT_EDITABLE",
          message: `Product ${id} has not passed audit (${product.auditStatus}) and cannot go online`,
        });
        continue;
      }
      product.status = action;
      this.touch(product);
      updated.push(product.productId);
    }
    return { updated, errors };
  }

  get(by: { productId?: string; skuId?: string }): SimProduct {
    this.autoReview();
    const product =
      by.productId !== undefined
        ? this.products.get(Number(by.productId))
        : [...this.products.values()].find((p) => p.skus.some((s) => String(s.skuId) === by.skuId));
    if (!product || product.status === "deleted") throw notFound(by.productId ?? `with SKU ${by.skuId}`);
    return product;
  }

  /** search/v2: exact sku_code or model_number. */
  search(q: { skuCode?: string; modelNumber?: string }): SimProduct[] {
    return this.all().filter(
      (p) =>
        p.status !== "deleted" &&
        ((q.skuCode !== undefined && p.skus.some((s) => s.skuCode === q.skuCode)) ||
          (q.modelNumber !== undefined && p.modelNumber === q.modelNumber)),
    );
  }

  /** list: newest first by modification time, inclusive second-resolution bounds, at most windowCap per query. */
  list(q: ListQuery): { total: number; products: SimProduct[] } {
    const second = (ms: number) => Math.floor(ms / 1000) * 1000;
    const matching = this.all()
      .filter(
        (p) =>
          p.status !== "deleted" &&
          (q.from === undefined || second(p.updatedAt) >= q.from) &&
          (q.to === undefined || second(p.updatedAt) <= q.to),
      )
      .sort((a, b) => b.updatedAt - a.updatedAt || b.productId - a.productId);
    const start = (q.page - 1) * q.pageSize;
    const end = Math.min(start + q.pageSize, q.windowCap);
    return { total: matching.length, products: start < end ? matching.slice(start, end) : [] };
  }

  advanceReview(): number {
    return reviewAll(this.review);
  }

  autoReview(): void {
    reviewDue(this.review, this.opts.reviewDelayMs, this.opts.now);
  }

  private readonly review: ReviewQueue<SimProduct> = {
    items: () => this.products.values(),
    isPending: (p) => p.auditStatus === "pending" && p.status !== "deleted",
    submittedAt: (p) => p.submittedAt,
    decide: (p) => this.decide(p),
  };

  /** An edit made in the seller's back office (drift): price/quantity go to the named SKU, the rest to its product. */
  edit(sellerSku: string, patch: RemoteEdit): void {
    const product = [...this.products.values()].find((p) => p.skus.some((s) => s.skuCode === sellerSku));
    const sku = product?.skus.find((s) => s.skuCode === sellerSku);
    if (!product || !sku) throw new Error(`No listing holds seller SKU ${sellerSku}`);
    if (patch.title !== undefined) product.title = patch.title;
    if (patch.images !== undefined) product.images = [...patch.images];
    if (patch.price !== undefined) sku.price = patch.price;
    if (patch.quantity !== undefined) {
      sku.inventory = patch.quantity;
      product.inventory = sum(product.skus);
    }
    if (patch.status !== undefined) {
      const next = statusesFor(patch.status);
      product.status = next.status;
      if (next.auditStatus) product.auditStatus = next.auditStatus;
      if (patch.status === "rejected") product.auditReason ??= "Rejected in the back office";
    }
    this.touch(product);
  }

  private editable(productId: string): SimProduct {
    this.autoReview();
    const product = this.products.get(Number(productId));
    if (!product || product.status === "deleted") throw notFound(productId);
    if (this.opts.lockWhileAuditing && product.auditStatus === "pending") {
      throw new BizFailure(
        "PUB_BIZCHECK_PRODUCT_NOT_EDITABLE",
        `Product ${productId} is under audit and cannot be edited now; try again after the audit`,
      );
    }
    return product;
  }

  private skuOf(product: SimProduct, skuId: string): SimSkuRecord {
    const sku = product.skus.find((s) => String(s.skuId) === skuId);
    if (!sku)
      throw new BizFailure("B_PRODUCT_PARAM_INVALID", `SKU ${skuId} does not belong to product ${product.productId}`);
    return sku;
  }

  private assertCodesFree(skus: SkuInput[], owner: SimProduct | undefined): void {
    for (const s of skus) {
      const other = [...this.products.values()].find(
        (p) => p !== owner && p.status !== "deleted" && p.skus.some((x) => x.skuCode === s.skuCode),
      );
      if (other) {
        throw new BizFailure(
          "B_PRODUCT_PARAM_INVALID",
          `sku_code ${s.skuCode} is already used by product ${other.productId}`,
        );
      }
    }
  }

  private decide(product: SimProduct): void {
    const reason = this.opts.reviewRule(product);
    product.auditStatus = reason ? "rejected" : "approved";
    if (reason) product.auditReason = reason;
    else delete product.auditReason;
    this.touch(product);
  }

  private resubmit(product: SimProduct): void {
    product.auditStatus = "pending";
    delete product.auditReason;
    product.submittedAt = this.opts.now();
  }

  private touch(product: SimProduct): void {
    product.updatedAt = Math.max(this.opts.now(), product.updatedAt + 1);
  }

  /** A SKU sent without sku_price sells at the SPU's first tier price. */
  private newSku(s: SkuInput, spuPrice: string | undefined): SimSkuRecord {
    return {
      skuId: this.nextSkuId++,
      skuCode: s.skuCode,
      price: s.price ?? spuPrice ?? "0",
      inventory: s.inventory ?? 0,
      saleAttributes: s.saleAttributes ?? [],
      ...(s.image ? { image: s.image } : {}),
    };
  }
}

function sum(skus: SimSkuRecord[]): number {
  return skus.reduce((total, s) => total + s.inventory, 0);
}
