import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { stringify } from "csv-stringify/sync";
import type { Db } from "../../db.js";
import { Prisma } from "../../generated/prisma/client.js";
import { productInclude } from "../catalogProduct.js";
import { snapshotOf } from "../productSnapshot.js";
import { type AttributeType, type CsvHeader, type CsvLayout, layoutHeader, parseHeader } from "./csvColumns.js";
import { productToCsvRows } from "./csvProduct.js";
import { detectFormat, type ImportFormat } from "./sources.js";

export interface ExportOptions {
  exporterId: string;
  /** Output file path. */
  out: string;
  /** Defaults to the file extension (.json, .ndjson/.jsonl, else CSV). */
  format?: ImportFormat;
  /** Deactivated (withdrawn) products are left out unless this is set. */
  includeInactive?: boolean;
  /** Start the CSV with a UTF-8 byte order mark, which Excel needs to show Urdu or Chinese text correctly. */
  bom?: boolean;
  pageSize?: number;
}

export interface ExportResult {
  file: string;
  format: ImportFormat;
  products: number;
  /** CSV rows (one per variant) or JSON elements. */
  rows: number;
  /** Values the format cannot carry (only: empty attribute values in CSV). */
  warnings: string[];
  elapsedMs: number;
}

type Tx = Prisma.TransactionClient;

/**
 * Writes the exporter's catalog in a form importCatalog reads back to the same snapshots. Runs in one REPEATABLE READ
 * read-only transaction, so the CSV header (computed first) and the rows see the same catalog; pages through products
 * by SKU so memory stays flat.
 */
export async function exportCatalog(db: Db, opts: ExportOptions): Promise<ExportResult> {
  const started = performance.now();
  const format = opts.format ?? detectFormat(opts.out);
  const pageSize = opts.pageSize ?? 250;
  const result: ExportResult = { file: opts.out, format, products: 0, rows: 0, warnings: [], elapsedMs: 0 };
  const out = createWriteStream(opts.out, { encoding: "utf8" });
  const put = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, "drain");
  };
  try {
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe("SET TRANSACTION READ ONLY");
        let header: CsvHeader | undefined;
        if (format === "csv") {
          const layout = await catalogLayout(tx, opts.exporterId, opts.includeInactive ?? false);
          header = parseHeader(opts.out, layoutHeader(layout));
          await put(`${opts.bom ? "\uFEFF" : ""}${stringify([header.cells])}`);
        } else if (format === "json") {
          await put("[");
        }
        let last: string | undefined;
        for (;;) {
          const rows = await tx.product.findMany({
            where: {
              exporterId: opts.exporterId,
              ...(opts.includeInactive ? {} : { active: true }),
              ...(last !== undefined ? { sku: { gt: last } } : {}),
            },
            orderBy: { sku: "asc" },
            take: pageSize,
            include: productInclude,
          });
          if (rows.length === 0) break;
          last = rows[rows.length - 1]!.sku;
          let chunk = "";
          for (const row of rows) {
            const snapshot = snapshotOf(row);
            if (header) {
              const csvRows = productToCsvRows(snapshot, header, result.warnings);
              chunk += stringify(csvRows);
              result.rows += csvRows.length;
            } else {
              const text = JSON.stringify(snapshot);
              chunk += format === "json" ? `${result.products === 0 ? "\n" : ",\n"}${text}` : `${text}\n`;
              result.rows++;
            }
            result.products++;
          }
          await put(chunk);
        }
        if (format === "json") await put(result.products === 0 ? "]\n" : "\n]\n");
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 60 * 60_000, maxWait: 30_000 },
    );
  } finally {
    await closeStream(out);
  }
  result.elapsedMs = Math.round(performance.now() - started);
  return result;
}

async function closeStream(out: WriteStream): Promise<void> {
  if (out.closed) return;
  out.end();
  await once(out, "close");
}

/** Every locale, option name, attribute and warehouse the exporter's products use: the CSV's columns. */
export async function catalogLayout(tx: Tx | Db, exporterId: string, includeInactive: boolean): Promise<CsvLayout> {
  const locales = await tx.$queryRaw<{ locale: string; machine: boolean; odd_lock: boolean }[]>`
    SELECT pc.locale,
           bool_or(pc.source <> 'human') AS machine,
           bool_or(pc.locked <> (pc.source = 'human')) AS odd_lock
    FROM product_content pc JOIN product p ON p.id = pc.product_id
    WHERE p.exporter_id = ${exporterId} AND (${includeInactive} OR p.active)
    GROUP BY pc.locale`;
  const options = await tx.$queryRaw<{ name: string }[]>`
    SELECT DISTINCT jsonb_object_keys(v.options) AS name
    FROM variant v JOIN product p ON p.id = v.product_id
    WHERE p.exporter_id = ${exporterId} AND (${includeInactive} OR p.active) AND jsonb_typeof(v.options) = 'object'`;
  const attributes = await tx.$queryRaw<{ key: string; type: AttributeType }[]>`
    SELECT DISTINCT a.key, a.type::text AS type
    FROM product_attribute a JOIN product p ON p.id = a.product_id
    WHERE p.exporter_id = ${exporterId} AND (${includeInactive} OR p.active)`;
  const warehouses = await tx.$queryRaw<{ code: string }[]>`
    SELECT DISTINCT w.code
    FROM stock s JOIN warehouse w ON w.id = s.warehouse_id JOIN variant v ON v.id = s.variant_id
         JOIN product p ON p.id = v.product_id
    WHERE p.exporter_id = ${exporterId} AND (${includeInactive} OR p.active)`;
  return {
    locales: locales.length > 0 ? locales.map((l) => l.locale) : ["en"],
    sourceLocales: locales.filter((l) => l.machine).map((l) => l.locale),
    lockedLocales: locales.filter((l) => l.odd_lock).map((l) => l.locale),
    options: options.map((o) => o.name),
    attributes: attributes.map((a) => ({ key: a.key, type: a.type })),
    warehouses: warehouses.map((w) => w.code),
  };
}
