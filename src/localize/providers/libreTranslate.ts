import { TranslationTransientError } from "./errors.js";
import { chunks, classifyStatus, excerpt, postJson } from "./http.js";
import { libreCode } from "./languageCodes.js";
import type { ProviderOptions, TranslateRequest, TranslationProvider } from "./types.js";

const NAME = "libretranslate";

/**
 * Any LibreTranslate-compatible server: POST {base}/translate with {q, source, target, format, api_key}; the answer is
 * {translatedText} (a string, or an array when q was an array). Errors come as {error} with 400 (bad input), 403
 * (bad or missing key, banned), 429 (slow down) or 500.
 */
export class LibreTranslateProvider implements TranslationProvider {
  readonly name = NAME;
  readonly #baseUrl: string;
  readonly #apiKey: string | undefined;
  readonly #timeoutMs: number;

  constructor(opts: ProviderOptions & { baseUrl: string }) {
    this.#baseUrl = opts.baseUrl.replace(/\/+$/, "");
    this.#apiKey = opts.apiKey;
    this.#timeoutMs = opts.timeoutMs ?? 30_000;
  }

  async translate(texts: string[], req: TranslateRequest, ctx: { signal?: AbortSignal } = {}): Promise<string[]> {
    const out: string[] = [];
    for (const batch of chunks(texts, 50)) {
      const reply = await postJson({
        provider: NAME,
        url: `${this.#baseUrl}/translate`,
        body: {
          q: batch.length === 1 ? batch[0] : batch,
          source: libreCode(req.source),
          target: libreCode(req.target),
          format: req.format,
          ...(this.#apiKey ? { api_key: this.#apiKey } : {}),
        },
        timeoutMs: this.#timeoutMs,
        signal: ctx.signal,
      });
      const body = reply.json as { translatedText?: unknown; error?: unknown } | undefined;
      if (reply.status !== 200) throw classifyStatus(NAME, reply, excerpt(body?.error ?? reply.text), 10_000);
      const translated = body?.translatedText;
      const list = typeof translated === "string" ? [translated] : translated;
      if (!Array.isArray(list) || list.length !== batch.length || !list.every((t) => typeof t === "string")) {
        throw new TranslationTransientError(`unexpected answer: ${excerpt(reply.text, 120)}`, "MALFORMED", NAME);
      }
      out.push(...(list as string[]));
    }
    return out;
  }
}
