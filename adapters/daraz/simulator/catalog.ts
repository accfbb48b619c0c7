import { type ReviewQueue, reviewAll, reviewDue } from "../../core/simulator/review.js";
import type { RemoteEdit } from "../../core/simulator/types.js";
import type { RemoteStatus } from "../../core/types.js";
import {
  type ContentRules,
  checkProduct,
  type PriceQuantityInput,
  type ProductInput,
  positiveDecimal,
  type SkuInput,
  wholeNonNegative,
} from "./payloadRules.js";
import { matchesFilter, type ProductFilter, rawStatusFor, type SimProduct, type SimSkuRecord } from "./products.js";
import { bizFailure, type IopDetail, IopFailure } from "./wire.js";

/** A listing put straight into the simulator (see DarazCatalog.seed). */
export interface SeedListing {
  title: string;
  images?: string[];
  primaryCategory?: string;
  /** Default "live". */
  status?: RemoteStatus;
  rejectReason?: string;
  skus: Array<{ sellerSku: string; price: string; quantity: number }>;
}

/** Decides QC for one product: a reject reason, or undefined to approve. */
export type ReviewRule = (product: SimProduct) => string | undefined;

export interface CatalogOptions {
  now: () => number;
  content: ContentRules;
  reviewRule: ReviewRule;
  /** Pending products pass QC on their own after this long (undefined: only advanceReview() moves them). */
  reviewDelayMs?: number;
  /** Extra checks on a create (existing undefined) or an update, after the payload checks (taxonomy, hosted images). */
  gate?: (input: ProductInput, existing: SimProduct | undefined) => void;
}

export interface ProductQuery {
  filter: ProductFilter;
  offset: number;
  limit: number;
  skuSellerList?: string[];
  updateAfter?: number;
  updateBefore?: number;
  createAfter?: number;
  createBefore?: number;
}

const CAMPAIGN_LOCK =
  "THD_IC_ERR_F_IC_ABILITY_PG_004:THD_IC_ERR_F_IC_ABILITY_PG_004/THD_IC_ERR_F_IC_ABILITY_PG_003 This product is under campaign participation and cannot be edited during campaign period";

/** The seller's products on the simulated Daraz: create/update/price/stock/deactivate/remove, queries and QC. */
export class DarazCatalog {
  private readonly products = new Map<number, SimProduct>();
  private readonly locked = new Set<string>();
  private nextItemId = 300_000_001;
  private nextSkuId = 900_000_001;
  /** Bumped on every change that can move a product in or out of a query; pages of one scan reuse the match list. */
  private revision = 0;
  private lastQuery: { key: string; revision: number; matching: SimProduct[] } | undefined;

  constructor(private readonly opts: CatalogOptions) {}

  reset(): void {
    this.revision += 1;
    this.products.clear();
    this.locked.clear();
    this.nextItemId = 300_000_001;
    this.nextSkuId = 900_000_001;
  }

  all(): SimProduct[] {
    this.autoReview();
    return [...this.products.values()].sort((a, b) => a.itemId - b.itemId);
  }

  create(input: ProductInput): Record<string, unknown> {
    checkProduct(input, "create", this.opts.content);
    this.opts.gate?.(input, undefined);
    const taken = input.skus.map((s) => s.sellerSku).filter((sku) => this.findSku(sku));
    if (taken.length > 0) {
      throw new IopFailure(
        "4135",
        `THD_IC_ERR_F_IC_INFRA_PRODUCT_036: Insert sku outer id relation failed, outerId already exists: ${taken.join(", ")}`,
        "ISV",
        taken.map((sku) => ({ field: "SellerSku", message: "SellerSku already exists", seller_sku: sku })),
      );
    }
    const now = this.opts.now();
    const itemId = this.nextItemId++;
    const product: SimProduct = {
      itemId,
      primaryCategory: input.primaryCategory ?? "",
      images: input.images ?? [],
      attributes: { ...input.attributes },
      skus: input.skus.map((s) => this.newSku(itemId, s)),
      status: "Pending QC",
      createdAt: now,
      updatedAt: now,
      submittedAt: now,
    };
    this.products.set(itemId, product);
    this.revision += 1;
    return {
      item_id: itemId,
      sku_list: product.skus.map((s) => ({ shop_sku: s.shopSku, seller_sku: s.sellerSku, sku_id: s.skuId })),
    };
  }

