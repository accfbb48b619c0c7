import type { z } from "zod";
import { PermanentError } from "../core/errors.js";
import { DARAZ_CHANNEL } from "./capabilities.js";

/**
 * Parses one Daraz answer with its schema. A shape we do not know is not a glitch a retry fixes (a truncated body
 * already failed as malformed JSON), so it is permanent and names the first mismatch.
 */
export function parseWire<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
  throw new PermanentError(
    `Unexpected ${what} answer from Daraz${where}: ${issue?.message ?? "invalid"}`,
    "UNEXPECTED_RESPONSE",
    DARAZ_CHANNEL,
  );
}
