import type { z } from "zod";

/** Bad input: names the record and each offending field. */
export class ValidationError extends Error {
  constructor(
    readonly record: string,
    readonly fields: { path: string; message: string }[],
  ) {
    super(`${record}: ${fields.map((f) => `${f.path || "(record)"} ${f.message}`).join("; ")}`);
    this.name = "ValidationError";
  }

  static fromZod(record: string, error: z.ZodError): ValidationError {
    return new ValidationError(
      record,
      error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
}

export class NotFoundError extends Error {
  constructor(readonly record: string) {
    super(`${record} not found`);
    this.name = "NotFoundError";
  }
}

export class VersionConflictError extends Error {
  constructor(
    readonly record: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`${record} was changed by someone else: expected version ${expected}, found ${actual}`);
    this.name = "VersionConflictError";
  }
}
