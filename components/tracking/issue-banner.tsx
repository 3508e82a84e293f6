import type { Locale } from "@/lib/i18n/locales";
import { fill, type Messages } from "@/lib/i18n/messages";
import type { Banner, DateWindow } from "@/lib/tracking/banner";
import { formatCalendarDay } from "@/lib/tracking/dates";
import { windowText } from "@/lib/tracking/window";
import { Heading } from "./heading";
import { SupportLinks, type SupportContacts } from "./support-links";

interface Props {
  banner: Banner;
  contacts: SupportContacts;
  /** For a pickup: where (city, region). */
  place: string | null;
  locale: Locale;
  m: Messages;
  level: 2 | 3;
  id: string;
}

function windowPhrase(window: DateWindow, locale: Locale): string {
  const text = windowText(window.earliest, window.latest, locale);
  return text.single ? text.start : `${text.start} – ${text.end}`;
}

/**
 * When something slips, the page says so first and owns it: what happened, sorry, the new date (only when
 * one is known), what happens next, and how to reach the merchant.
 */
export function IssueBanner({ banner, contacts, place, locale, m, level, id }: Props) {
  const b = m.banner;
  const [title, body, next] = ((): [string, string, string | null] => {
    switch (banner.kind) {
      case "late": {
        const next = banner.newWindow
          ? fill(b.lateNext, { date: formatCalendarDay(banner.newWindow.latest, locale) })
          : b.lateNextNoDate;
        return [b.lateTitle, b.lateBody, next];
      }
      case "stalled":
        return [b.stalledTitle, b.stalledBody, b.lateNextNoDate];
      case "exception":
        return [b.exceptionTitle, fill(b.exceptionBody, { reason: m.events[banner.reason ?? "exception"] }), b.exceptionNext];
      case "attempted":
        return [b.attemptedTitle, b.attemptedBody, b.attemptedNext];
      case "pickup":
        return [b.pickupTitle, place ? fill(b.pickupBody, { place }) : b.pickupBodyNoPlace, b.pickupNext];
      case "returned":
        return [b.returnedTitle, b.returnedBody, b.returnedNext];
      case "cancelled":
        return [b.cancelledTitle, b.cancelledBody, null];
    }
  })();
  const severe = banner.kind === "exception" || banner.kind === "returned" || banner.kind === "cancelled";
  const dated = banner.kind === "late" || banner.kind === "exception";

  return (
    <section
      aria-labelledby={id}
      data-banner={banner.kind}
      className={`mt-4 rounded-lg border-l-4 p-4 ${severe ? "border-red-700 bg-red-50" : "border-amber-600 bg-amber-50"}`}
    >
      <Heading level={level} id={id} className="text-base font-semibold text-slate-900">
        {title}
      </Heading>
      <p className="mt-1 text-sm text-slate-800">{body}</p>
      {dated ? (
        banner.newWindow ? (
          <p className="mt-2 text-sm font-semibold text-slate-900">
            {fill(b.newDate, { window: windowPhrase(banner.newWindow, locale) })}
            {banner.previousWindow ? (
              <span className="ml-2 font-normal text-slate-700">
                ({fill(b.previousDate, { window: windowPhrase(banner.previousWindow, locale) })})
              </span>
            ) : null}
          </p>
        ) : banner.kind === "late" ? (
          <p className="mt-2 text-sm text-slate-800">{b.noNewDate}</p>
        ) : null
      ) : null}
      {next ? (
        <>
          <Heading level={(level + 1) as 3 | 4} className="mt-3 text-sm font-semibold text-slate-900">
            {b.whatNext}
          </Heading>
          <p className="mt-1 text-sm text-slate-800">{next}</p>
        </>
      ) : null}
      <SupportLinks contacts={contacts} m={m} />
    </section>
  );
}
