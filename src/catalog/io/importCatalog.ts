import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { z } from "zod";
import type { Db } from "../../db.js";
import { productInput } from "../productInput.js";
import { normalizeInput, type ProductSnapshot } from "../productSnapshot.js";
import { applyBatch, loadReferenceIds } from "./applyBatch.js";
import { ImportFileError, type ImportIssue } from "./issues.js";
import { RejectWriter } from "./rejects.js";
import { detectFormat, type ImportFormat, openSource, type SourceItem } from "./sources.js";

export interface ImportOptions {
  exporterId: string;
  file: string;
  /** Defaults to the file extension: .json, .ndjson/.jsonl, anything else is CSV. */
  format?: ImportFormat;
  /** Apply the valid products and write the rejected ones to rejectsFile, instead of all or nothing. */
  applyValid?: boolean;
  /** Where apply-valid writes rejected rows/elements; defaults to <file>.rejects.<ext>. */
  rejectsFile?: string;
  /** Products per transaction. */
  batchSize?: number;
  /** Batches applied at the same time, each in its own transaction and connection (default 2). */
  concurrency?: number;
  /** How many issues the result carries (the count is always exact; the reject file always has all). */
  maxIssues?: number;
  onProgress?: (progress: { phase: "validate" | "apply"; rows: number; products: number }) => void;
}

export type ImportStatus =
  /** Every product was valid and is now in the catalog. */
  | "imported"
  /** All or nothing: some rows were bad, so nothing was written. */
  | "rejected"
  /**
   * Apply-valid: the valid products were applied, the bad ones written to the reject file. Also the outcome when the
   * database refuses a product that passed validation (a concurrent change between the passes): the others are kept.
   */
  | "imported-with-rejects";

export interface ImportResult {
  status: ImportStatus;
  file: string;
  format: ImportFormat;
  mode: "all-or-nothing" | "apply-valid";
  /** CSV data rows (one per variant) or JSON elements. */
  rows: number;
  products: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Products rejected (a product with one bad row is rejected as a whole) and the rows they span. */
  rejected: number;
  rejectedRows: number;
  issueCount: number;
  issues: ImportIssue[];
  rejectsFile?: string;
  elapsedMs: number;
  validateMs: number;
  applyMs: number;
}

interface Seen {
  ordinal: number;
  line: number;
  sku: string;
  rows: number;
}

/** A rejected product: its issues and how many rows it spans. */
interface Rejected {
  issues: ImportIssue[];
  rows: number;
}

const DEFAULT_BATCH = 250;

/**
 * Imports a catalog file in two streaming passes. Pass 1 validates every product (schema, then cross-row checks:
 * repeated or non-consecutive products, seller SKUs used twice in the file or by another product in the catalog,
 * unknown categories and warehouses) and keeps only compact per-SKU state. If anything is wrong and applyValid is
 * off, nothing is written. Pass 2 reads the file again and upserts products in batches of batchSize per
 * transaction; unchanged products write nothing and emit no outbox event.
 */
export async function importCatalog(db: Db, opts: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const format = opts.format ?? detectFormat(opts.file);
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const maxIssues = opts.maxIssues ?? 1000;
  const result: ImportResult = {
    status: "imported",
    file: opts.file,
    format,
    mode: opts.applyValid ? "apply-valid" : "all-or-nothing",
    rows: 0,
    products: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejectedRows: 0,
    issueCount: 0,
    issues: [],
    elapsedMs: 0,
    validateMs: 0,
    applyMs: 0,
  };
  const record = (issues: ImportIssue[]) => {
    result.issueCount += issues.length;
    for (const i of issues) if (result.issues.length < maxIssues) result.issues.push(i);
  };
  const finish = () => {
    result.elapsedMs = Math.round(performance.now() - started);
    return result;
  };

  if (opts.rejectsFile && resolve(opts.rejectsFile) === resolve(opts.file)) {
    throw new Error("the reject file must not be the file being imported");
  }
  const before = await stat(opts.file);
  let rejected: Map<number, Rejected>;
  try {
    rejected = await validate(db, opts, format, batchSize, result, record);
  } catch (err) {
    if (err instanceof ImportFileError) {
      record(err.issues);
      result.status = "rejected";
      result.validateMs = Math.round(performance.now() - started);
      return finish();
    }
    throw err;
  }
  result.validateMs = Math.round(performance.now() - started);
  result.rejected = rejected.size;
  for (const r of rejected.values()) result.rejectedRows += r.rows;
  if (rejected.size > 0 && !opts.applyValid) {
    result.status = "rejected";
    return finish();
  }

  const after = await stat(opts.file);
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
    throw new Error(`${opts.file} changed while it was being imported; nothing was written, run the import again`);
  }
  const applyStarted = performance.now();
  await apply(db, opts, format, batchSize, rejected, result, record);
  result.applyMs = Math.round(performance.now() - applyStarted);
  if (result.rejected > 0) result.status = "imported-with-rejects";
  return finish();
}

