import type { ProductSnapshot } from "../productSnapshot.js";
import { escapeFormula, joinList, shorten, splitList, unescapeFormula } from "./cells.js";
import { type AttributeType, type Column, type CsvHeader, type CsvLayout, isProductLevel } from "./csvColumns.js";
import type { ImportIssue, IssueLocation } from "./issues.js";

type Variant = ProductSnapshot["variants"][number];

/** A product's rows as the exporter writes them; throws when the layout has no column for a value. */
export function productToCsvRows(p: ProductSnapshot, header: CsvHeader, warnings?: string[]): string[][] {
  checkFits(p, header, warnings);
  const content = new Map(p.content.map((c) => [c.locale, c]));
  const productCells = header.columns.map((col): string => {
    switch (col.kind) {
      case "product":
        return String(p[col.field] ?? "");
      case "content": {
        const c = content.get(col.locale);
        if (!c) return "";
        if (col.field === "bullets" || col.field === "keywords") return joinList(c[col.field]);
        if (col.field === "locked") return String(c.locked ?? c.source === "human");
        return c[col.field];
      }
      case "images":
        if (col.field === "urls") return joinList(p.media.map((m) => m.url));
        return p.media.every((m) => m.altText === "") ? "" : joinList(p.media.map((m) => m.altText));
      case "attr":
        return (
          p.attributes.find((a) => a.key === col.key && (col.type === undefined || a.type === col.type))?.value ?? ""
        );
      case "breaks":
        return p.quantityBreaks.map((q) => `${q.minQuantity}=${q.pricePkr}`).join("|");
      default:
        return "";
    }
  });
  return p.variants.map((v) =>
    header.columns.map((col, i) => escapeFormula(isProductLevel(col) ? productCells[i]! : variantCell(col, v))),
  );
}

function variantCell(col: Column, v: Variant): string {
  switch (col.kind) {
    case "variant": {
      const value = v[col.field];
      return value === undefined ? "" : String(value);
    }
    case "option":
      return v.options[col.option] ?? "";
    case "stock": {
      const s = v.stock.find((x) => x.warehouse === col.warehouse);
      return s ? String(s.quantity) : "";
    }
    default:
      return "";
  }
}

export class LayoutMismatchError extends Error {
  constructor(sku: string, what: string) {
    super(`product ${sku}: the export layout has no column for ${what} (the catalog changed while exporting?)`);
    this.name = "LayoutMismatchError";
  }
}

function checkFits(p: ProductSnapshot, header: CsvHeader, warnings?: string[]): void {
  const has = (pred: (c: Column) => boolean) => header.columns.some(pred);
  for (const c of p.content) {
    if (!has((x) => x.kind === "content" && x.locale === c.locale && x.field === "title"))
      throw new LayoutMismatchError(p.sku, `locale ${c.locale}`);
    if (c.source !== "human" && !has((x) => x.kind === "content" && x.locale === c.locale && x.field === "source"))
      throw new LayoutMismatchError(p.sku, `source:${c.locale}`);
    if (
      (c.locked ?? c.source === "human") !== (c.source === "human") &&
      !has((x) => x.kind === "content" && x.locale === c.locale && x.field === "locked")
    )
      throw new LayoutMismatchError(p.sku, `locked:${c.locale}`);
  }
  for (const a of p.attributes) {
    if (!has((x) => x.kind === "attr" && x.key === a.key && (x.type === undefined || x.type === a.type)))
      throw new LayoutMismatchError(p.sku, `attribute ${a.key} (${a.type})`);
    if (a.value === "")
      warnings?.push(`product ${p.sku}: attribute ${a.key} has an empty value, which CSV cannot carry`);
  }
  for (const v of p.variants) {
    for (const o of Object.keys(v.options))
      if (!has((x) => x.kind === "option" && x.option === o)) throw new LayoutMismatchError(p.sku, `option ${o}`);
    for (const s of v.stock)
      if (!has((x) => x.kind === "stock" && x.warehouse === s.warehouse))
        throw new LayoutMismatchError(p.sku, `warehouse ${s.warehouse}`);
  }
}

/** The columns a set of products needs (for files written from memory, e.g. tests and the generator). */
export function layoutOf(products: Iterable<ProductSnapshot>): CsvLayout {
  const locales = new Set<string>();
  const sourceLocales = new Set<string>();
  const lockedLocales = new Set<string>();
  const options = new Set<string>();
  const attributes = new Map<string, { key: string; type: AttributeType }>();
  const warehouses = new Set<string>();
  for (const p of products) {
    for (const c of p.content) {
      locales.add(c.locale);
      if (c.source !== "human") sourceLocales.add(c.locale);
      if ((c.locked ?? c.source === "human") !== (c.source === "human")) lockedLocales.add(c.locale);
    }
    for (const a of p.attributes) attributes.set(`${a.key}\u0000${a.type}`, { key: a.key, type: a.type });
    for (const v of p.variants) {
      for (const o of Object.keys(v.options)) options.add(o);
      for (const s of v.stock) warehouses.add(s.warehouse);
    }
  }
  return {
    locales: [...locales],
    sourceLocales: [...sourceLocales],
    lockedLocales: [...lockedLocales],
    options: [...options],
    attributes: [...attributes.values()],
    warehouses: [...warehouses],
  };
}

