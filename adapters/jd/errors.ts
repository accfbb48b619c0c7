import { AuthExpiredError, type ChannelError, PermanentError, ThrottledError, TransientError } from "../core/errors.js";
import type { HttpReply } from "../core/http.js";
import { JD_CHANNEL } from "./capabilities.js";

/** `{"error_response":{"code","zh_desc","en_desc"}}`: the gateway's answer to a refused call (always HTTP 200). */
export interface JdErrorBody {
  code?: string | number;
  zh_desc?: string;
  en_desc?: string;
  /** Some method wrappers carry their failure text here instead. */
  error_description?: string;
  msg?: string;
  message?: string;
}

export interface JdErrorOptions {
  /** Wait used for code 2 (App Call Limited): JD names no ban length. Default 1000 ms. */
  throttleWaitMs?: number;
  /** The method called, for messages. */
  method?: string;
  channel?: string;
}

export const DEFAULT_JD_THROTTLE_WAIT_MS = 1000;

type Kind = "throttled" | "auth" | "permanent";

/** Gateway codes from the JOS contract; every other code is a business failure (permanent). */
const GATEWAY_CODES: Record<string, { kind: Kind; hint: string }> = {
  "2": { kind: "throttled", hint: "App Call Limited: slow down" },
  "7": { kind: "permanent", hint: "clock error: timestamp missing; JD wants Beijing time (UTC+8) within +-6 minutes" },
  "8": {
    kind: "permanent",
    hint: "clock error: timestamp invalid or off by more than 6 minutes; check the server clock (JD wants Beijing time, UTC+8)",
  },
  "11": { kind: "permanent", hint: "signature missing" },
  "12": { kind: "permanent", hint: "signature invalid: check the app secret" },
  "14": { kind: "permanent", hint: "method missing" },
  "15": { kind: "permanent", hint: "method does not exist" },
  "19": { kind: "auth", hint: "access token invalid or expired" },
  "21": { kind: "permanent", hint: "invalid app key" },
  "2001": { kind: "permanent", hint: "the app has no permission for this API" },
};

export function isJdErrorResponse(json: unknown): json is { error_response: JdErrorBody } {
  return !!json && typeof json === "object" && "error_response" in json;
}

/** "... 请3秒后重试" / "... retry after 3 seconds" -> 3000; JD usually names no wait. */
export function parseJdWaitMs(text: string): number | undefined {
  const m = /(\d+)\s*(?:秒|s\b|sec|second)/i.exec(text);
  return m?.[1] ? Number(m[1]) * 1000 : undefined;
}

/** Maps a JD failure body (error_response, or a method wrapper whose code is not "0") to one of the four classes. */
export function mapJdError(body: JdErrorBody, opts: JdErrorOptions = {}, httpStatus = 200): ChannelError {
  const channel = opts.channel ?? JD_CHANNEL;
  const code = String(body.code ?? "UNKNOWN");
  const zh = body.zh_desc ?? "";
  const en = body.en_desc ?? body.error_description ?? body.msg ?? body.message ?? "";
  const said = [en, zh].filter(Boolean).join(" / ") || "no description";
  const where = opts.method ? ` (${opts.method})` : "";
  const gateway = GATEWAY_CODES[code];
  if (gateway) {
    const message = `JD ${code}: ${gateway.hint} - ${said}${where}`;
    if (gateway.kind === "throttled") {
      const waitMs = parseJdWaitMs(`${zh} ${en}`) ?? opts.throttleWaitMs ?? DEFAULT_JD_THROTTLE_WAIT_MS;
      return new ThrottledError(message, code, channel, Math.max(1, waitMs));
    }
    if (gateway.kind === "auth") return new AuthExpiredError(message, code, channel);
    return new PermanentError(message, code, channel);
  }
  if (httpStatus >= 500) return new TransientError(`JD ${code}: ${said}${where} (HTTP ${httpStatus})`, code, channel);
  return new PermanentError(`JD business failure ${code}: ${said}${where}`, code, channel);
}

/** HttpClient hook: an error_response (on any HTTP status) is mapped here; other replies go to the generic rules. */
export function jdReplyClassifier(opts: JdErrorOptions = {}): (reply: HttpReply) => ChannelError | undefined {
  return (reply) =>
    isJdErrorResponse(reply.json) ? mapJdError(reply.json.error_response ?? {}, opts, reply.status) : undefined;
}
