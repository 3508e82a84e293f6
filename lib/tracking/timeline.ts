import type { ShipmentStatus } from "../carriers/status";
import type { Locale } from "../i18n/locales";
import { eventZone, formatHeading, formatTime, isoLocal, localDayKey, zoneLabel } from "./dates";
import { eventLabelKey, type EventLabelKey } from "./event-label";
import { formatPlace } from "./place";

export interface TimelineEventInput {
  status: ShipmentStatus;
  detailCode: string | null;
  description: string;
  city: string | null;
  region: string | null;
  occurredAt: Date;
  utcOffsetMinutes: number | null;
}

export interface TimelineItem {
  /** A key from the time and position: database ids stay out of the page. */
  id: string;
  label: EventLabelKey;
  /** The carrier's own words (shown where the page's language is the carrier's, English). */
  description: string;
  place: string | null;
  time: string;
  zone: string;
  dateTime: string;
  /** True when the clock is the event's own; false when it fell back to the shopper's zone. */
  ownZone: boolean;
}

export interface TimelineDay {
  key: string;
  heading: string;
  items: TimelineItem[];
}

export interface Timeline {
  recent: TimelineDay[];
  earlier: TimelineDay[];
  earlierCount: number;
}

/** How many events show before the rest fold away behind "Show N earlier updates". */
export const VISIBLE_EVENTS = 6;

/**
 * Events newest first, grouped by the local day where each happened (its own offset, else the
 * shopper's zone), split into what shows and what folds away.
 */
export function buildTimeline(
  events: readonly TimelineEventInput[],
  fallbackZone: string,
  locale: Locale,
  visible = VISIBLE_EVENTS,
): Timeline {
  const ordered = [...events].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime());
  return {
    recent: groupByDay(ordered.slice(0, visible), 0, fallbackZone, locale),
    earlier: groupByDay(ordered.slice(visible), visible, fallbackZone, locale),
    earlierCount: Math.max(0, ordered.length - visible),
  };
}

function groupByDay(events: readonly TimelineEventInput[], offset: number, fallbackZone: string, locale: Locale): TimelineDay[] {
  const days: TimelineDay[] = [];
  for (const [index, event] of events.entries()) {
    const zone = eventZone(event.utcOffsetMinutes, fallbackZone);
    const key = localDayKey(event.occurredAt, zone);
    let day = days.at(-1);
    if (!day || day.key !== key) {
      day = { key, heading: formatHeading(event.occurredAt, zone, locale), items: [] };
      days.push(day);
    }
    day.items.push({
      id: `${event.occurredAt.getTime().toString(36)}-${offset + index}`,
      label: eventLabelKey(event.status, event.detailCode),
      description: event.description,
      place: formatPlace(event.city, event.region),
      time: formatTime(event.occurredAt, zone, locale),
      zone: zoneLabel(event.occurredAt, zone, locale),
      dateTime: isoLocal(event.occurredAt, zone),
      ownZone: event.utcOffsetMinutes !== null,
    });
  }
  return days;
}
