/**
 * How good each carrier's own delivery estimates have been on this merchant's deliveries: a
 * recency-weighted histogram of the signed error (delivered − carrier's estimate, destination business
 * days) per carrier. Same decay scheme and JSON shape as lane-stats, so it stores the same way.
 */
import { businessCalendar, DEFAULT_CALENDAR_OPTIONS, indexOf, type CalendarOptions } from "./business-days";
import { decay, totalMass } from "./distribution";
import { carrierKey } from "./lane-keys";
import { localDayOf, toDayNumber } from "./local-date";
import type { LocalDate, Place } from "./types";

/** Bin i holds error i − ERROR_OFFSET business days; errors beyond the range pile up at the ends. */
export const ERROR_OFFSET = 15;
const ERROR_BINS = 61;

export interface CarrierTrackEntry {
  day: number;
  count: number;
  errors: number[];
}

export interface CarrierTrack {
  version: 1;
  halfLifeDays: number;
  calendar: CalendarOptions;
  carriers: Record<string, CarrierTrackEntry>;
}

export interface CarrierOutcome {
  carrier: string;
  service: string | null;
  /** The carrier's last estimate before delivery, destination-local date. */
  carrierEstimate: LocalDate;
  deliveredAt: Date;
  destination: Place;
}

export function emptyCarrierTrack(halfLifeDays = 90, calendar: CalendarOptions = DEFAULT_CALENDAR_OPTIONS): CarrierTrack {
  return { version: 1, halfLifeDays, calendar, carriers: {} };
}

/** Signed business-day difference: positive when `day` is after `reference`. */
export function signedBusinessDays(reference: number, day: number, calendar: ReturnType<typeof businessCalendar>): number {
  return day >= reference ? indexOf(reference, day, calendar) : -indexOf(day, reference, calendar);
}

/** Keyed by carrier only (not service): a merchant rarely has enough deliveries per service to judge. */
export function trackKey(carrier: string): string {
  return carrierKey(carrier, null) ?? "unknown";
}

export function addCarrierOutcome(track: CarrierTrack, outcome: CarrierOutcome): CarrierTrack {
  const calendar = businessCalendar(outcome.destination, track.calendar);
  const delivered = localDayOf(outcome.deliveredAt, outcome.destination.timeZone);
  const error = signedBusinessDays(toDayNumber(outcome.carrierEstimate), delivered, calendar);
  const key = trackKey(outcome.carrier);
  const entry = track.carriers[key] ?? { day: delivered, count: 0, errors: [] };
  const newer = delivered > entry.day;
  const factor = newer ? decay(delivered - entry.day, track.halfLifeDays) : 1;
  const weight = newer ? 1 : decay(entry.day - delivered, track.halfLifeDays);
  const errors = new Array<number>(ERROR_BINS).fill(0).map((_, i) => (entry.errors[i] ?? 0) * factor);
  const bin = Math.min(ERROR_BINS - 1, Math.max(0, error + ERROR_OFFSET));
  errors[bin] = (errors[bin] ?? 0) + weight;
  return {
    ...track,
    carriers: { ...track.carriers, [key]: { day: newer ? delivered : entry.day, count: entry.count + 1, errors } },
  };
}

export interface CarrierRecord {
  /** Recency-weighted deliveries judged. */
  deliveries: number;
  /** Share of them delivered within ±1 business day of the carrier's estimate. */
  hitShare: number;
  /** Error weights on `day` (index − ERROR_OFFSET = business days late); empty without history. */
  errors: Float64Array;
}

export function carrierRecord(track: CarrierTrack | null | undefined, carrier: string, day: number): CarrierRecord {
  const entry = track?.carriers[trackKey(carrier)];
  if (!track || !entry) return { deliveries: 0, hitShare: 0, errors: new Float64Array(0) };
  const factor = decay(day - entry.day, track.halfLifeDays);
  const errors = Float64Array.from(entry.errors, (w) => w * factor);
  const deliveries = totalMass(errors);
  let near = 0;
  for (let i = ERROR_OFFSET - 1; i <= ERROR_OFFSET + 1; i += 1) near += errors[i] ?? 0;
  return { deliveries, hitShare: deliveries > 0 ? near / deliveries : 0, errors };
}
