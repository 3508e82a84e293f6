import { isInDateWindow } from "../validation/date-window";

export const PERIODS = [7, 30, 90] as const;
/** The longest custom period the analytics page draws (one bar a day). */
export const MAX_PERIOD_DAYS = 400;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export type Period = { from: Date; to: Date; label: string; days?: number };

/** A YYYY-MM-DD that is a real day inside the date window (2000 to a year ahead), else null. */
function dayOf(text: string | undefined, now: Date): Date | null {
  if (!text || !DAY.test(text)) return null;
  const date = new Date(`${text}T00:00:00Z`);
  // "2026-02-30" parses as an invalid date; "0000-01-01" is a valid one PostgreSQL refuses.
  if (!isInDateWindow(date, now) || date.toISOString().slice(0, 10) !== text) return null;
  return date;
}

/**
 * The analytics period from the page's query string: ?from=&to= (days, inclusive) when both are real days
 * in the window, in order and at most MAX_PERIOD_DAYS apart; else ?days= (7, 30, 90; default 30).
 */
export function periodFrom(params: { days?: string; from?: string; to?: string }, now: Date): Period {
  const from = dayOf(params.from, now);
  const to = dayOf(params.to, now);
  if (from && to && from <= to && to.getTime() - from.getTime() < MAX_PERIOD_DAYS * 86_400_000) {
    return { from, to: new Date(to.getTime() + 86_400_000), label: `${params.from} – ${params.to}` };
  }
  const days = PERIODS.find((d) => String(d) === params.days) ?? 30;
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 86_400_000);
  return { from: new Date(end.getTime() - days * 86_400_000), to: end, label: `last ${days} days`, days };
}
