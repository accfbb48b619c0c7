import { resolve } from "node:path";
import type { Command } from "commander";
import type { Db } from "../../db.js";
import type { ImportFormat } from "./sources.js";

const formats = ["csv", "json", "ndjson"];

/** A mistake in the command line or its inputs: printed as one line, exit code 2, no stack trace. */
class CliInputError extends Error {}

/** Runs an action; input mistakes (bad options, unknown exporter, unreadable reference file) print one line. */
function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      const { ValidationError } = await import("../errors.js");
      const { ImportFileError } = await import("./issues.js");
      const code = (err as NodeJS.ErrnoException).code;
      if (
        err instanceof CliInputError ||
        err instanceof ValidationError ||
        err instanceof ImportFileError ||
        code === "ENOENT" ||
        code === "EACCES"
      ) {
        console.error(`tijarat: ${(err as Error).message}`);
        process.exitCode = 2;
        return;
      }
      throw err;
    }
  };
}

function parseFormat(value: string | undefined): ImportFormat | undefined {
  if (value === undefined) return undefined;
  if (!formats.includes(value)) throw new CliInputError(`--format must be one of ${formats.join(", ")}`);
  return value as ImportFormat;
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliInputError(`${name} must be a positive whole number`);
  return n;
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const { loadConfig } = await import("../../config.js");
  const { createDb } = await import("../../db.js");
  const { checkPostgres } = await import("../../services.js");
  const config = loadConfig();
  await checkPostgres(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL, 4);
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}

async function exporterId(db: Db, slug: string, create?: { name?: string }): Promise<string> {
  const found = await db.exporter.findUnique({ where: { slug } });
  if (found) return found.id;
  if (!create) throw new CliInputError(`exporter "${slug}" does not exist (add --create-exporter to create it)`);
  const created = await db.exporter.create({ data: { slug, name: create.name ?? slug } });
  console.error(`created exporter ${slug}`);
  return created.id;
}

