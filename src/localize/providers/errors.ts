/**
 * The three ways a translation provider call fails, mirroring the channel adapters' classes (minus auth expiry:
 * provider keys do not expire mid-run). Messages never carry the API key or the request URL.
 */
export type TranslationErrorClass = "throttled" | "transient" | "permanent";

export abstract class TranslationError extends Error {
  abstract readonly errorClass: TranslationErrorClass;
  constructor(
    message: string,
    /** The provider's own error code or HTTP status, when it gave one. */
    readonly code: string | undefined,
    readonly provider: string,
  ) {
    super(`${provider}: ${message}`);
    this.name = new.target.name;
  }
}

export class TranslationThrottledError extends TranslationError {
  readonly errorClass = "throttled" as const;
  constructor(
    message: string,
    code: string | undefined,
    provider: string,
    /** How long to wait before the next call, in milliseconds. */
    readonly waitMs: number,
  ) {
    super(message, code, provider);
  }
}

export class TranslationTransientError extends TranslationError {
  readonly errorClass = "transient" as const;
}

export class TranslationPermanentError extends TranslationError {
  readonly errorClass = "permanent" as const;
}

export function isTranslationError(err: unknown): err is TranslationError {
  return err instanceof TranslationError;
}
