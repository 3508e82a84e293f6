import type { AlertLocale } from "../locales";

/**
 * Dates and times in the shopper's language (Intl, full ICU in Node). Delivery-window dates are calendar
 * dates (stored as UTC midnight), so they are formatted in UTC; instants (a delivery time) in the
 * shopper's zone.
 */
export type DateStyle = "short" | "long";

const dateOptions: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  short: { month: "short", day: "numeric", timeZone: "UTC" },
  long: { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" },
};

export function formatDay(date: Date, locale: AlertLocale, style: DateStyle): string {
  return new Intl.DateTimeFormat(locale, dateOptions[style]).format(date);
}

export function formatWindow(window: { earliest: Date; latest: Date }, locale: AlertLocale, style: DateStyle): string {
  const format = new Intl.DateTimeFormat(locale, dateOptions[style]);
  if (window.earliest.getTime() >= window.latest.getTime()) return format.format(window.latest);
  return format.formatRange(window.earliest, window.latest);
}

export function formatTime(instant: Date, locale: AlertLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone }).format(instant);
}

export function formatPlace(city: string | null, region: string | null): string | null {
  if (!city) return null;
  return region ? `${city}, ${region}` : city;
}
