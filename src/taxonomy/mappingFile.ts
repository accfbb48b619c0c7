import { z } from "zod";

const code = z.string().trim().min(1).max(200);

/** The account's mappings as one document: exported, edited by hand or in a spreadsheet, imported back. */
export const mappingFile = z.object({
  format: z.literal("tijarat-mappings/1"),
  channel: z.string().min(1),
  /** The account's mappingVersion when exported; an import over a newer version is refused (409). */
  version: z.number().int().min(0),
  exportedAt: z.string().optional(),
  categories: z
    .array(
      z.object({
        master: code,
        channel: code,
        /** Informational: the channel path when exported. Ignored on import. */
        channelPath: z.string().optional(),
      }),
    )
    .default([]),
  attributes: z
    .array(
      z.object({
        master: code,
        channel: code,
        /** Only for this channel category; absent for the whole account. */
        category: code.optional(),
      }),
    )
    .default([]),
  values: z
    .array(
      z.object({
        /** The channel attribute key the value belongs to. */
        attribute: code,
        master: z.string().trim().min(1).max(500),
        channel: z.string().trim().min(1).max(500),
        channelLabel: z.string().optional(),
      }),
    )
    .default([]),
});

export type MappingFile = z.infer<typeof mappingFile>;
export type MappingSet = Pick<MappingFile, "categories" | "attributes" | "values">;
