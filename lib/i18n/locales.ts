/** The languages the shopper-facing pages speak. Codes are BCP 47, as in `<html lang>` and Accept-Language. */
export const LOCALES = ["en", "es", "fr", "de", "pt-BR"] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = "en";

/** Names in their own language, for the switcher (a language is always offered in itself). */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  es: "Español",
  fr: "Français",
  de: "Deutsch",
  "pt-BR": "Português (Brasil)",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** A merchant's stored default, whatever its case ("pt-br", "PT-BR"), or the house default. */
export function toLocale(value: string | null | undefined): Locale {
  return matchLocale(value ?? "") ?? DEFAULT_LOCALE;
}

/**
 * One language tag to a supported locale: exact (case-insensitive) first, then by primary language
 * ("es-MX" → "es", "pt" or "pt-PT" → "pt-BR", the only Portuguese we have).
 */
export function matchLocale(tag: string): Locale | null {
  const wanted = tag.trim().toLowerCase();
  if (!wanted || wanted === "*") return null;
  const exact = LOCALES.find((locale) => locale.toLowerCase() === wanted);
  if (exact) return exact;
  const primary = wanted.split("-")[0];
  return LOCALES.find((locale) => locale.toLowerCase().split("-")[0] === primary) ?? null;
}
