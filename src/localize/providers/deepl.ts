import { TranslationThrottledError, TranslationTransientError } from "./errors.js";
import { chunks, classifyStatus, excerpt, postJson, retryAfterMs } from "./http.js";
import { deeplSource, deeplTarget } from "./languageCodes.js";
import type { ProviderOptions, TranslateRequest, TranslationProvider } from "./types.js";

const NAME = "deepl";
/** 456: the character quota of the billing period is used up; waiting is the only cure short of a bigger plan. */
export const DEEPL_QUOTA_WAIT_MS = 3_600_000;

/**
 * DeepL API v2: POST /v2/translate on api.deepl.com (api-free.deepl.com for Free keys, which end in ":fx"), header
 * `Authorization: DeepL-Auth-Key <key>`, JSON {text[], source_lang, target_lang, tag_handling}; answer
 * {translations: [{detected_source_language, text}]}. 429 and 529 are throttling, 456 is quota exceeded, 403 a bad key.
 */
export class DeepLProvider implements TranslationProvider {
  readonly name = NAME;
  readonly #url: string;
  readonly #apiKey: string;
  readonly #timeoutMs: number;

  constructor(opts: ProviderOptions & { apiKey: string }) {
    this.#apiKey = opts.apiKey;
    const base = opts.baseUrl ?? (opts.apiKey.endsWith(":fx") ? "https://api-free.deepl.com" : "https://api.deepl.com");
    this.#url = `${base.replace(/\/+$/, "")}/v2/translate`;
    this.#timeoutMs = opts.timeoutMs ?? 30_000;
  }

  async translate(texts: string[], req: TranslateRequest, ctx: { signal?: AbortSignal } = {}): Promise<string[]> {
    const out: string[] = [];
    // At most 50 texts per request (and 128 KiB per body: descriptions are far below that).
    for (const batch of chunks(texts, 50)) {
      const reply = await postJson({
        provider: NAME,
        url: this.#url,
        headers: { authorization: `DeepL-Auth-Key ${this.#apiKey}` },
        body: {
          text: batch,
          source_lang: deeplSource(req.source),
          target_lang: deeplTarget(req.target),
          ...(req.format === "html" ? { tag_handling: "html" } : {}),
        },
        timeoutMs: this.#timeoutMs,
        signal: ctx.signal,
      });
      const body = reply.json as { translations?: unknown; message?: unknown } | undefined;
      if (reply.status !== 200) {
        const message = excerpt(body?.message ?? reply.text);
        if (reply.status === 456) {
          throw new TranslationThrottledError(
            `character quota exceeded: ${message}`,
            "QUOTA_EXCEEDED",
            NAME,
            DEEPL_QUOTA_WAIT_MS,
          );
        }
        if (reply.status === 529) {
          throw new TranslationThrottledError(
            `too many requests: ${message}`,
            "HTTP_529",
            NAME,
            retryAfterMs(reply.headers["retry-after"]) ?? 5_000,
          );
        }
        throw classifyStatus(NAME, reply, message, 5_000);
      }
      const list = body?.translations;
      if (
        !Array.isArray(list) ||
        list.length !== batch.length ||
        !list.every((t) => t && typeof t === "object" && typeof (t as { text?: unknown }).text === "string")
      ) {
        throw new TranslationTransientError(`unexpected answer: ${excerpt(reply.text, 120)}`, "MALFORMED", NAME);
      }
      out.push(...list.map((t) => (t as { text: string }).text));
    }
    return out;
  }
}
