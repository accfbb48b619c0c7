import { TranslationPermanentError, TranslationThrottledError, TranslationTransientError } from "./errors.js";
import { chunks, classifyStatus, excerpt, postJson, retryAfterMs } from "./http.js";
import { googleCode } from "./languageCodes.js";
import type { ProviderOptions, TranslateRequest, TranslationProvider } from "./types.js";

const NAME = "google";
export const GOOGLE_DAILY_QUOTA_WAIT_MS = 3_600_000;

interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string; errors?: { reason?: string; message?: string }[] };
}

/**
 * Google Cloud Translation Basic (v2): POST https://translation.googleapis.com/language/translate/v2?key=... with
 * {q: [...], source, target, format: html|text}; answer {data: {translations: [{translatedText}]}}. Errors come as
 * {error: {code, message, errors: [{reason}]}}: 403 rateLimitExceeded/userRateLimitExceeded (per-minute quota) and
 * dailyLimitExceeded (daily quota) are throttling; other 400/403 (keyInvalid, bad language, billing) are permanent.
 */
export class GoogleTranslateProvider implements TranslationProvider {
  readonly name = NAME;
  readonly #url: string;
  readonly #apiKey: string;
  readonly #timeoutMs: number;

  constructor(opts: ProviderOptions & { apiKey: string }) {
    this.#apiKey = opts.apiKey;
    this.#url = `${(opts.baseUrl ?? "https://translation.googleapis.com").replace(/\/+$/, "")}/language/translate/v2`;
    this.#timeoutMs = opts.timeoutMs ?? 30_000;
  }

  async translate(texts: string[], req: TranslateRequest, ctx: { signal?: AbortSignal } = {}): Promise<string[]> {
    const out: string[] = [];
    // v2 takes at most 128 strings per request.
    for (const batch of chunks(texts, 100)) {
      const reply = await postJson({
        provider: NAME,
        url: this.#url,
        params: { key: this.#apiKey },
        body: { q: batch, source: googleCode(req.source), target: googleCode(req.target), format: req.format },
        timeoutMs: this.#timeoutMs,
        signal: ctx.signal,
      });
      if (reply.status !== 200) throw googleError(reply.status, reply.json as GoogleErrorBody, reply);
      const list = (reply.json as { data?: { translations?: unknown } } | undefined)?.data?.translations;
      if (
        !Array.isArray(list) ||
        list.length !== batch.length ||
        !list.every(
          (t) => t && typeof t === "object" && typeof (t as { translatedText?: unknown }).translatedText === "string",
        )
      ) {
        throw new TranslationTransientError(`unexpected answer: ${excerpt(reply.text, 120)}`, "MALFORMED", NAME);
      }
      out.push(...list.map((t) => (t as { translatedText: string }).translatedText));
    }
    return out;
  }
}

function googleError(status: number, body: GoogleErrorBody | undefined, reply: Parameters<typeof classifyStatus>[1]) {
  const reasons = (body?.error?.errors ?? []).map((e) => e.reason ?? "");
  const message = excerpt(body?.error?.message ?? reply.text);
  const reason = reasons[0];
  if (reasons.includes("dailyLimitExceeded") || reasons.includes("quotaExceeded")) {
    return new TranslationThrottledError(`daily quota exceeded: ${message}`, reason, NAME, GOOGLE_DAILY_QUOTA_WAIT_MS);
  }
  if (reasons.includes("rateLimitExceeded") || reasons.includes("userRateLimitExceeded")) {
    return new TranslationThrottledError(
      `rate limit exceeded: ${message}`,
      reason,
      NAME,
      retryAfterMs(reply.headers["retry-after"]) ?? 60_000,
    );
  }
  if (status === 400 || status === 401 || status === 403 || status === 404) {
    return new TranslationPermanentError(`HTTP ${status}: ${message}`, reason || `HTTP_${status}`, NAME);
  }
  return classifyStatus(NAME, reply, message, 60_000);
}