function parseItem(
  file: string,
  item: SourceItem,
): {
  snapshot?: ProductSnapshot;
  parsed?: z.infer<typeof productInput>;
  issues: ImportIssue[];
} {
  const issues = [...item.issues];
  if (item.raw === undefined) return { issues };
  const parsed = productInput.safeParse(item.raw);
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const missing = zi.code === "invalid_type" && /received undefined/.test(zi.message);
      issues.push({
        file,
        ...item.locate(zi.path),
        sku: item.sku || undefined,
        message: missing ? "is required" : zi.message,
      });
    }
    return { issues };
  }
  if (issues.length > 0) return { parsed: parsed.data, issues };
  return { snapshot: normalizeInput(parsed.data), parsed: parsed.data, issues };
}

/** The variants' seller SKUs of a raw product, whatever else is wrong with it. */
function sellerSkusOf(raw: unknown): string[] {
  const variants = raw && typeof raw === "object" ? (raw as { variants?: unknown }).variants : undefined;
  if (!Array.isArray(variants)) return [];
  return variants.map((v) => {
    const s = v && typeof v === "object" ? (v as { sellerSku?: unknown }).sellerSku : undefined;
    return typeof s === "string" ? s.trim() : "";
  });
}

/** Pass 1: returns the rejected products (by ordinal) with their issues. */
async function validate(
  db: Db,
  opts: ImportOptions,
  format: ImportFormat,
  batchSize: number,
  result: ImportResult,
  record: (issues: ImportIssue[]) => void,
): Promise<Map<number, Rejected>> {
  const file = opts.file;
  const source = openSource(file, format);
  const [categories, warehouses] = await Promise.all([
    db.category.findMany({ select: { code: true } }).then((rows) => new Set(rows.map((r) => r.code))),
    db.warehouse.findMany({ select: { code: true } }).then((rows) => new Set(rows.map((r) => r.code))),
  ]);
  const rejected = new Map<number, Rejected>();
  const reject = (ordinal: number, rows: number, issues: ImportIssue[]) => {
    if (issues.length === 0) return;
    const entry = rejected.get(ordinal);
    if (entry) entry.issues.push(...issues);
    else rejected.set(ordinal, { issues: [...issues], rows });
    record(issues);
  };
  // The only state that grows with the file, kept compact (about 60-80 bytes per row): product SKU -> ordinal,
  // seller SKU -> its line and variant index packed in one number, and per product its first line, row count and
  // SKU in plain arrays (first lines increase, so a line finds its product by binary search).
  const seenProducts = new Map<string, number>();
  const seenVariants = new Map<string, number>();
  const startLines: number[] = [];
  const rowCounts: number[] = [];
  const skus: string[] = [];
  const seen = (ordinal: number): Seen => ({
    ordinal,
    line: startLines[ordinal]!,
    sku: skus[ordinal]!,
    rows: rowCounts[ordinal]!,
  });
  const ordinalAt = (line: number): number => {
    let lo = 0;
    let hi = startLines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (startLines[mid]! <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // CSV: the variant's own line (rows start on increasing lines); JSON: the element's ordinal (many may share a line).
  const VARIANTS = 1024;
  const unpack = (packed: number): Seen & { index: number } => {
    const key = Math.floor(packed / VARIANTS);
    const index = packed % VARIANTS;
    return isCsv ? { ...seen(ordinalAt(key)), line: key, index } : { ...seen(key), index };
  };
  const isCsv = format === "csv";
  let pending: { item: SourceItem; sellerSkus: string[] }[] = [];

  const checkCatalogOwners = async () => {
    const batch = pending;
    pending = [];
    const skus = batch.flatMap((b) => b.sellerSkus);
    if (skus.length === 0) return;
    // unnest + join: one index lookup per SKU whatever the table statistics (see loadSnapshots).
    const owners = await db.$queryRawUnsafe<{ seller_sku: string; sku: string }[]>(
      `SELECT v.seller_sku, p.sku
       FROM unnest($2::text[]) AS wanted(seller_sku)
       JOIN variant v ON v.exporter_id = $1 AND v.seller_sku = wanted.seller_sku
       JOIN product p ON p.id = v.product_id`,
      opts.exporterId,
      skus,
    );
    const ownerOf = new Map(owners.map((o) => [o.seller_sku, o.sku]));
    for (const { item, sellerSkus } of batch) {
      const issues: ImportIssue[] = [];
      sellerSkus.forEach((s, i) => {
        const owner = ownerOf.get(s);
        if (owner !== undefined && owner !== item.sku) {
          issues.push({
            file,
            ...item.locate(["variants", i, "sellerSku"]),
            sku: item.sku,
            message: `seller SKU ${s} already belongs to product ${owner} in the catalog; a variant cannot move to another product in an import (remove it from ${owner} first)`,
          });
        }
      });
      reject(item.ordinal, item.rowCount, issues);
    }
  };

  for await (const item of source.items()) {
    result.rows += item.rowCount;
    result.products++;
    startLines.push(item.line);
    rowCounts.push(item.rowCount);
    skus.push(item.sku);
    const { parsed, snapshot, issues } = parseItem(opts.file, item);
    const where = (o: Seen) => (isCsv ? `line ${o.line}` : `element ${o.ordinal} (line ${o.line})`);

    if (item.sku) {
      const prevOrdinal = seenProducts.get(item.sku);
      const prev = prevOrdinal === undefined ? undefined : seen(prevOrdinal);
      if (prev) {
        issues.push({
          file,
          ...item.locate(["sku"]),
          sku: item.sku,
          message: isCsv
            ? `rows of product ${item.sku} are not consecutive: it already started at line ${prev.line}; keep all rows of a product together`
            : `product ${item.sku} appears twice (also ${where(prev)})`,
        });
        reject(prev.ordinal, prev.rows, [
          {
            file,
            line: prev.line,
            ...(isCsv ? {} : { element: prev.ordinal }),
            sku: item.sku,
            message: isCsv
              ? `rows of product ${item.sku} continue at line ${item.line}; keep all rows of a product together`
              : `product ${item.sku} appears twice (also ${where({ ordinal: item.ordinal, line: item.line, sku: item.sku, rows: item.rowCount })})`,
          },
        ]);
      } else {
        seenProducts.set(item.sku, item.ordinal);
      }
    }

    if (parsed) {
      if (parsed.category && !categories.has(parsed.category.trim())) {
        issues.push({
          file,
          ...item.locate(["category"]),
          sku: item.sku,
          message: `unknown category code "${parsed.category}"`,
        });
      }
      parsed.variants.forEach((v, i) => {
        v.stock.forEach((s, k) => {
          if (!warehouses.has(s.warehouse)) {
            issues.push({
              file,
              ...item.locate(["variants", i, "stock", k, "warehouse"]),
              sku: item.sku,
              message: `unknown warehouse ${s.warehouse}`,
            });
          }
        });
      });
    }
    // Seller SKUs are registered even when the product has other errors, so a clash is reported in one run.
    sellerSkusOf(item.raw).forEach((sellerSku, i) => {
      if (!sellerSku) return;
      const location = item.locate(["variants", i, "sellerSku"]);
      const packed = seenVariants.get(sellerSku);
      const prev = packed === undefined ? undefined : unpack(packed);
      if (!prev) {
        seenVariants.set(sellerSku, (isCsv ? location.line : item.ordinal) * VARIANTS + Math.min(i, VARIANTS - 1));
      } else if (prev.ordinal !== item.ordinal) {
        issues.push({
          file,
          ...location,
          sku: item.sku,
          message: `seller SKU ${sellerSku} is also used by product ${prev.sku || "(no sku)"} (${where(prev)})`,
        });
        reject(prev.ordinal, prev.rows, [
          {
            file,
            ...(isCsv
              ? { ...item.locate(["variants", 0, "sellerSku"]), line: prev.line }
              : { line: prev.line, element: prev.ordinal, path: `variants.${prev.index}.sellerSku` }),
            sku: prev.sku,
            message: `seller SKU ${sellerSku} is also used by product ${item.sku || "(no sku)"} (${where({ ordinal: item.ordinal, line: location.line, sku: item.sku, rows: item.rowCount })})`,
          },
        ]);
      }
    });
    reject(item.ordinal, item.rowCount, issues);
    if (snapshot && issues.length === 0) {
      pending.push({ item, sellerSkus: snapshot.variants.map((v) => v.sellerSku) });
      if (pending.length >= batchSize) await checkCatalogOwners();
    }
    if (opts.onProgress && result.products % 1000 === 0) {
      opts.onProgress({ phase: "validate", rows: result.rows, products: result.products });
    }
  }
  await checkCatalogOwners();
  return rejected;
}

/** Pass 2: applies the valid products in batches and writes the rejected ones to the reject file. */
async function apply(
  db: Db,
  opts: ImportOptions,
  format: ImportFormat,
  batchSize: number,
  rejected: Map<number, Rejected>,
  result: ImportResult,
  record: (issues: ImportIssue[]) => void,
): Promise<void> {
  const source = openSource(opts.file, format);
  const refs = await loadReferenceIds(db);
  const rejects = rejected.size > 0 ? new RejectWriter(opts.file, format, opts.rejectsFile) : null;
  if (rejects) result.rejectsFile = rejects.path;
  let batch: { snapshot: ProductSnapshot; item: SourceItem }[] = [];
  const inflight = new Set<Promise<void>>();
  const concurrency = Math.max(1, opts.concurrency ?? 2);
  let rows = 0;
  let products = 0;

  // Up to `concurrency` batches are in their transactions (one connection each) while the next one is parsed: the
  // parser and the database overlap. Batches hold distinct products (pass 1 rejected duplicates), so they never
  // wait on each other's rows.
  const flush = async () => {
    const current = batch;
    batch = [];
    while (inflight.size >= concurrency) await Promise.race(inflight);
    if (current.length === 0) return;
    const run = applyBatch(
      db,
      opts.exporterId,
      current.map((b) => b.snapshot),
      refs,
    ).then(async (outcome) => {
      result.created += outcome.created;
      result.updated += outcome.updated;
      result.unchanged += outcome.unchanged;
      for (const failure of outcome.failed) {
        // Validation passed, but the database refused it (a concurrent change since pass 1).
        const entry = current.find((b) => b.snapshot.sku === failure.sku)!;
        const issue: ImportIssue = {
          file: opts.file,
          line: entry.item.line,
          ...(format === "csv" ? {} : { element: entry.item.ordinal }),
          sku: failure.sku,
          message: `refused by the database: ${failure.message}`,
        };
        record([issue]);
        result.rejected++;
        result.rejectedRows += entry.item.rowCount;
        if (!opts.applyValid) continue;
        const writer = rejects ?? lateRejects();
        await writer.write(entry.item, [issue], source.header);
      }
    });
    const tracked = run.finally(() => inflight.delete(tracked));
    // A failure is raised by the Promise.all below (or the race above); this only keeps it from going unhandled.
    tracked.catch(() => undefined);
    inflight.add(tracked);
  };
  let late = null as RejectWriter | null;
  const lateRejects = () => {
    late ??= new RejectWriter(opts.file, format, opts.rejectsFile);
    result.rejectsFile = late.path;
    return late;
  };

  try {
    for await (const item of source.items()) {
      rows += item.rowCount;
      products++;
      const bad = rejected.get(item.ordinal);
      if (bad) {
        await rejects!.write(item, bad.issues, source.header);
        continue;
      }
      const { snapshot } = parseItem(opts.file, item);
      if (!snapshot) throw new Error(`${opts.file} changed while it was being imported (product ${item.ordinal + 1})`);
      batch.push({ snapshot, item });
      if (batch.length >= batchSize) await flush();
      if (opts.onProgress && products % 1000 === 0) opts.onProgress({ phase: "apply", rows, products });
    }
    await flush();
    await Promise.all(inflight);
  } finally {
    // On an error, let the other batches in flight settle (commit or roll back) before returning.
    await Promise.allSettled(inflight);
    await rejects?.close();
    await late?.close();
  }
  if (rows !== result.rows) throw new Error(`${opts.file} changed while it was being imported (row count differs)`);
  if (result.updated + result.created + result.unchanged + result.rejected !== result.products) {
    // A failure in the database path was counted in `rejected`; anything else would be a bug.
    throw new Error("import bookkeeping mismatch");
  }
}
