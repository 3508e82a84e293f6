import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { LanguageSwitcher } from "./language-switcher";

interface Props {
  merchant: { name: string; logoUrl: string | null };
  basePath: string;
  locale: Locale;
  m: Messages;
}

/** The merchant's band: logo or name on their colour, and the language switcher. */
export function TrackingHeader({ merchant, basePath, locale, m }: Props) {
  return (
    <header className="bg-[var(--brand)] text-[var(--brand-contrast)]">
      <div className="mx-auto flex max-w-2xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        {merchant.logoUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- merchant logos live on their own hosts; next/image would proxy them
          <img src={merchant.logoUrl} alt={merchant.name} className="h-9 w-auto max-w-48 object-contain" />
        ) : (
          <span className="text-lg font-semibold">{merchant.name}</span>
        )}
        <LanguageSwitcher basePath={basePath} current={locale} label={m.page.languageLabel} />
      </div>
    </header>
  );
}
