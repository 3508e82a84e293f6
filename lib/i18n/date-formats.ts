import type { Locale as DateFnsLocale } from "date-fns";
import { de, enUS, es, fr, ptBR } from "date-fns/locale";
import type { Locale } from "./locales";

/**
 * date-fns patterns per language. Kept out of the dictionaries: they are code, not prose, and several
 * are the same in every language ("p" is the locale's own short time).
 */
interface DatePatterns {
  /** A day in a window or a sentence: "Tue, Dec 2", "mar 2 de dic". */
  day: string;
  /** A timeline heading: "Tuesday, December 2". */
  heading: string;
  /** A time of day in the locale's own style. */
  time: string;
}

export const DATE_PATTERNS: Record<Locale, DatePatterns> = {
  en: { day: "EEE, MMM d", heading: "EEEE, MMMM d", time: "p" },
  es: { day: "EEE d 'de' MMM", heading: "EEEE d 'de' MMMM", time: "p" },
  fr: { day: "EEE d MMM", heading: "EEEE d MMMM", time: "p" },
  de: { day: "EEE, d. MMM", heading: "EEEE, d. MMMM", time: "p" },
  "pt-BR": { day: "EEE, d 'de' MMM", heading: "EEEE, d 'de' MMMM", time: "p" },
};

export const DATE_LOCALES: Record<Locale, DateFnsLocale> = { en: enUS, es, fr, de, "pt-BR": ptBR };
