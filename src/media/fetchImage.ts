import { createHash } from "node:crypto";
import { promises as dns, type LookupAddress } from "node:dns";
import http, { type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { inspectImage } from "../../adapters/core/imageInfo.js";
import type { ImageFormat } from "../../adapters/core/types.js";
import {
  type AllowedHost,
  addressProblem,
  allowedAddressProblem,
  isAllowedHost,
  normalizeHost,
  parseAllowedHost,
} from "./addressPolicy.js";
import { MediaFetchError, type MediaFetchReason, redactUrl } from "./mediaErrors.js";

/** Resolves a host name to every address it has (the shape of dns.promises.lookup(host, { all: true })). */
export type HostLookup = (hostname: string) => Promise<ReadonlyArray<{ address: string; family?: number }>>;

export interface FetchImageOptions {
  /** Largest body accepted, in bytes. Default 10 MiB. */
  maxBytes?: number;
  /** One deadline for DNS, connect, headers and body, across every redirect. Default 15000. */
  timeoutMs?: number;
  /** Redirects followed (each hop is checked again). Default 3. */
  maxRedirects?: number;
  /**
   * `host` or `host:port` (IPv6 as `[::1]:8080`) entries whose URLs may reach loopback, private and other internal
   * addresses; nothing else can. Matched against the URL's host, not the address it resolves to.
   */
  allowedHosts?: readonly string[];
  /** Image formats accepted (Content-Type and the bytes both). Default jpeg, png, webp, gif. */
  acceptFormats?: readonly ImageFormat[];
  /** ETag of an earlier fetch: a 304 answer returns `{ notModified: true }`. */
  ifNoneMatch?: string;
  signal?: AbortSignal;
  /** DNS lookup, for tests. Default dns.promises.lookup(host, { all: true }). */
  lookup?: HostLookup;
  /** Default "Tijarat-media/1". */
  userAgent?: string;
}

export interface FetchedImageBody {
  notModified: false;
  bytes: Buffer;
  /** Canonical MIME type of the format (the server's Content-Type named the same format). */
  contentType: string;
  format: ImageFormat;
  width: number;
  height: number;
  byteLength: number;
  /** sha256 of the bytes, lower-case hex. */
  contentHash: string;
  etag?: string;
  /** The URL the image came from after redirects (query string included: do not log it). */
  finalUrl: string;
}

export interface ImageNotModified {
  notModified: true;
  etag?: string;
  finalUrl: string;
}

export type FetchedImage = FetchedImageBody | ImageNotModified;

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_REDIRECTS = 3;
export const DEFAULT_ACCEPT_FORMATS: readonly ImageFormat[] = ["jpeg", "png", "webp", "gif"];

const ALLOW_HINT = "add the host to MEDIA_ALLOWED_HOSTS to allow it";
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const MIME_FORMATS: Record<string, ImageFormat> = {
  "image/jpeg": "jpeg",
  "image/jpg": "jpeg",
  "image/pjpeg": "jpeg",
  "image/png": "png",
  "image/x-png": "png",
  "image/webp": "webp",
  "image/gif": "gif",
};

const FORMAT_WORDS: Record<ImageFormat, string> = { jpeg: "a JPEG", png: "a PNG", webp: "a WebP", gif: "a GIF" };

const defaultLookup: HostLookup = (hostname) => dns.lookup(hostname, { all: true });

/** A URL checked and resolved: where to connect and which addresses were approved. */
interface Target {
  url: URL;
  /** Host name or IP literal without brackets, as given to http.request (Host header and SNI come from it). */
  hostname: string;
  port: number;
  addresses: LookupAddress[];
}

/**
 * Downloads one product image safely: http(s) only, no credentials in the URL, every address the host resolves to must
 * be public (unless the host is allowed), the connection goes to the address that was checked, redirects are
 * re-checked hop by hop, the size is capped while streaming, and the bytes must be an image of the declared,
 * accepted format. Throws MediaFetchError.
 */
export async function fetchImage(url: string, opts: FetchImageOptions = {}): Promise<FetchedImage> {
  const maxBytes = positive(opts.maxBytes, DEFAULT_MAX_BYTES, "maxBytes");
  const timeoutMs = positive(opts.timeoutMs, DEFAULT_TIMEOUT_MS, "timeoutMs");
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  if (!Number.isInteger(maxRedirects) || maxRedirects < 0) throw new RangeError("maxRedirects must be an integer >= 0");
  const allowed = (opts.allowedHosts ?? []).map(parseAllowedHost);
  const acceptFormats = opts.acceptFormats ?? DEFAULT_ACCEPT_FORMATS;
  const lookup = opts.lookup ?? defaultLookup;

  const shownUrl = redactUrl(url);
  let where = shownUrl;
  const fail = (
    reason: MediaFetchReason,
    words: string,
    transient: boolean,
    extra: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) => new MediaFetchError(reason, `${where}: ${words}`, transient, { url: shownUrl, ...extra });

  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, timeoutMs);
  const onCallerAbort = () => deadline.abort();
  opts.signal?.addEventListener("abort", onCallerAbort, { once: true });
  if (opts.signal?.aborted) deadline.abort();
  const abortError = () =>
    timedOut
      ? fail("timeout", `no complete answer within ${timeoutMs} ms`, true)
      : fail("aborted", "the fetch was aborted", true, { cause: opts.signal?.reason });

  try {
    let current = parseUrl(url, fail);
    const headers: OutgoingHttpHeaders = {
      accept: acceptFormats.map((f) => `image/${f}`).join(", "),
      "accept-encoding": "identity",
      "user-agent": opts.userAgent ?? "Tijarat-media/1",
    };
    if (opts.ifNoneMatch) headers["if-none-match"] = opts.ifNoneMatch;

    for (let redirects = 0; ; redirects++) {
      if (deadline.signal.aborted) throw abortError();
      const target = await checkTarget(current, allowed, lookup, deadline.signal, fail, abortError);
      const res = await send(target, headers, deadline.signal).catch((err: unknown) => {
        throw deadline.signal.aborted ? abortError() : networkError(err, fail);
      });
      try {
        const status = res.statusCode ?? 0;
        if (REDIRECT_STATUSES.has(status)) {
          const location = res.headers.location;
          if (!location)
            throw fail("http_status", `HTTP ${status} redirect without a Location header`, false, { status });
          if (redirects >= maxRedirects) {
            throw fail("too_many_redirects", `more than ${maxRedirects} redirects`, false, { status });
          }
          current = parseUrl(location, fail, current);
          where = `${shownUrl} (redirected to ${redactUrl(current)})`;
          continue;
        }
        if (status === 304 && opts.ifNoneMatch) {
          const etag = header(res, "etag");
          return { notModified: true, finalUrl: current.href, ...(etag ? { etag } : {}) };
        }
        if (status < 200 || status > 299) {
          const transient = status >= 500 || status === 429;
          const retryAfterMs = transient ? parseRetryAfter(header(res, "retry-after")) : undefined;
          throw fail("http_status", `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ""}`, transient, {
            status,
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
          });
        }

        const declared = contentFormat(header(res, "content-type"), acceptFormats, fail);
        const length = header(res, "content-length");
        if (length !== undefined && /^\d+$/.test(length) && Number(length) > maxBytes) {
          throw fail("too_large", `Content-Length ${length} is over the ${maxBytes}-byte limit`, false);
        }
        const bytes = await readBody(res, maxBytes).catch((err: unknown) => {
          if (err instanceof BodyTooLarge)
            throw fail("too_large", `the body is over the ${maxBytes}-byte limit`, false);
          throw deadline.signal.aborted ? abortError() : networkError(err, fail);
        });

        if (bytes.byteLength === 0) throw fail("not_image", "the body is empty", false);
        const info = inspectImage(bytes);
        if (!info)
          throw fail("not_image", `the body is not ${FORMAT_WORDS[declared]} image (not a known image format)`, false);
        if (info.format !== declared) {
          throw fail(
            "content_type",
            `Content-Type says image/${declared} but the body is ${FORMAT_WORDS[info.format]} image`,
            false,
          );
        }
        const etag = header(res, "etag");
        return {
          notModified: false,
          bytes,
          contentType: `image/${info.format}`,
          format: info.format,
          width: info.width,
          height: info.height,
          byteLength: bytes.byteLength,
          contentHash: createHash("sha256").update(bytes).digest("hex"),
          ...(etag ? { etag } : {}),
          finalUrl: current.href,
        };
      } finally {
        res.destroy();
      }
    }
  } catch (err) {
    if (err instanceof MediaFetchError) throw err;
    throw deadline.signal.aborted ? abortError() : networkError(err, fail);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onCallerAbort);
  }
}