  update(input: ProductInput): void {
    checkProduct(input, "update", this.opts.content);
    const product = input.itemId
      ? this.products.get(Number(input.itemId))
      : input.skus.map((s) => this.findSku(s.sellerSku)?.product).find(Boolean);
    if (!product || product.status === "Deleted") {
      throw bizFailure([
        {
          code: "BIZ_CHECK_PRODUCT_NOT_EXIST",
          field: "ItemId",
          message: `Product ${input.itemId ?? "?"} does not exist`,
        },
      ]);
    }
    this.opts.gate?.(input, product);
    this.assertUnlocked(input.skus.map((s) => s.sellerSku));
    for (const s of input.skus) {
      const owner = this.findSku(s.sellerSku);
      if (owner && owner.product !== product) {
        throw new IopFailure("4135", `THD_IC_ERR_F_IC_INFRA_PRODUCT_036: outerId already exists: ${s.sellerSku}`);
      }
    }
    Object.assign(product.attributes, input.attributes);
    if (input.primaryCategory) product.primaryCategory = input.primaryCategory;
    if (input.images) product.images = input.images;
    for (const s of input.skus) {
      const current = product.skus.find((x) => x.sellerSku === s.sellerSku);
      if (!current) {
        product.skus.push(this.newSku(product.itemId, s));
        continue;
      }
      if (s.price !== undefined) current.price = String(s.price);
      if (s.specialPrice !== undefined && s.specialPrice !== "") current.specialPrice = String(s.specialPrice);
      if (s.quantity !== undefined) current.quantity = Number(s.quantity);
      if (s.saleProp) current.saleProp = s.saleProp;
      if (s.images) current.images = s.images;
      if (s.packageContent !== undefined) current.packageContent = s.packageContent;
      for (const [key, field] of PACKAGE_FIELDS) {
        const value = s.package[key];
        if (value !== undefined) current[field] = String(value);
      }
    }
    this.touch(product);
    if (product.status === "Rejected") this.resubmit(product);
  }

  /** All-or-nothing, as Daraz answers: any bad SKU rejects the call and names every bad SKU in detail. */
  priceQuantity(items: PriceQuantityInput[]): void {
    const problems: Array<IopDetail & { code: string }> = [];
    const targets: Array<{ item: PriceQuantityInput; product: SimProduct; sku: SimSkuRecord }> = [];
    for (const item of items) {
      const label = item.sellerSku ?? item.skuId ?? "?";
      const found = item.skuId
        ? this.findSkuId(Number(item.skuId))
        : item.sellerSku
          ? this.findSku(item.sellerSku)
          : undefined;
      if (!found) {
        problems.push({
          code: "BIZ_CHECK_SKU_NOT_FOUND",
          field: "SellerSku",
          message: "SKU does not exist",
          seller_sku: label,
        });
        continue;
      }
      const sellerSku = found.sku.sellerSku;
      if (item.quantity !== undefined && !wholeNonNegative(item.quantity)) {
        problems.push({
          code: "BIZ_CHECK_QUANTITY_INVALID",
          field: "Quantity",
          message: `Quantity must be >= 0, got ${String(item.quantity)}`,
          seller_sku: sellerSku,
        });
      }
      if (item.price !== undefined && !positiveDecimal(item.price)) {
        problems.push({
          code: "BIZ_CHECK_PRICE_INVALID",
          field: "Price",
          message: `Price must be > 0, got ${String(item.price)}`,
          seller_sku: sellerSku,
        });
      }
      if (item.salePrice !== undefined && item.salePrice !== "" && !positiveDecimal(item.salePrice)) {
        problems.push({
          code: "BIZ_CHECK_PRICE_INVALID",
          field: "SalePrice",
          message: "SalePrice must be > 0",
          seller_sku: sellerSku,
        });
      }
      if (this.locked.has(sellerSku)) {
        throw new IopFailure("501", CAMPAIGN_LOCK, "ISV", [
          { message: "Sku edit was blocked by tag", seller_sku: sellerSku },
        ]);
      }
      targets.push({ item, ...found });
    }
    if (problems.length > 0) throw bizFailure(problems);
    for (const { item, product, sku } of targets) {
      if (item.price !== undefined) {
        const before = Number(sku.price);
        const after = Number(item.price);
        sku.price = String(item.price);
        // A price change of 80% or more sends the product back to QC.
        if (before > 0 && Math.abs(after - before) / before >= 0.8 && product.status === "Active")
          this.resubmit(product);
      }
      if (item.salePrice !== undefined && item.salePrice !== "") sku.specialPrice = String(item.salePrice);
      if (item.quantity !== undefined) sku.quantity = Number(item.quantity);
      this.touch(product);
    }
  }

