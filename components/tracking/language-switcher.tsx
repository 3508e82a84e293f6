import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales";

/** Plain links (?lang=), so switching works without JavaScript and each language is a cacheable page. */
export function LanguageSwitcher({ basePath, current, label }: { basePath: string; current: Locale; label: string }) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        {LOCALES.map((locale) => (
          <li key={locale}>
            <a
              href={`${basePath}?lang=${locale}`}
              hrefLang={locale}
              lang={locale}
              aria-current={locale === current ? "true" : undefined}
              className={`rounded underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-current ${
                locale === current ? "font-semibold underline" : ""
              }`}
            >
              {LOCALE_NAMES[locale]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
