import { stat } from "node:fs/promises";
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

  const before = await stat(opts.file);
  let rejected: Map<number, ImportIssue[]>;
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
  if (rejected.size > 0 && !opts.applyValid) {
    result.status = "rejected";
    result.rejectedRows = result.rows;
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

function parseItem(item: SourceItem): {
  snapshot?: ProductSnapshot;
  parsed?: z.infer<typeof productInput>;
  issues: ImportIssue[];
} {
  const issues = [...item.issues];
  if (item.raw === undefined) return { issues };
  const parsed = productInput.safeParse(item.raw);
  if (!parsed.success) {
    const file = issues[0]?.file ?? "";
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

/** Pass 1: returns the rejected products (by ordinal) with their issues. */
async function validate(
  db: Db,
  opts: ImportOptions,
  format: ImportFormat,
  batchSize: number,
  result: ImportResult,
  record: (issues: ImportIssue[]) => void,
): Promise<Map<number, ImportIssue[]>> {
  const file = opts.file;
  const source = openSource(file, format);
  const [categories, warehouses] = await Promise.all([
    db.category.findMany({ select: { code: true } }).then((rows) => new Set(rows.map((r) => r.code))),
    db.warehouse.findMany({ select: { code: true } }).then((rows) => new Set(rows.map((r) => r.code))),
  ]);
  const rejected = new Map<number, ImportIssue[]>();
  const reject = (ordinal: number, issues: ImportIssue[]) => {
    if (issues.length === 0) return;
    const list = rejected.get(ordinal);
    if (list) list.push(...issues);
    else rejected.set(ordinal, [...issues]);
    record(issues);
  };
  // The only state that grows with the file: one small entry per product SKU and per seller SKU.
  const seenProducts = new Map<string, Seen>();
  const seenVariants = new Map<string, Seen & { location: Omit<ImportIssue, "file" | "message" | "sku"> }>();
  const isCsv = format === "csv";
  let pending: { item: SourceItem; sellerSkus: string[] }[] = [];

  const checkCatalogOwners = async () => {
    const batch = pending;
    pending = [];
    const skus = batch.flatMap((b) => b.sellerSkus);
    if (skus.length === 0) return;
    const owners = await db.variant.findMany({
      where: { exporterId: opts.exporterId, sellerSku: { in: skus } },
      select: { sellerSku: true, product: { select: { sku: true } } },
    });
    const ownerOf = new Map(owners.map((o) => [o.sellerSku, o.product.sku]));
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
      reject(item.ordinal, issues);
    }
  };

  for await (const item of source.items()) {
    result.rows += item.rowCount;
    result.products++;
    const { parsed, snapshot, issues } = parseItem(item);
    const where = (o: Seen) => (isCsv ? `line ${o.line}` : `element ${o.ordinal} (line ${o.line})`);

    if (item.sku) {
      const prev = seenProducts.get(item.sku);
      if (prev) {
        issues.push({
          file,
          ...item.locate(["sku"]),
          sku: item.sku,
          message: isCsv
            ? `rows of product ${item.sku} are not consecutive: it already started at line ${prev.line}; keep all rows of a product together`
            : `product ${item.sku} appears twice (also ${where(prev)})`,
        });
        reject(prev.ordinal, [
          {
            file,
            line: prev.line,
            ...(isCsv ? {} : { element: prev.ordinal }),
            sku: item.sku,
            message: isCsv
              ? `rows of product ${item.sku} continue at line ${item.line}; keep all rows of a product together`
              : `product ${item.sku} appears twice (also ${where({ ordinal: item.ordinal, line: item.line, sku: item.sku })})`,
          },
        ]);
      } else {
        seenProducts.set(item.sku, { ordinal: item.ordinal, line: item.line, sku: item.sku });
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
        const location = item.locate(["variants", i, "sellerSku"]);
        const prev = seenVariants.get(v.sellerSku);
        if (prev && prev.ordinal !== item.ordinal) {
          issues.push({
            file,
            ...location,
            sku: item.sku,
            message: `seller SKU ${v.sellerSku} is also used by product ${prev.sku} (${where(prev)})`,
          });
          reject(prev.ordinal, [
            {
              file,
              ...prev.location,
              sku: prev.sku,
              message: `seller SKU ${v.sellerSku} is also used by product ${item.sku} (${where({ ordinal: item.ordinal, line: location.line, sku: item.sku })})`,
            },
          ]);
        } else if (!prev) {
          seenVariants.set(v.sellerSku, { ordinal: item.ordinal, line: location.line, sku: item.sku, location });
        }
      });
    }
    reject(item.ordinal, issues);
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
  rejected: Map<number, ImportIssue[]>,
  result: ImportResult,
  record: (issues: ImportIssue[]) => void,
): Promise<void> {
  const source = openSource(opts.file, format);
  const refs = await loadReferenceIds(db);
  const rejects = rejected.size > 0 ? new RejectWriter(opts.file, format, opts.rejectsFile) : null;
  if (rejects) result.rejectsFile = rejects.path;
  let batch: { snapshot: ProductSnapshot; item: SourceItem }[] = [];
  let inflight: Promise<void> | null = null;
  let rows = 0;
  let products = 0;

  // While one batch is in its transaction, the next one is parsed: the database and the parser overlap.
  const flush = async () => {
    const current = batch;
    batch = [];
    if (inflight) await inflight;
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
    run.catch(() => undefined);
    inflight = run;
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
      const issues = rejected.get(item.ordinal);
      if (issues) {
        result.rejectedRows += item.rowCount;
        await rejects!.write(item, issues, source.header);
        continue;
      }
      const { snapshot } = parseItem(item);
      if (!snapshot) throw new Error(`${opts.file} changed while it was being imported (product ${item.ordinal + 1})`);
      batch.push({ snapshot, item });
      if (batch.length >= batchSize) await flush();
      if (opts.onProgress && products % 1000 === 0) opts.onProgress({ phase: "apply", rows, products });
    }
    await flush();
    if (inflight) await inflight;
  } finally {
    await rejects?.close();
    await late?.close();
  }
  if (rows !== result.rows) throw new Error(`${opts.file} changed while it was being imported (row count differs)`);
  if (result.updated + result.created + result.unchanged + result.rejected !== result.products) {
    // A failure in the database path was counted in `rejected`; anything else would be a bug.
    throw new Error("import bookkeeping mismatch");
  }
}