// ---------------------------------------------------------------------------------------------------- import

export interface CsvRow {
  line: number;
  cells: string[];
}

export interface CsvProduct {
  sku: string;
  /** productInput-shaped candidate for zod; cell problems found while building it are in issues. */
  raw: Record<string, unknown>;
  issues: ImportIssue[];
  /** Maps a zod issue path of raw back to the row and column it came from. */
  locate(path: readonly PropertyKey[]): IssueLocation;
}

const productColumnByField: Record<string, string> = {
  sku: "sku",
  category: "category",
  brand: "brand",
  modelNumber: "model_number",
  hsCode: "hs_code",
  originCity: "origin_city",
  originRegion: "origin_region",
  originCountry: "origin_country",
  basePricePkr: "base_price_pkr",
  costPkr: "cost_pkr",
};
const variantColumnByField: Record<string, string> = {
  sellerSku: "variant_sku",
  pricePkr: "variant_price_pkr",
  lengthCm: "length_cm",
  widthCm: "width_cm",
  heightCm: "height_cm",
  weightKg: "weight_kg",
  barcode: "barcode",
};

/** Column indexes by level, computed once per header. */
const levels = new WeakMap<CsvHeader, { product: number[]; variant: number[] }>();
function levelsOf(header: CsvHeader) {
  let l = levels.get(header);
  if (!l) {
    const product: number[] = [];
    const variant: number[] = [];
    header.columns.forEach((c, i) => {
      if (isProductLevel(c)) product.push(i);
      else if (c.kind === "variant" || c.kind === "option" || c.kind === "stock") variant.push(i);
    });
    l = { product, variant };
    levels.set(header, l);
  }
  return l;
}