  deactivate(sellerSkus: string[]): void {
    for (const { product, sku } of this.resolveAll(sellerSkus)) {
      sku.status = "inactive";
      if (product.skus.every((s) => s.status === "inactive")) product.status = "InActive";
      this.touch(product);
    }
  }

  remove(sellerSkus: string[]): void {
    for (const { product, sku } of this.resolveAll(sellerSkus)) {
      product.skus = product.skus.filter((s) => s !== sku);
      if (product.skus.length === 0) product.status = "Deleted";
      this.touch(product);
    }
  }

  query(q: ProductQuery): { total: number; products: SimProduct[] } {
    this.autoReview();
    const { offset: _offset, limit: _limit, ...filters } = q;
    const key = JSON.stringify(filters);
    if (this.lastQuery?.key === key && this.lastQuery.revision === this.revision) {
      const { matching } = this.lastQuery;
      return { total: matching.length, products: matching.slice(q.offset, q.offset + q.limit) };
    }
    const wanted = q.skuSellerList ? new Set(q.skuSellerList) : undefined;
    const matching = this.all().filter(
      (p) =>
        matchesFilter(p, q.filter) &&
        (!wanted || p.skus.some((s) => wanted.has(s.sellerSku))) &&
        (q.updateAfter === undefined || p.updatedAt > q.updateAfter) &&
        (q.updateBefore === undefined || p.updatedAt < q.updateBefore) &&
        (q.createAfter === undefined || p.createdAt > q.createAfter) &&
        (q.createBefore === undefined || p.createdAt < q.createBefore),
    );
    this.lastQuery = { key, revision: this.revision, matching };
    return { total: matching.length, products: matching.slice(q.offset, q.offset + q.limit) };
  }

  get(by: { itemId?: number; sellerSku?: string }): SimProduct | undefined {
    this.autoReview();
    const product =
      by.itemId !== undefined
        ? this.products.get(by.itemId)
        : by.sellerSku
          ? this.findSku(by.sellerSku)?.product
          : undefined;
    return product && product.status !== "Deleted" ? product : undefined;
  }

  advanceReview(): number {
    return reviewAll(this.review);
  }

  autoReview(): void {
    reviewDue(this.review, this.opts.reviewDelayMs, this.opts.now);
  }

  private readonly review: ReviewQueue<SimProduct> = {
    items: () => this.products.values(),
    isPending: (p) => p.status === "Pending QC",
    submittedAt: (p) => p.submittedAt,
    decide: (p) => this.decide(p),
  };

  edit(sellerSku: string, patch: RemoteEdit): void {
    const found = this.findSku(sellerSku, true);
    if (!found) throw new Error(`No listing holds seller SKU ${sellerSku}`);
    const { product, sku } = found;
    if (patch.title !== undefined) product.attributes.name = patch.title;
    if (patch.images !== undefined) product.images = [...patch.images];
    if (patch.price !== undefined) sku.price = patch.price;
    if (patch.quantity !== undefined) sku.quantity = patch.quantity;
    if (patch.status !== undefined) product.status = rawStatusFor(patch.status);
    this.touch(product);
  }

