/** Catalog locales (BCP 47) to each provider's own language codes. */
const script = (locale: string) => /-(Hans|Hant)\b/i.exec(locale)?.[1]?.toLowerCase();
const primary = (locale: string) => (locale.split("-")[0] ?? locale).toLowerCase();

/** LibreTranslate (Argos models): zh is Simplified Chinese, zt Traditional; others by primary subtag. */
export function libreCode(locale: string): string {
  if (primary(locale) === "zh") return script(locale) === "hant" || /-(TW|HK|MO)$/i.test(locale) ? "zt" : "zh";
  return primary(locale);
}

/** DeepL: source languages are bare (EN, ZH); targets carry variants (ZH-HANS, EN-GB, PT-PT). */
export function deeplSource(locale: string): string {
  return primary(locale).toUpperCase();
}

export function deeplTarget(locale: string): string {
  const p = primary(locale);
  if (p === "zh") return script(locale) === "hant" || /-(TW|HK|MO)$/i.test(locale) ? "ZH-HANT" : "ZH-HANS";
  if (p === "en") return /-US$/i.test(locale) ? "EN-US" : "EN-GB";
  if (p === "pt") return /-BR$/i.test(locale) ? "PT-BR" : "PT-PT";
  return p.toUpperCase();
}

/** Google Cloud Translation v2: zh-CN / zh-TW, otherwise ISO 639-1. */
export function googleCode(locale: string): string {
  if (primary(locale) === "zh") return script(locale) === "hant" || /-(TW|HK|MO)$/i.test(locale) ? "zh-TW" : "zh-CN";
  return primary(locale);
}
