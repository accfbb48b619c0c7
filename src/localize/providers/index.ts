import { DeepLProvider } from "./deepl.js";
import { GoogleTranslateProvider } from "./google.js";
import { LibreTranslateProvider } from "./libreTranslate.js";
import type { ProviderName, TranslationProvider } from "./types.js";

export * from "./errors.js";
export type { ProviderName, TranslateRequest, TranslationProvider } from "./types.js";

export interface ProviderSettings {
  TRANSLATION_PROVIDER: "none" | ProviderName;
  TRANSLATION_URL?: string | undefined;
  TRANSLATION_API_KEY?: string | undefined;
}

/** The configured provider, or null when machine translation is off (listings then wait for human content). */
export function createProvider(settings: ProviderSettings, timeoutMs?: number): TranslationProvider | null {
  const common = { ...(timeoutMs ? { timeoutMs } : {}) };
  switch (settings.TRANSLATION_PROVIDER) {
    case "none":
      return null;
    case "libretranslate":
      if (!settings.TRANSLATION_URL) throw new Error("TRANSLATION_PROVIDER=libretranslate needs TRANSLATION_URL");
      return new LibreTranslateProvider({
        ...common,
        baseUrl: settings.TRANSLATION_URL,
        apiKey: settings.TRANSLATION_API_KEY,
      });
    case "deepl":
      if (!settings.TRANSLATION_API_KEY) throw new Error("TRANSLATION_PROVIDER=deepl needs TRANSLATION_API_KEY");
      return new DeepLProvider({ ...common, apiKey: settings.TRANSLATION_API_KEY, baseUrl: settings.TRANSLATION_URL });
    case "google":
      if (!settings.TRANSLATION_API_KEY) throw new Error("TRANSLATION_PROVIDER=google needs TRANSLATION_API_KEY");
      return new GoogleTranslateProvider({
        ...common,
        apiKey: settings.TRANSLATION_API_KEY,
        baseUrl: settings.TRANSLATION_URL,
      });
  }
}
