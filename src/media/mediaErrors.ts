/** Why an image fetch failed; `transient` ones may succeed if tried again later. */
export type MediaFetchReason =
  | "invalid_url"
  | "scheme"
  | "credentials"
  | "blocked_address"
  | "dns"
  | "timeout"
  | "aborted"
  | "too_large"
  | "http_status"
  | "content_type"
  | "not_image"
  | "too_many_redirects"
  | "network";

export interface MediaFetchErrorDetails {
  /** The URL asked for, without credentials, query string or fragment. */
  url: string;
  /** HTTP status, for reason "http_status". */
  status?: number;
  /** Wait the server asked for (Retry-After on 429/503), in milliseconds. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * The one error fetchImage throws. The message names the URL (never its query string, which may carry signed-URL
 * tokens) and the reason in plain words.
 */
export class MediaFetchError extends Error {
  override readonly name = "MediaFetchError";
  readonly url: string;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(
    readonly reason: MediaFetchReason,
    message: string,
    readonly transient: boolean,
    details: MediaFetchErrorDetails,
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.url = details.url;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

export function isMediaFetchError(err: unknown): err is MediaFetchError {
  return err instanceof MediaFetchError;
}

const MAX_SHOWN = 200;

/**
 * The URL safe to show in logs and messages: no user:password, query string or fragment, and at most 200 characters
 * (a data: URL would otherwise carry its whole payload).
 */
export function redactUrl(url: string | URL): string {
  const text = stripSecrets(url);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}...` : text;
}

function stripSecrets(url: string | URL): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    u.search = "";
    u.hash = "";
    return u.href;
  } catch {
    // Not a URL: drop everything from the first ?, # and any user-info before an @.
    const text = String(url).split(/[?#]/, 1)[0] ?? "";
    return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1");
  }
}