  /**
   * Puts listings straight into the store, as if created and reviewed long ago: no payload checks, no QC, no call
   * counted. For benchmarks and tests that need many listings fast; seller SKUs must be new.
   */
  seed(listings: SeedListing[]): string[] {
    const taken = new Set<string>();
    for (const product of this.products.values()) {
      if (product.status !== "Deleted") for (const s of product.skus) taken.add(s.sellerSku);
    }
    const now = this.opts.now();
    this.revision += 1;
    return listings.map((l) => {
      for (const s of l.skus) {
        if (taken.has(s.sellerSku)) throw new Error(`seller SKU ${s.sellerSku} is already listed`);
        taken.add(s.sellerSku);
      }
      const itemId = this.nextItemId++;
      const status = rawStatusFor(l.status ?? "live");
      this.products.set(itemId, {
        itemId,
        primaryCategory: l.primaryCategory ?? "",
        images: [...(l.images ?? [])],
        attributes: { name: l.title },
        skus: l.skus.map((s) =>
          this.newSku(itemId, { sellerSku: s.sellerSku, price: s.price, quantity: s.quantity, package: {} }),
        ),
        status,
        ...(status === "Rejected" ? { rejectReason: l.rejectReason ?? "Rejected in QC" } : {}),
        createdAt: now,
        updatedAt: now,
        submittedAt: now,
      });
      return String(itemId);
    });
  }

  lock(sellerSkus: string[], locked: boolean): void {
    for (const sku of sellerSkus) {
      if (locked) this.locked.add(sku);
      else this.locked.delete(sku);
    }
  }

  private assertUnlocked(sellerSkus: string[]): void {
    const sku = sellerSkus.find((s) => this.locked.has(s));
    if (sku)
      throw new IopFailure("501", CAMPAIGN_LOCK, "ISV", [{ message: "Sku edit was blocked by tag", seller_sku: sku }]);
  }

  private resolveAll(sellerSkus: string[]): Array<{ product: SimProduct; sku: SimSkuRecord }> {
    const found = sellerSkus.map((sellerSku) => ({ sellerSku, hit: this.findSku(sellerSku) }));
    const missing = found.filter((f) => !f.hit);
    if (missing.length > 0) {
      throw bizFailure(
        missing.map((m) => ({
          code: "BIZ_CHECK_SKU_NOT_FOUND",
          field: "seller_sku_list",
          message: "SKU does not exist",
          seller_sku: m.sellerSku,
        })),
      );
    }
    return found.flatMap((f) => (f.hit ? [f.hit] : []));
  }

  private decide(product: SimProduct): void {
    const reason = this.opts.reviewRule(product);
    product.status = reason ? "Rejected" : "Active";
    if (reason) product.rejectReason = reason;
    else delete product.rejectReason;
    this.touch(product);
  }

  private resubmit(product: SimProduct): void {
    this.revision += 1;
    product.status = "Pending QC";
    delete product.rejectReason;
    product.submittedAt = this.opts.now();
  }

  private touch(product: SimProduct): void {
    this.revision += 1;
    product.updatedAt = Math.max(this.opts.now(), product.updatedAt + 1);
  }

  private newSku(itemId: number, s: SkuInput): SimSkuRecord {
    const skuId = this.nextSkuId++;
    return {
      skuId,
      sellerSku: s.sellerSku,
      shopSku: `${itemId}_PK-${skuId}`,
      price: String(s.price),
      ...(s.specialPrice !== undefined && s.specialPrice !== "" ? { specialPrice: String(s.specialPrice) } : {}),
      quantity: Number(s.quantity ?? 0),
      status: "active",
      packageLength: String(s.package.length ?? ""),
      packageWidth: String(s.package.width ?? ""),
      packageHeight: String(s.package.height ?? ""),
      packageWeight: String(s.package.weight ?? ""),
      ...(s.packageContent !== undefined ? { packageContent: s.packageContent } : {}),
      saleProp: s.saleProp ?? {},
      images: s.images ?? [],
    };
  }

  private findSku(sellerSku: string, includeDeleted = false): { product: SimProduct; sku: SimSkuRecord } | undefined {
    for (const product of this.products.values()) {
      if (!includeDeleted && product.status === "Deleted") continue;
      const sku = product.skus.find((s) => s.sellerSku === sellerSku);
      if (sku) return { product, sku };
    }
    return undefined;
  }

  private findSkuId(skuId: number): { product: SimProduct; sku: SimSkuRecord } | undefined {
    for (const product of this.products.values()) {
      if (product.status === "Deleted") continue;
      const sku = product.skus.find((s) => s.skuId === skuId);
      if (sku) return { product, sku };
    }
    return undefined;
  }
}

const PACKAGE_FIELDS = [
  ["length", "packageLength"],
  ["width", "packageWidth"],
  ["height", "packageHeight"],
  ["weight", "packageWeight"],
] as const;
