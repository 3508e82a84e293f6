import type { ShipmentStatus } from "../carriers/status";
import type { Locale } from "../i18n/locales";
import { calendarKey, eventZone, formatCalendarDay, formatDay, formatTime } from "./dates";
import { formatPlace } from "./place";

export type WindowLine =
  | { kind: "delivered"; date: string; time: string; place: string | null }
  | { kind: "range"; start: string; end: string }
  | { kind: "single"; date: string }
  /** Not delivered and no estimate: say so, never invent a date. */
  | { kind: "none" }
  /** Returned or cancelled: no delivery to promise. */
  | { kind: "closed" };

export interface WindowInput {
  status: ShipmentStatus;
  etaEarliest: Date | null;
  etaLatest: Date | null;
  deliveredAt: Date | null;
  /** Newest first; the delivery scan gives the place and the local clock. */
  events: readonly { status: ShipmentStatus; city: string | null; region: string | null; occurredAt: Date; utcOffsetMinutes: number | null }[];
}

export function windowLine(input: WindowInput, fallbackZone: string, locale: Locale): WindowLine {
  if (input.status === "DELIVERED") {
    const scan = input.events.find((event) => event.status === "DELIVERED");
    const at = input.deliveredAt ?? scan?.occurredAt ?? null;
    if (at) {
      const zone = eventZone(scan?.utcOffsetMinutes ?? null, fallbackZone);
      return {
        kind: "delivered",
        date: formatDay(at, zone, locale),
        time: formatTime(at, zone, locale),
        place: scan ? formatPlace(scan.city, scan.region) : null,
      };
    }
  }
  if (input.status === "RETURNED_TO_SENDER" || input.status === "CANCELLED") return { kind: "closed" };
  if (input.status === "DELIVERED") return { kind: "closed" };
  const { etaEarliest: earliest, etaLatest: latest } = input;
  if (!earliest || !latest) return { kind: "none" };
  if (calendarKey(earliest) === calendarKey(latest)) return { kind: "single", date: formatCalendarDay(latest, locale) };
  return { kind: "range", start: formatCalendarDay(earliest, locale), end: formatCalendarDay(latest, locale) };
}

/** "Tue, Dec 2 – Thu, Dec 4" style text of a stored window, for banners. */
export function windowText(earliest: Date, latest: Date, locale: Locale): { start: string; end: string; single: boolean } {
  return {
    start: formatCalendarDay(earliest, locale),
    end: formatCalendarDay(latest, locale),
    single: calendarKey(earliest) === calendarKey(latest),
  };
}
