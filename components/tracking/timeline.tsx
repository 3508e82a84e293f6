import type { Locale } from "@/lib/i18n/locales";
import { plural, type Messages } from "@/lib/i18n/messages";
import type { Timeline as TimelineData, TimelineDay } from "@/lib/tracking/timeline";
import { Heading } from "./heading";

interface Props {
  timeline: TimelineData;
  locale: Locale;
  m: Messages;
  level: 2 | 3;
  id: string;
}

/** Newest first, grouped by local day; older history folds into a native <details> (no JavaScript needed). */
export function Timeline({ timeline, locale, m, level, id }: Props) {
  const empty = timeline.recent.length === 0;
  return (
    <section aria-labelledby={id} className="mt-6">
      <Heading level={level} id={id} className="text-base font-semibold text-slate-900">
        {m.timeline.title}
      </Heading>
      {empty ? (
        <p className="mt-2 text-sm text-slate-700">{m.timeline.empty}</p>
      ) : (
        <>
          <Days days={timeline.recent} locale={locale} m={m} level={level} />
          {timeline.earlierCount > 0 ? (
            <details className="mt-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
              <summary className="cursor-pointer text-sm font-medium text-[var(--brand-ink)] underline-offset-2 hover:underline">
                {plural(m.timeline, "earlier", timeline.earlierCount, locale)}
              </summary>
              <Days days={timeline.earlier} locale={locale} m={m} level={level} />
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}

function Days({ days, locale, m, level }: { days: TimelineDay[]; locale: Locale; m: Messages; level: 2 | 3 }) {
  const dayLevel = (level + 1) as 3 | 4;
  return (
    <div className="mt-2 space-y-4">
      {days.map((day) => (
        <div key={day.key}>
          <Heading level={dayLevel} className="text-sm font-semibold text-slate-700">
            {day.heading}
          </Heading>
          <ol className="mt-1 space-y-2 border-l-2 border-slate-200 pl-4">
            {day.items.map((item) => (
              <li key={item.id} className="text-sm">
                <p className="font-medium text-slate-900">{locale === "en" ? item.description : m.events[item.label]}</p>
                <p className="text-slate-700">
                  <time dateTime={item.dateTime}>
                    {item.time} <span title={item.ownZone ? m.timeline.localTime : undefined}>{item.zone}</span>
                  </time>
                  {item.place ? <span> · {item.place}</span> : null}
                </p>
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}