/** `tijarat import`, `tijarat export` and `tijarat generate`: bulk catalog files. See docs/catalog-import.md. */
export function registerCatalogIoCommands(program: Command): void {
  program
    .command("import <file>")
    .description("Import products from CSV, JSON or NDJSON (all or nothing unless --apply-valid)")
    .requiredOption("--exporter <slug>", "exporter whose catalog receives the products")
    .option("--format <format>", "csv, json or ndjson (default: from the file extension)")
    .option("--apply-valid", "apply the valid products and write the rejected ones to the reject file")
    .option("--rejects <file>", "reject file for --apply-valid (default: <file>.rejects.<ext>)")
    .option("--create-exporter", "create the exporter if it does not exist")
    .option("--exporter-name <name>", "display name for --create-exporter")
    .option("--refs <seedFile>", "first create the warehouses and categories listed in a seed-layout JSON file")
    .option("--batch-size <n>", "products per transaction", "250")
    .option("--json", "print the result as JSON")
    .action(
      action(
        async (
          file: string,
          opts: {
            exporter: string;
            format?: string;
            applyValid?: boolean;
            rejects?: string;
            createExporter?: boolean;
            exporterName?: string;
            refs?: string;
            batchSize: string;
            json?: boolean;
          },
        ) => {
          const { importCatalog } = await import("./importCatalog.js");
          const { formatIssue } = await import("./issues.js");
          const format = parseFormat(opts.format);
          const batchSize = positiveInt("--batch-size", opts.batchSize);
          if (opts.rejects && !opts.applyValid) throw new CliInputError("--rejects needs --apply-valid");
          if (opts.rejects && resolve(opts.rejects) === resolve(file)) {
            throw new CliInputError("--rejects must not be the file being imported");
          }
          const result = await withDb(async (db) => {
            if (opts.refs) {
              const { ensureReferences, readReferences } = await import("./references.js");
              const made = await ensureReferences(db, await readReferences(opts.refs));
              console.error(`references: ${made.warehouses} warehouses, ${made.categories} categories ensured`);
            }
            const id = await exporterId(
              db,
              opts.exporter,
              opts.createExporter ? { ...(opts.exporterName ? { name: opts.exporterName } : {}) } : undefined,
            );
            return importCatalog(db, {
              exporterId: id,
              file,
              ...(format ? { format } : {}),
              applyValid: opts.applyValid ?? false,
              ...(opts.rejects ? { rejectsFile: opts.rejects } : {}),
              ...(batchSize ? { batchSize } : {}),
              ...(process.stderr.isTTY
                ? { onProgress: (p) => process.stderr.write(`\r${p.phase}: ${p.rows} rows, ${p.products} products`) }
                : {}),
            });
          });
          if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
          if (opts.json) console.log(JSON.stringify(result, null, 2));
          else {
            for (const issue of result.issues.slice(0, 50)) console.error(formatIssue(issue));
            if (result.issueCount > 50) console.error(`... and ${result.issueCount - 50} more`);
            console.log(
              `${result.status}: ${result.rows} rows, ${result.products} products: ${result.created} created, ` +
                `${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected ` +
                `(${result.rejectedRows} rows) in ${(result.elapsedMs / 1000).toFixed(1)} s`,
            );
            if (result.status === "rejected" && result.mode === "all-or-nothing" && result.issueCount > 0) {
              console.log("nothing was written (all or nothing); fix the rows above, or use --apply-valid");
            }
            if (result.rejectsFile) console.log(`rejected rows written to ${result.rejectsFile}`);
          }
          process.exitCode = result.status === "imported" ? 0 : result.status === "rejected" ? 1 : 3;
        },
      ),
    );

  program
    .command("export")
    .description("Export an exporter's catalog to CSV, JSON or NDJSON (re-imports to the same catalog)")
    .requiredOption("--exporter <slug>", "exporter whose catalog is exported")
    .requiredOption("--out <file>", "output file")
    .option("--format <format>", "csv, json or ndjson (default: from the file extension)")
    .option("--include-inactive", "also export deactivated products")
    .option("--bom", "start the CSV with a UTF-8 byte order mark (for Excel)")
    .action(
      action(
        async (opts: { exporter: string; out: string; format?: string; includeInactive?: boolean; bom?: boolean }) => {
          const { exportCatalog } = await import("./exportCatalog.js");
          const format = parseFormat(opts.format);
          const result = await withDb(async (db) =>
            exportCatalog(db, {
              exporterId: await exporterId(db, opts.exporter),
              out: opts.out,
              ...(format ? { format } : {}),
              includeInactive: opts.includeInactive ?? false,
              bom: opts.bom ?? false,
            }),
          );
          for (const w of result.warnings) console.error(`warning: ${w}`);
          console.log(
            `exported ${result.products} products (${result.rows} rows) to ${result.file} in ${(result.elapsedMs / 1000).toFixed(1)} s`,
          );
        },
      ),
    );

  program
    .command("generate")
    .description("Write a deterministic synthetic catalog (Pakistani export products) for tests and benchmarks")
    .requiredOption("--out <file>", "output file (.csv, .json or .ndjson)")
    .option("--products <n>", "number of products")
    .option("--rows <n>", "number of CSV rows (variants) instead of products")
    .option("--seed <n>", "random seed", "42")
    .option("--sku-prefix <prefix>", "prefix of every product SKU", "GEN")
    .option("--format <format>", "csv, json or ndjson (default: from the file extension)")
    .action(
      action(
        async (opts: {
          out: string;
          products?: string;
          rows?: string;
          seed: string;
          skuPrefix: string;
          format?: string;
        }) => {
          const { writeGeneratedCatalog } = await import("./generateCatalog.js");
          const products = positiveInt("--products", opts.products);
          const rows = positiveInt("--rows", opts.rows);
          if (!products && !rows) throw new CliInputError("give --products <n> or --rows <n>");
          const seed = Number(opts.seed);
          if (!Number.isInteger(seed)) throw new CliInputError("--seed must be a whole number");
          const format = parseFormat(opts.format);
          const result = await writeGeneratedCatalog(opts.out, {
            ...(products ? { products } : {}),
            ...(rows ? { rows } : {}),
            seed,
            skuPrefix: opts.skuPrefix,
            ...(format ? { format } : {}),
          });
          console.log(`wrote ${result.products} products (${result.variants} variants) to ${result.file}`);
        },
      ),
    );
}
