import { z } from "zod";

/**
 * The dates we believe: nothing before 2000-01-01 and nothing more than a year after `now`, for event
 * timestamps, carrier estimates and order dates. A far-future date used to stall the server (business-day
 * loops walked to year 9999) and froze a shipment's status (no later event could ever be newer).
 */
export const EARLIEST_DATE = new Date(Date.UTC(2000, 0, 1));
export const MAX_DAYS_AHEAD = 366;

export function latestDate(now: Date): Date {
  return new Date(now.getTime() + MAX_DAYS_AHEAD * 86_400_000);
}

export function isInDateWindow(date: Date, now: Date): boolean {
  const time = date.getTime();
  return Number.isFinite(time) && time >= EARLIEST_DATE.getTime() && time <= latestDate(now).getTime();
}

export const DATE_WINDOW_MESSAGE = "must be between 2000-01-01 and one year from now";

/**
 * An ISO-8601 instant with an offset, inside the window around the moment it is validated. Schemas are
 * parsed at the boundary, where "now" is the request's own clock.
 */
export function instantInWindow(clock: () => Date = () => new Date()) {
  return z.iso
    .datetime({ offset: true })
    .refine((text) => isInDateWindow(new Date(text), clock()), DATE_WINDOW_MESSAGE);
}

/**
 * A calendar date "YYYY-MM-DD" (a day somewhere, not an instant: a shop's promised delivery date) inside the
 * same window, so a promise in year 9999 cannot send the business-day arithmetic on a walk either.
 */
export function dayInWindow(clock: () => Date = () => new Date()) {
  return z.iso
    .date()
    .refine((text) => isInDateWindow(new Date(`${text}T00:00:00.000Z`), clock()), DATE_WINDOW_MESSAGE);
}
