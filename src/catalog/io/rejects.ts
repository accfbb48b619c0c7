import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { escapeFormula, unescapeFormula } from "./cells.js";
import { type CsvHeader, ERROR_COLUMN } from "./csvColumns.js";
import type { ImportIssue } from "./issues.js";
import type { ImportFormat, SourceItem } from "./sources.js";

export function defaultRejectsPath(file: string, format: ImportFormat): string {
  const ext = format === "csv" ? ".csv" : format === "json" ? ".json" : ".ndjson";
  return `${file.replace(/\.(csv|json|ndjson|jsonl)$/i, "")}.rejects${ext}`;
}

/**
 * The reject file of an apply-valid import, in the input's own format so it can be fixed and imported again:
 * CSV rows as they were plus an "error" column (which the importer ignores); JSON elements with "_errors",
 * "_element" and "_line" members (fields starting with "_" are ignored on import).
 */
export class RejectWriter {
  readonly path: string;
  private out: WriteStream;
  private started = false;
  private count = 0;

  constructor(
    file: string,
    private readonly format: ImportFormat,
    path?: string,
  ) {
    this.path = path ?? defaultRejectsPath(file, format);
    this.out = createWriteStream(this.path, { encoding: "utf8" });
  }

  private queue: Promise<void> = Promise.resolve();

  /** Appends one rejected product; calls are serialised, so concurrent batches cannot interleave their rows. */
  write(item: SourceItem, issues: ImportIssue[], header?: CsvHeader): Promise<void> {
    const next = this.queue.then(() => this.append(item, issues, header));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async append(item: SourceItem, issues: ImportIssue[], header?: CsvHeader): Promise<void> {
    if (item.original.kind === "csv") {
      if (!header) throw new Error("CSV reject without a header");
      const errorIndex = header.columns.findIndex((c) => c.kind === "ignored" && c.name.toLowerCase() === ERROR_COLUMN);
      if (!this.started) {
        await this.put(stringify([errorIndex >= 0 ? header.cells : [...header.cells, ERROR_COLUMN]]));
        this.started = true;
      }
      const own = (line: number) => issues.filter((i) => i.line === line);
      const elsewhere = (line: number) => [...new Set(issues.filter((i) => i.line !== line).map((i) => i.line))];
      const rows = item.original.rows.map((row) => {
        const mine = own(row.line).map(describe);
        const others = elsewhere(row.line);
        const note =
          others.length > 0
            ? `product ${item.sku || "(no sku)"} rejected as a whole because of errors on line ${others.join(", ")}`
            : "";
        const error = [...mine, ...(note ? [note] : [])].join("; ");
        // Cells as the file meant them, neutralised again for spreadsheets.
        const cells = header.cells.map((_, i) => escapeFormula(unescapeFormula(row.cells[i] ?? "")));
        if (errorIndex >= 0) cells[errorIndex] = escapeFormula(error);
        else cells.push(escapeFormula(error));
        return cells;
      });
      await this.put(stringify(rows));
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(item.original.text);
    } catch {
      value = undefined;
    }
    const annotated = {
      _errors: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)),
      _element: item.ordinal,
      _line: item.line,
      ...(value && typeof value === "object" && !Array.isArray(value) ? value : { _raw: item.original.text }),
    };
    const text = JSON.stringify(annotated);
    if (this.format === "ndjson") await this.put(`${text}\n`);
    else await this.put(`${this.count === 0 ? "[\n" : ",\n"}${text}`);
    this.count++;
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.format === "json") await this.put(this.count === 0 ? "[]\n" : "\n]\n");
    this.out.end();
    await once(this.out, "close");
  }

  private async put(chunk: string): Promise<void> {
    if (!this.out.write(chunk)) await once(this.out, "drain");
  }
}

function describe(issue: ImportIssue): string {
  const col = issue.column ? `${issue.column}: ` : "";
  return `${col}${issue.message}`;
}