/** Builds one product from its consecutive rows. Never throws: every problem becomes a located issue. */
export function csvRowsToProduct(file: string, header: CsvHeader, rows: CsvRow[]): CsvProduct {
  const first = rows[0]!;
  const issues: ImportIssue[] = [];
  const cols = header.columns;
  const findColumn = (name: string): number => header.index.get(name.toLowerCase()) ?? -1;
  const at = (line: number, colIndex: number): IssueLocation =>
    colIndex >= 0 ? { line, column: cols[colIndex]!.name, columnNumber: colIndex + 1 } : { line };
  const skuIndex = findColumn("sku");
  const cellsOf = (row: CsvRow): string[] => cols.map((_, i) => unescapeFormula(row.cells[i] ?? ""));
  const decoded = rows.map(cellsOf);
  const sku = (decoded[0]![skuIndex] ?? "").trim();
  const issue = (loc: IssueLocation, message: string) => issues.push({ file, ...loc, sku: sku || undefined, message });

  rows.forEach((row, r) => {
    if (row.cells.length > cols.length && row.cells.slice(cols.length).some((c) => c !== "")) {
      issue({ line: row.line }, `row has ${row.cells.length} cells but the header has ${cols.length} columns`);
    }
    if (r === 0) return;
    for (const i of levelsOf(header).product) {
      const v = decoded[r]![i]!;
      const v0 = decoded[0]![i]!;
      if (v !== "" && v !== v0) {
        issue(
          at(row.line, i),
          `"${shorten(v)}" differs from line ${first.line} ("${shorten(v0)}"); product-level columns must repeat the product's value on each of its rows, or be left empty`,
        );
      }
    }
  });

  const p = decoded[0]!;
  const raw: Record<string, unknown> = {};
  const contentLocales: string[] = [];
  const attrColumns: number[] = [];
  const stockColumns: number[][] = [];
  const contentByLocale = new Map<string, Record<string, unknown>>();
  const attributes: Record<string, unknown>[] = [];
  let urls: string[] = [];
  let alts = null as string[] | null;
  let altsIndex = -1;
  let urlsIndex = -1;

  cols.forEach((col, i) => {
    const cell = p[i]!;
    switch (col.kind) {
      case "product":
        if (cell !== "") raw[col.field] = cell;
        break;
      case "content": {
        if (cell === "") break;
        const c = contentByLocale.get(col.locale) ?? {};
        contentByLocale.set(col.locale, c);
        if (col.field === "bullets" || col.field === "keywords") c[col.field] = splitList(cell);
        else if (col.field === "locked") {
          const b = parseBoolean(cell);
          if (b === undefined) issue(at(first.line, i), `must be true or false, got "${shorten(cell)}"`);
          else c.locked = b;
        } else c[col.field] = cell;
        break;
      }
      case "images":
        if (col.field === "urls") {
          urls = splitList(cell);
          urlsIndex = i;
        } else {
          alts = cell === "" ? null : splitList(cell);
          altsIndex = i;
        }
        break;
      case "attr": {
        if (cell === "") break;
        const clash = attributes.findIndex((a) => a.key === col.key);
        if (clash >= 0) {
          issue(at(first.line, i), `attribute ${col.key} is also given in column ${cols[attrColumns[clash]!]!.name}`);
          break;
        }
        attributes.push({ key: col.key, type: col.type ?? inferType(cell), value: cell });
        attrColumns.push(i);
        break;
      }
      case "breaks": {
        if (cell === "") break;
        const breaks: { minQuantity: number; pricePkr: string }[] = [];
        for (const item of splitList(cell)) {
          const m = /^\s*(\d{1,9})\s*=\s*(\S+)\s*$/.exec(item);
          if (!m) {
            issue(
              at(first.line, i),
              `break "${shorten(item)}" must look like 50=3900.00 (minimum quantity=unit price)`,
            );
            continue;
          }
          breaks.push({ minQuantity: Number(m[1]), pricePkr: m[2]! });
        }
        raw.quantityBreaks = breaks;
        break;
      }
      default:
        break;
    }
  });

  for (const locale of header.locales) {
    const c = contentByLocale.get(locale);
    if (!c) continue;
    if (c.title === undefined) {
      const titleIndex = findColumn(`title:${locale}`);
      issue(at(first.line, titleIndex), `is empty, but other ${locale} content columns are filled`);
      continue;
    }
    contentLocales.push(locale);
  }
  raw.content = contentLocales.map((locale) => ({ locale, ...contentByLocale.get(locale) }));
  if (alts !== null && alts.length !== urls.length) {
    issue(
      at(first.line, altsIndex),
      `has ${alts.length} entries but image_urls has ${urls.length}; give one alt text per image (or leave it empty)`,
    );
  }
  raw.media = urls.map((url, k) => ({ url, altText: alts?.[k] ?? "" }));
  raw.attributes = attributes;

  raw.variants = rows.map((row, r) => {
    const cells = decoded[r]!;
    const v: Record<string, unknown> = {};
    const options: Record<string, string> = {};
    const stock: { warehouse: string; quantity: number }[] = [];
    const stockCols: number[] = [];
    for (const i of levelsOf(header).variant) {
      const col = cols[i]!;
      const cell = cells[i]!;
      if (cell === "") continue;
      if (col.kind === "variant") v[col.field] = cell;
      else if (col.kind === "option") options[col.option] = cell;
      else if (col.kind === "stock") {
        if (!/^\s*\d{1,9}\s*$/.test(cell)) {
          issue(at(row.line, i), `must be a whole number of units (0 or more), got "${shorten(cell)}"`);
          continue;
        }
        stock.push({ warehouse: col.warehouse, quantity: Number(cell) });
        stockCols.push(i);
      }
    }
    stockColumns.push(stockCols);
    return { ...v, options, stock };
  });

  const locate = (path: readonly PropertyKey[]): IssueLocation => {
    const [head, index, field, ...rest] = path;
    const i = typeof index === "number" ? index : -1;
    switch (head) {
      case "content": {
        const locale = contentLocales[i];
        if (locale === undefined) return at(first.line, findColumn(`title:${header.locales[0]}`));
        const f = typeof field === "string" ? field : "title";
        const idx = findColumn(`${f}:${locale}`);
        return at(first.line, idx >= 0 ? idx : findColumn(`title:${locale}`));
      }
      case "media":
        return at(first.line, field === "altText" && altsIndex >= 0 ? altsIndex : urlsIndex);
      case "attributes":
        return at(first.line, attrColumns[i] ?? -1);
      case "quantityBreaks":
        return at(first.line, findColumn("breaks"));
      case "variants": {
        const row = rows[i] ?? first;
        if (field === "options" && typeof rest[0] === "string") return at(row.line, findColumn(`option:${rest[0]}`));
        if (field === "stock") {
          const k = typeof rest[0] === "number" ? rest[0] : -1;
          return at(row.line, stockColumns[i]?.[k] ?? -1);
        }
        const name = typeof field === "string" ? variantColumnByField[field] : undefined;
        return at(row.line, findColumn(name ?? "variant_sku"));
      }
      default: {
        const name = typeof head === "string" ? productColumnByField[head] : undefined;
        return name ? at(first.line, findColumn(name)) : { line: first.line };
      }
    }
  };
  return { sku, raw, issues, locate };
}

function parseBoolean(cell: string): boolean | undefined {
  const v = cell.trim().toLowerCase();
  if (v === "true" || v === "yes" || v === "1") return true;
  if (v === "false" || v === "no" || v === "0") return false;
  return undefined;
}

/** attr:<key> columns without a type: true/false is boolean, a plain number is number, anything else is text. */
export function inferType(value: string): AttributeType {
  if (/^(true|false)$/i.test(value)) return "boolean";
  if (/^-?\d+(\.\d+)?$/.test(value)) return "number";
  return "text";
}
