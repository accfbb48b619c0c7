import { ImportFileError, type ImportIssue } from "./issues.js";

/**
 * The CSV layout: one row per variant, product-level columns repeated on every row of the product.
 * See docs/catalog-import.md for the full description.
 */
export const productColumns = {
  sku: "sku",
  category: "category",
  brand: "brand",
  model_number: "modelNumber",
  hs_code: "hsCode",
  origin_city: "originCity",
  origin_region: "originRegion",
  origin_country: "originCountry",
  base_price_pkr: "basePricePkr",
  cost_pkr: "costPkr",
} as const;
export type ProductField = (typeof productColumns)[keyof typeof productColumns];

export const variantColumns = {
  variant_sku: "sellerSku",
  variant_price_pkr: "pricePkr",
  length_cm: "lengthCm",
  width_cm: "widthCm",
  height_cm: "heightCm",
  weight_kg: "weightKg",
  barcode: "barcode",
} as const;
export type VariantField = (typeof variantColumns)[keyof typeof variantColumns];

export const contentFields = ["title", "description", "bullets", "keywords", "source", "locked"] as const;
export type ContentField = (typeof contentFields)[number];
export const attributeTypes = ["text", "number", "boolean", "enum"] as const;
export type AttributeType = (typeof attributeTypes)[number];

/** The column the importer ignores: reject files carry their reasons in it, so a fixed reject file re-imports as is. */
export const ERROR_COLUMN = "error";

export type Column =
  | { kind: "product"; name: string; field: ProductField }
  | { kind: "variant"; name: string; field: VariantField }
  | { kind: "option"; name: string; option: string }
  | { kind: "stock"; name: string; warehouse: string }
  | { kind: "content"; name: string; locale: string; field: ContentField }
  | { kind: "images"; name: string; field: "urls" | "alts" }
  | { kind: "attr"; name: string; key: string; type?: AttributeType }
  | { kind: "breaks"; name: string }
  | { kind: "ignored"; name: string };

const localePattern = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;

/** Whether a column's value belongs to the product (repeated on each row) rather than to the row's variant. */
export const isProductLevel = (c: Column): boolean =>
  c.kind === "product" || c.kind === "content" || c.kind === "images" || c.kind === "attr" || c.kind === "breaks";

/** Reads one header cell; returns a message when the name is not part of the layout. */
export function parseColumnName(raw: string): Column | string {
  const name = raw.trim();
  if (name === "") return "has no name";
  const lower = name.toLowerCase();
  if (lower === ERROR_COLUMN) return { kind: "ignored", name };
  if (lower in productColumns)
    return { kind: "product", name, field: productColumns[lower as keyof typeof productColumns] };
  if (lower in variantColumns)
    return { kind: "variant", name, field: variantColumns[lower as keyof typeof variantColumns] };
  if (lower === "image_urls") return { kind: "images", name, field: "urls" };
  if (lower === "image_alts") return { kind: "images", name, field: "alts" };
  if (lower === "breaks") return { kind: "breaks", name };
  const colon = name.indexOf(":");
  if (colon < 0) return `is not a known column (see docs/catalog-import.md)`;
  const prefix = lower.slice(0, colon);
  const rest = name.slice(colon + 1).trim();
  if (rest === "") return `needs a name after "${prefix}:"`;
  if (prefix === "option") return { kind: "option", name, option: rest };
  if (prefix === "stock") return { kind: "stock", name, warehouse: rest };
  if (prefix === "attr") {
    const last = rest.lastIndexOf(":");
    const maybeType = last >= 0 ? rest.slice(last + 1).trim() : "";
    if ((attributeTypes as readonly string[]).includes(maybeType)) {
      const key = rest.slice(0, last).trim();
      return key ? { kind: "attr", name, key, type: maybeType as AttributeType } : `needs a key after "attr:"`;
    }
    return { kind: "attr", name, key: rest };
  }
  if ((contentFields as readonly string[]).includes(prefix)) {
    if (!localePattern.test(rest)) return `has locale "${rest}", which is not a language tag such as en, zh-Hans or ur`;
    return { kind: "content", name, locale: rest, field: prefix as ContentField };
  }
  return `is not a known column (see docs/catalog-import.md)`;
}

