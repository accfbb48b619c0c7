/** What the translation pipeline needs from a machine translation service. */
export interface TranslateRequest {
  /** BCP 47 tags as the catalog stores them (en, zh-Hans, ur); each provider maps them to its own codes. */
  source: string;
  target: string;
  /** html: tags are kept and only text is translated; text: plain strings. */
  format: "html" | "text";
}

export interface TranslationProvider {
  /** Stored as TranslationMemory.origin: libretranslate, deepl or google. */
  readonly name: string;
  /** Translates many strings in as few calls as the provider allows; the answer keeps the input's order. */
  translate(texts: string[], request: TranslateRequest, ctx?: { signal?: AbortSignal }): Promise<string[]>;
}

export type ProviderName = "libretranslate" | "deepl" | "google";

export interface ProviderOptions {
  /** Base URL; required for LibreTranslate, optional (a proxy, a regional endpoint) for the others. */
  baseUrl?: string | undefined;
  apiKey?: string | undefined;
  timeoutMs?: number;
}
