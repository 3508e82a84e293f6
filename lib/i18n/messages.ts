import { de } from "./dictionaries/de";
import { en, type Messages } from "./dictionaries/en";
import { es } from "./dictionaries/es";
import { fr } from "./dictionaries/fr";
import { ptBR } from "./dictionaries/pt-br";
import type { Locale } from "./locales";

export type { Messages };

export const DICTIONARIES: Record<Locale, Messages> = { en, es, fr, de, "pt-BR": ptBR };

export function messagesFor(locale: Locale): Messages {
  return DICTIONARIES[locale];
}

export type Values = Record<string, string | number>;

/** Fills {name} placeholders; a placeholder without a value stays visible rather than vanishing. */
export function fill(template: string, values: Values = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Picks `<key>_one` / `<key>_other` from a section by the locale's plural rules, then fills it. */
export function plural(
  section: Record<string, string>,
  key: string,
  count: number,
  locale: Locale,
  values: Values = {},
): string {
  const category = new Intl.PluralRules(locale).select(count);
  const template = section[`${key}_${category}`] ?? section[`${key}_other`] ?? key;
  return fill(template, { count, ...values });
}