type Fail = (
  reason: MediaFetchReason,
  words: string,
  transient: boolean,
  extra?: { status?: number; retryAfterMs?: number; cause?: unknown },
) => MediaFetchError;

function positive(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${name} must be a positive number`);
  return v;
}

function parseUrl(text: string, fail: Fail, base?: URL): URL {
  try {
    return new URL(text, base);
  } catch {
    throw fail("invalid_url", base ? "the redirect Location is not a valid URL" : "not a valid URL", false);
  }
}

/** Scheme, credentials, allow-list and address checks for one hop; returns the approved addresses. */
async function checkTarget(
  url: URL,
  allowed: readonly AllowedHost[],
  lookup: HostLookup,
  signal: AbortSignal,
  fail: Fail,
  abortError: () => MediaFetchError,
): Promise<Target> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw fail("scheme", `only http and https URLs are fetched, not ${url.protocol}`, false);
  }
  if (url.username !== "" || url.password !== "") {
    throw fail("credentials", "URLs with a user name or password are refused", false);
  }
  const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  const isAllowed = isAllowedHost(allowed, hostname, port);
  const check = isAllowed ? allowedAddressProblem : addressProblem;
  const hint = isAllowed ? "" : `; ${ALLOW_HINT}`;

  const family = isIP(hostname);
  if (family !== 0) {
    const problem = check(hostname);
    if (problem) throw fail("blocked_address", `${problem}${hint}`, false);
    return { url, hostname, port, addresses: [{ address: hostname, family }] };
  }

  let answers: ReadonlyArray<{ address: string; family?: number }>;
  try {
    answers = await abortable(lookup(normalizeHost(hostname)), signal);
  } catch (err) {
    if (signal.aborted) throw abortError();
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    throw fail("dns", `could not resolve ${hostname}${code ? ` (${code})` : ""}`, true, { cause: err });
  }
  if (answers.length === 0) throw fail("dns", `${hostname} resolves to no address`, true);
  const addresses: LookupAddress[] = [];
  for (const answer of answers) {
    const problem = check(answer.address);
    if (problem) {
      const all = answers.map((a) => a.address).join(", ");
      throw fail("blocked_address", `${hostname} resolves to ${all}; ${problem}${hint}`, false);
    }
    addresses.push({ address: answer.address, family: isIP(answer.address) });
  }
  return { url, hostname, port, addresses };
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

/** A lookup that only ever answers with the approved addresses, so the socket connects to what was checked. */
function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const fam = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : (options.family ?? 0);
    const usable = fam === 0 ? addresses : addresses.filter((a) => a.family === fam);
    const first = usable[0];
    if (!first) {
      const err: NodeJS.ErrnoException = new Error(`no approved IPv${fam} address`);
      err.code = "ENOTFOUND";
      callback(err, "", 0);
      return;
    }
    if (options.all) callback(null, [...usable]);
    else callback(null, first.address, first.family);
  };
}

function send(target: Target, headers: OutgoingHttpHeaders, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const transport = target.url.protocol === "https:" ? https : http;
    const req = transport.request(
      {
        protocol: target.url.protocol,
        hostname: target.hostname,
        port: target.port,
        path: `${target.url.pathname}${target.url.search}`,
        method: "GET",
        headers,
        // A fresh connection per request (no pooled socket to another address) and never an environment proxy,
        // which would resolve the name again on its side.
        agent: false,
        lookup: pinnedLookup(target.addresses),
        signal,
      },
      resolve,
    );
    req.on("error", reject);
    req.end();
  });
}

/** Thrown inside readBody when the byte count passes maxBytes. */
class BodyTooLarge extends Error {}

async function readBody(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      res.destroy();
      throw new BodyTooLarge();
    }
    chunks.push(chunk);
  }
  if (!res.complete)
    throw Object.assign(new Error("the connection closed before the body was complete"), { code: "ECONNRESET" });
  return Buffer.concat(chunks, total);
}

function header(res: IncomingMessage, name: string): string | undefined {
  const value = res.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === "" ? undefined : text;
}

function contentFormat(contentType: string | undefined, accept: readonly ImageFormat[], fail: Fail): ImageFormat {
  if (!contentType) throw fail("content_type", "the answer has no Content-Type", false);
  const essence = (contentType.split(";", 1)[0] ?? "").trim().toLowerCase();
  const format = MIME_FORMATS[essence];
  const wanted = accept.map((f) => `image/${f}`).join(", ");
  if (!format) throw fail("content_type", `Content-Type ${essence || contentType} is not one of ${wanted}`, false);
  if (!accept.includes(format)) throw fail("content_type", `Content-Type ${essence} is not one of ${wanted}`, false);
  return format;
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
  "ENOTFOUND",
  "ERR_STREAM_PREMATURE_CLOSE",
  "UND_ERR_SOCKET",
]);

function networkError(err: unknown, fail: Fail): MediaFetchError {
  if (err instanceof MediaFetchError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  const transient = code !== undefined && TRANSIENT_CODES.has(code);
  return fail("network", `${message}${code && !message.includes(code) ? ` (${code})` : ""}`, transient, { cause: err });
}
