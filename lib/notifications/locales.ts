/** Languages alerts are written in. The page's language picks one; anything else falls back to English. */
export const ALERT_LOCALES = ["en", "es", "fr", "de", "pt-BR"] as const;

export type AlertLocale = (typeof ALERT_LOCALES)[number];

export function isAlertLocale(value: unknown): value is AlertLocale {
  return typeof value === "string" && (ALERT_LOCALES as readonly string[]).includes(value);
}

/** "pt", "pt-br", "es-MX", "fr_CA" → the closest supported language; unknown → fallback. */
export function normalizeLocale(value: string | null | undefined, fallback: AlertLocale = "en"): AlertLocale {
  if (!value) return fallback;
  const cleaned = value.trim().replace("_", "-");
  const exact = ALERT_LOCALES.find((locale) => locale.toLowerCase() === cleaned.toLowerCase());
  if (exact) return exact;
  const language = cleaned.split("-")[0]!.toLowerCase();
  if (language === "pt") return "pt-BR";
  return ALERT_LOCALES.find((locale) => locale === language) ?? fallback;
}
