import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";

/** An .ics download of the delivery window; only rendered when there is a window to add. */
export function CalendarLink({ token, locale, m }: { token: string; locale: Locale; m: Messages }) {
  return (
    <a
      href={`/api/tracking/${token}/calendar.ics?lang=${locale}`}
      download="delivery.ics"
      className="inline-flex items-center gap-1 text-sm font-medium text-[var(--brand-ink)] underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-none stroke-current stroke-2">
        <rect x="3" y="4" width="14" height="13" rx="2" />
        <path d="M3 8h14M7 2v4M13 2v4" />
      </svg>
      {m.calendar.add}
    </a>
  );
}
