import { basename } from "node:path";

/** One problem with the input, located precisely enough to fix it in an editor or a spreadsheet. */
export interface ImportIssue {
  file: string;
  /** 1-based line where the offending row (CSV) or element (JSON) starts; 1 for header problems. */
  line: number;
  /** CSV: the column's header name and its 1-based position. */
  column?: string;
  columnNumber?: number;
  /** JSON / NDJSON: the 0-based element index and the field path inside the element. */
  element?: number;
  path?: string;
  /** The product the issue belongs to, when known. */
  sku?: string;
  message: string;
}

export type IssueLocation = Omit<ImportIssue, "file" | "message" | "sku">;

export function formatIssue(issue: ImportIssue): string {
  const where = [`${basename(issue.file)}:${issue.line}`];
  if (issue.element !== undefined) where.push(`element ${issue.element}`);
  if (issue.column !== undefined) {
    where.push(
      issue.columnNumber !== undefined ? `column ${issue.columnNumber} (${issue.column})` : `column ${issue.column}`,
    );
  }
  if (issue.path) where.push(issue.path);
  return `${where.join(" ")}: ${issue.message}${issue.sku ? ` [product ${issue.sku}]` : ""}`;
}

/** A problem that makes the whole file unreadable (bad header, broken JSON structure): nothing can be imported. */
export class ImportFileError extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "ImportFileError";
  }
}
