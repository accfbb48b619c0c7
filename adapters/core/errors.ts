/**
 * The four ways a channel call can fail. Every adapter maps its channel's answers to exactly one of these,
 * so the sync engine decides retries without knowing any channel.
 */
export type ChannelErrorClass = "throttled" | "auth_expired" | "transient" | "permanent";

/** One per-item or per-field complaint a channel attached to an error (batch calls name the failing SKUs). */
export interface ChannelErrorDetail {
  message: string;
  field?: string;
  sellerSku?: string;
  code?: string;
}

export abstract class ChannelError extends Error {
  abstract readonly errorClass: ChannelErrorClass;
  /** What the channel said item by item, when it said more than one message. */
  details?: ChannelErrorDetail[];
  constructor(
    message: string,
    /** The channel's own error code, when it gave one. */
    readonly code: string | undefined,
    readonly channel: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ThrottledError extends ChannelError {
  readonly errorClass = "throttled" as const;
  constructor(
    message: string,
    code: string | undefined,
    channel: string,
    /** How long the channel asked us to wait, in milliseconds. */
    readonly waitMs: number,
  ) {
    super(message, code, channel);
  }
}

export class AuthExpiredError extends ChannelError {
  readonly errorClass = "auth_expired" as const;
}

export class TransientError extends ChannelError {
  readonly errorClass = "transient" as const;
}

export class PermanentError extends ChannelError {
  readonly errorClass = "permanent" as const;
}

export function isChannelError(err: unknown): err is ChannelError {
  return err instanceof ChannelError;
}
