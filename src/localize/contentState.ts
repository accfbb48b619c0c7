import { createHash } from "node:crypto";
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client.js";

/**
 * Per-field provenance of one locale's content, kept in ProductContent.fieldStates:
 * {"title": {"source": "machine", "reviewState": "machine", "locked": false, "textHash": "...", "sourceHash": "...",
 * "from": "en"}, ...}. The row's own source/reviewState/locked are the aggregate of its fields (see `aggregate`).
 *
 * A stored state is trusted only while its textHash matches the field's text: a field changed by another path (a
 * product PUT, an import) falls back to the row's values, and is treated as locked human text when the row says human.
 */
export const CONTENT_FIELDS = ["title", "description", "bullets", "keywords"] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];

export type FieldSource = "human" | "machine";
export type FieldReview = "machine" | "human" | "reviewed";

export interface FieldState {
  source: FieldSource;
  reviewState: FieldReview;
  locked: boolean;
  /** Hash of the field's text when this state was written. */
  textHash?: string;
  /** Hash of the source-locale field this text was translated from (or written against, for human text). */
  sourceHash?: string;
  /** The source locale of that text. */
  from?: string;
}

export interface LocaleValues {
  title: string;
  description: string;
  bullets: string[];
  keywords: string[];
}

const storedState = z.object({
  source: z.enum(["human", "machine"]),
  reviewState: z.enum(["machine", "human", "reviewed"]),
  locked: z.boolean(),
  textHash: z.string().optional(),
  sourceHash: z.string().optional(),
  from: z.string().optional(),
});

export function valueHash(value: string | string[]): string {
  return createHash("sha256").update(JSON.stringify(value), "utf8").digest("hex").slice(0, 32);
}

export interface ContentRowLike {
  locale: string;
  title: string;
  description: string;
  bullets: Prisma.JsonValue;
  keywords: Prisma.JsonValue;
  source: FieldSource;
  reviewState: FieldReview;
  locked: boolean;
  fieldStates: Prisma.JsonValue;
}

const strings = (value: Prisma.JsonValue): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

export function valuesOf(row: ContentRowLike): LocaleValues {
  return {
    title: row.title,
    description: row.description,
    bullets: strings(row.bullets),
    keywords: strings(row.keywords),
  };
}

/** The state each field really has (see the module comment for the fallback). */
export function effectiveStates(row: ContentRowLike): Record<ContentField, FieldState> {
  const values = valuesOf(row);
  const stored: Record<string, unknown> =
    row.fieldStates && typeof row.fieldStates === "object" && !Array.isArray(row.fieldStates) ? row.fieldStates : {};
  // Never touched by the content API: the row's flags are authoritative (an explicit locked=false is honoured).
  // Otherwise a field whose stored state is stale was changed elsewhere: human text there counts as locked.
  const rowOnly = Object.keys(stored).length === 0;
  const fallback: FieldState = {
    source: row.source,
    reviewState: row.source === "human" ? "human" : row.reviewState,
    locked: rowOnly ? row.locked : row.locked || row.source === "human",
  };
  const out = {} as Record<ContentField, FieldState>;
  for (const field of CONTENT_FIELDS) {
    const parsed = storedState.safeParse(stored[field]);
    out[field] =
      parsed.success && parsed.data.textHash === valueHash(values[field]) ? stripUndefined(parsed.data) : fallback;
  }
  return out;
}

/**
 * The row-level summary: human if any field is human; the least reviewed state (machine < reviewed < human);
 * locked only when every field is.
 */
export function aggregate(states: Record<ContentField, FieldState>): {
  source: FieldSource;
  reviewState: FieldReview;
  locked: boolean;
} {
  const list = CONTENT_FIELDS.map((f) => states[f]);
  return {
    source: list.some((s) => s.source === "human") ? "human" : "machine",
    reviewState: list.some((s) => s.reviewState === "machine")
      ? "machine"
      : list.some((s) => s.reviewState === "reviewed")
        ? "reviewed"
        : "human",
    locked: list.every((s) => s.locked),
  };
}

/** The JSON stored in fieldStates, each state stamped with its field's text hash. */
export function storedFieldStates(
  values: LocaleValues,
  states: Record<ContentField, FieldState>,
): Prisma.InputJsonObject {
  return Object.fromEntries(
    CONTENT_FIELDS.map((f) => [f, stripUndefined({ ...states[f], textHash: valueHash(values[f]) })]),
  ) as Prisma.InputJsonObject;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
