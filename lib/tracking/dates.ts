import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { DATE_LOCALES, DATE_PATTERNS } from "../i18n/date-formats";
import type { Locale } from "../i18n/locales";

/** "+05:30" / "-05:00" from minutes east of UTC, the form TZDate accepts as a zone. */
export function offsetZone(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

export function isTimeZone(zone: string | null | undefined): zone is string {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Where to read an event's clock: its own offset when the carrier gave one, else the shopper's zone
 * (the event's place is unknown, the shopper's own clock is the next most useful), else UTC.
 */
export function eventZone(utcOffsetMinutes: number | null, fallbackZone: string): string {
  return utcOffsetMinutes === null ? fallbackZone : offsetZone(utcOffsetMinutes);
}

export function inZone(instant: Date, zone: string): TZDate {
  return new TZDate(instant.getTime(), zone);
}

/** A calendar date stored as @db.Date (midnight UTC) formatted as that same date, wherever the server runs. */
export function formatCalendarDay(date: Date, locale: Locale): string {
  return format(new TZDate(date.getTime(), "UTC"), DATE_PATTERNS[locale].day, { locale: DATE_LOCALES[locale] });
}

export function formatDay(instant: Date, zone: string, locale: Locale): string {
  return format(inZone(instant, zone), DATE_PATTERNS[locale].day, { locale: DATE_LOCALES[locale] });
}

export function formatHeading(instant: Date, zone: string, locale: Locale): string {
  return format(inZone(instant, zone), DATE_PATTERNS[locale].heading, { locale: DATE_LOCALES[locale] });
}

export function formatTime(instant: Date, zone: string, locale: Locale): string {
  return format(inZone(instant, zone), DATE_PATTERNS[locale].time, { locale: DATE_LOCALES[locale] });
}

/** "2026-12-02": the local calendar day of an instant in a zone (grouping key). */
export function localDayKey(instant: Date, zone: string): string {
  return format(inZone(instant, zone), "yyyy-MM-dd");
}

/**
 * The zone as people read it: "GMT-5" for a bare offset; for a named zone the locale's short name
 * ("PST" in English, "GMT-8" where the locale has no abbreviation).
 */
export function zoneLabel(instant: Date, zone: string, locale: Locale): string {
  if (/^[+-]\d{2}:\d{2}$/.test(zone)) {
    return format(inZone(instant, zone), "O", { locale: DATE_LOCALES[locale] });
  }
  const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" }).formatToParts(instant);
  return parts.find((part) => part.type === "timeZoneName")?.value ?? zone;
}

/** ISO 8601 with the local offset, for <time dateTime>. */
export function isoLocal(instant: Date, zone: string): string {
  return format(inZone(instant, zone), "yyyy-MM-dd'T'HH:mmXXX");
}

/** The UTC calendar day of a @db.Date, "YYYY-MM-DD". */
export function calendarKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}
