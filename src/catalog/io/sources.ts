import { createReadStream } from "node:fs";
import { extname } from "node:path";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import { unescapeFormula } from "./cells.js";
import { type CsvHeader, parseHeader } from "./csvColumns.js";
import { type CsvRow, csvRowsToProduct } from "./csvProduct.js";
import { ImportFileError, type ImportIssue, type IssueLocation } from "./issues.js";
import { JsonArrayScanner, JsonStructureError } from "./jsonArrayScanner.js";
import { unknownKeys } from "./knownKeys.js";

export type ImportFormat = "csv" | "json" | "ndjson";

/** csv by default; .json and .ndjson / .jsonl by extension. */
export function detectFormat(file: string): ImportFormat {
  const ext = extname(file).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".ndjson" || ext === ".jsonl") return "ndjson";
  return "csv";
}

/** One product as read from the file: its candidate input, the problems found reading it, and where it came from. */
export interface SourceItem {
  /** 0-based position of the product in the file. */
  ordinal: number;
  sku: string;
  /** Line where the product starts. */
  line: number;
  /** CSV rows (variants) or 1 for a JSON element. */
  rowCount: number;
  /** productInput-shaped candidate; undefined when the element is not even readable. */
  raw: unknown;
  issues: ImportIssue[];
  /** Maps a zod issue path of raw to a place in the file. */
  locate(path: readonly PropertyKey[]): IssueLocation;
  original: { kind: "csv"; rows: CsvRow[] } | { kind: "json"; text: string };
}

export interface Source {
  readonly format: ImportFormat;
  /** CSV only, once the first item was read. */
  header?: CsvHeader;
  items(): AsyncGenerator<SourceItem>;
}

export function openSource(file: string, format: ImportFormat = detectFormat(file)): Source {
  if (format === "csv") return new CsvSource(file);
  if (format === "json") return new JsonSource(file);
  return new NdjsonSource(file);
}

const lineBreaks = (cells: string[]): number => {
  let n = 0;
  for (const cell of cells) n += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  return n;
};

class CsvSource implements Source {
  readonly format = "csv" as const;
  header?: CsvHeader;

  constructor(private readonly file: string) {}

  async *items(): AsyncGenerator<SourceItem> {
    const parser = createReadStream(this.file).pipe(
      parse({
        bom: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        record_delimiter: ["\r\n", "\n", "\r"],
      }),
    );
    let header: CsvHeader | undefined;
    let skuIndex = -1;
    let group: CsvRow[] = [];
    let groupSku = "";
    let ordinal = 0;
    // Our own line count: csv-parse's info.lines counts a CRLF inside a quoted cell as two lines.
    let nextLine = 1;
    const flush = (): SourceItem => {
      const rows = group;
      group = [];
      const product = csvRowsToProduct(this.file, header!, rows);
      return {
        ordinal: ordinal++,
        sku: product.sku,
        line: rows[0]!.line,
        rowCount: rows.length,
        raw: product.raw,
        issues: product.issues,
        locate: product.locate,
        original: { kind: "csv", rows },
      };
    };
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        const line = nextLine;
        nextLine += 1 + lineBreaks(record);
        if (!header) {
          header = parseHeader(this.file, record);
          this.header = header;
          skuIndex = header.columns.findIndex((c) => c.kind === "product" && c.field === "sku");
          continue;
        }
        if (record.every((c) => c === "")) continue;
        const sku = unescapeFormula(record[skuIndex] ?? "").trim();
        if (group.length > 0 && (sku !== groupSku || sku === "")) yield flush();
        group.push({ line, cells: record });
        groupSku = sku;
      }
    } catch (err) {
      if (err instanceof ImportFileError) throw err;
      const e = err as Error & { lines?: number; code?: string };
      throw new ImportFileError([
        { file: this.file, line: e.lines ?? 0, message: `unreadable CSV: ${e.message.replace(/^Invalid \w+: /, "")}` },
      ]);
    }
    if (!header)
      throw new ImportFileError([{ file: this.file, line: 1, message: "the file is empty (no header row)" }]);
    if (group.length > 0) yield flush();
  }
}

/** Turns one element's text into a source item; never throws. */
function jsonItem(file: string, ordinal: number, line: number, text: string): SourceItem {
  const base = (path: readonly PropertyKey[]): IssueLocation => ({
    line,
    element: ordinal,
    ...(path.length > 0 ? { path: path.map(String).join(".") } : {}),
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return {
      ordinal,
      sku: "",
      line,
      rowCount: 1,
      raw: undefined,
      issues: [{ file, line, element: ordinal, message: `invalid JSON: ${(err as Error).message}` }],
      locate: base,
      original: { kind: "json", text },
    };
  }
  const issues: ImportIssue[] = [];
  const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
  const sku =
    isObject && typeof (value as { sku?: unknown }).sku === "string" ? (value as { sku: string }).sku.trim() : "";
  if (!isObject) issues.push({ file, line, element: ordinal, message: "must be a product object" });
  else {
    for (const path of unknownKeys(value)) {
      issues.push({
        file,
        ...base(path),
        sku: sku || undefined,
        message: `unknown field "${String(path[path.length - 1])}" (fields starting with "_" are ignored)`,
      });
    }
  }
  return {
    ordinal,
    sku,
    line,
    rowCount: 1,
    raw: isObject ? value : undefined,
    issues,
    locate: base,
    original: { kind: "json", text },
  };
}

class JsonSource implements Source {
  readonly format = "json" as const;

  constructor(private readonly file: string) {}

  async *items(): AsyncGenerator<SourceItem> {
    const scanner = new JsonArrayScanner("products");
    try {
      for await (const chunk of createReadStream(this.file, { encoding: "utf8", highWaterMark: 256 * 1024 })) {
        for (const el of scanner.push(chunk as string)) yield jsonItem(this.file, el.index, el.line, el.text);
      }
      scanner.end();
    } catch (err) {
      if (err instanceof JsonStructureError) {
        throw new ImportFileError([{ file: this.file, line: err.line, message: `unreadable JSON: ${err.message}` }]);
      }
      throw err;
    }
  }
}

class NdjsonSource implements Source {
  readonly format = "ndjson" as const;

  constructor(private readonly file: string) {}

  async *items(): AsyncGenerator<SourceItem> {
    const lines = createInterface({ input: createReadStream(this.file, { encoding: "utf8" }), crlfDelay: Infinity });
    let line = 0;
    let ordinal = 0;
    for await (const text of lines) {
      line++;
      const trimmed = line === 1 ? text.replace(/^\uFEFF/, "").trim() : text.trim();
      if (trimmed === "") continue;
      yield jsonItem(this.file, ordinal++, line, trimmed);
    }
  }
}