export interface CsvHeader {
  cells: string[];
  columns: Column[];
  /** 0-based index of each column by its lower-cased header name. */
  index: Map<string, number>;
  locales: string[];
}

const required = ["sku", "brand", "base_price_pkr", "variant_sku"];

/** Parses and checks the header row; every problem is reported, and any problem makes the file unreadable. */
export function parseHeader(file: string, cells: string[]): CsvHeader {
  const issues: ImportIssue[] = [];
  const columns: Column[] = [];
  const index = new Map<string, number>();
  const seen = new Map<string, number>();
  cells.forEach((cell, i) => {
    const parsed = parseColumnName(cell);
    if (typeof parsed === "string") {
      issues.push({ file, line: 1, column: cell, columnNumber: i + 1, message: `column "${cell}" ${parsed}` });
      columns.push({ kind: "ignored", name: cell });
      return;
    }
    const key = canonicalName(parsed);
    const before = seen.get(key);
    if (before !== undefined) {
      issues.push({
        file,
        line: 1,
        column: cell,
        columnNumber: i + 1,
        message: `column "${cell}" repeats column ${before} ("${cells[before - 1]}")`,
      });
    }
    seen.set(key, i + 1);
    index.set(parsed.name.toLowerCase(), i);
    columns.push(parsed);
  });
  const names = new Set(columns.map((c) => c.name.toLowerCase()));
  for (const r of required) {
    if (!names.has(r)) issues.push({ file, line: 1, message: `missing required column "${r}"` });
  }
  const locales = [...new Set(columns.flatMap((c) => (c.kind === "content" ? [c.locale] : [])))];
  for (const locale of locales) {
    if (!columns.some((c) => c.kind === "content" && c.locale === locale && c.field === "title")) {
      issues.push({ file, line: 1, message: `content columns for locale ${locale} need a "title:${locale}" column` });
    }
  }
  if (locales.length === 0) issues.push({ file, line: 1, message: `needs at least one "title:<locale>" column` });
  if (issues.length > 0) throw new ImportFileError(issues);
  return { cells, columns, index, locales };
}

/** Two header cells that mean the same column (e.g. "SKU" and "sku"). */
function canonicalName(c: Column): string {
  switch (c.kind) {
    case "product":
    case "variant":
      return `${c.kind}:${c.field}`;
    case "option":
      return `option:${c.option}`;
    case "stock":
      return `stock:${c.warehouse}`;
    case "content":
      return `${c.field}:${c.locale}`;
    case "images":
      return `images:${c.field}`;
    case "attr":
      return `attr:${c.key}:${c.type ?? "(inferred)"}`;
    case "breaks":
      return "breaks";
    case "ignored":
      return `ignored:${c.name.toLowerCase()}`;
  }
}

/** What an export needs to know to write a header before the first row: every value that becomes a column. */
export interface CsvLayout {
  locales: string[];
  /** Locales whose content needs an explicit source:<locale> / locked:<locale> column to round-trip. */
  sourceLocales: string[];
  lockedLocales: string[];
  options: string[];
  attributes: { key: string; type: AttributeType }[];
  warehouses: string[];
}

const byLocale = (a: string, b: string) => (a === "en" ? -1 : b === "en" ? 1 : a < b ? -1 : a > b ? 1 : 0);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The header cells of a layout, in the documented order. */
export function layoutHeader(layout: CsvLayout): string[] {
  const locales = [...layout.locales].sort(byLocale);
  return [
    ...Object.keys(productColumns),
    "variant_sku",
    ...[...layout.options].sort(byText).map((o) => `option:${o}`),
    "variant_price_pkr",
    "length_cm",
    "width_cm",
    "height_cm",
    "weight_kg",
    "barcode",
    ...[...layout.warehouses].sort(byText).map((w) => `stock:${w}`),
    ...locales.flatMap((l) => [
      `title:${l}`,
      `description:${l}`,
      `bullets:${l}`,
      `keywords:${l}`,
      ...(layout.sourceLocales.includes(l) ? [`source:${l}`] : []),
      ...(layout.lockedLocales.includes(l) ? [`locked:${l}`] : []),
    ]),
    "image_urls",
    "image_alts",
    ...[...layout.attributes]
      .sort((a, b) => byText(a.key, b.key) || byText(a.type, b.type))
      .map((a) => `attr:${a.key}:${a.type}`),
    "breaks",
  ];
}
