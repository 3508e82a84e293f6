import { isLocale, toLocale, type Locale } from "../i18n/locales";

/** The path segment proxy.ts uses when the request named no language we speak: the merchant's default applies. */
export const AUTO_LOCALE = "auto";

/** Request header proxy.ts sets with the negotiated language (a locale or "auto") for pages that read it. */
export const LANG_HEADER = "x-pp-lang";

export function resolvePageLocale(segment: string, merchantDefault: string): Locale | null {
  if (segment === AUTO_LOCALE) return toLocale(merchantDefault);
  return isLocale(segment) ? segment : null;
}
