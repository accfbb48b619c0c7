import type { z } from "zod";
import { ValidationError } from "../catalog/errors.js";

/** Parses request input; a failure is a 400 naming the record and each bad field. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, record: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw ValidationError.fromZod(record, parsed.error);
  return parsed.data;
}
