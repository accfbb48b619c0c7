/**
 * Cell encodings shared by the CSV exporter and importer. Both directions live here so they stay exact inverses.
 *
 * Formula injection: a spreadsheet treats a cell starting with = + - @ (or their full-width forms), TAB or CR as a
 * formula. The exporter prefixes such cells with one apostrophe, which spreadsheets show as "text". A value that
 * itself starts with apostrophes followed by a trigger ("'=x") gets one more, so the importer can always strip exactly
 * one apostrophe from a cell matching /^'+[trigger]/ and get the original back. Cells without that shape are never
 * touched on import, so a hand-written "-20% off" or "'hello" stays as it is.
 */
const TRIGGERS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";
const needsEscape = new RegExp(`^'*[${escapeClass(TRIGGERS)}]`);
const escaped = new RegExp(`^'+[${escapeClass(TRIGGERS)}]`);

function escapeClass(chars: string): string {
  return chars.replace(/[-\\\]^]/g, (c) => `\\${c}`);
}

/** Neutralises a cell a spreadsheet would evaluate as a formula. */
export function escapeFormula(value: string): string {
  return needsEscape.test(value) ? `'${value}` : value;
}

/** Exact inverse of escapeFormula: strips the one apostrophe it added, leaves every other cell alone. */
export function unescapeFormula(value: string): string {
  return escaped.test(value) ? value.slice(1) : value;
}

/**
 * List cells (bullets, keywords, image_urls, image_alts, breaks) separate items with "|". Inside an item a literal
 * "|" is written "\|" and a literal backslash "\\"; any other backslash is kept as typed.
 */
export function joinList(items: readonly string[]): string {
  return items.map((item) => item.replace(/[\\|]/g, (c) => `\\${c}`)).join("|");
}

/** Splits a list cell; the empty cell is the empty list. */
export function splitList(cell: string): string[] {
  if (cell === "") return [];
  const items: string[] = [];
  let current = "";
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]!;
    if (c === "\\" && (cell[i + 1] === "|" || cell[i + 1] === "\\")) {
      current += cell[i + 1];
      i++;
    } else if (c === "|") {
      items.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  items.push(current);
  return items;
}

export function shorten(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
