/**
 * Fusing our window with the carrier's own estimate. The carrier's date is first turned into a window
 * using its error history on this merchant (a carrier that is habitually two days late gets its
 * window moved two days later), then both windows are averaged bound by bound with the carrier weighted
 * by how often it has been right (±1 business day). With no history the carrier gets a modest prior
 * weight: carriers do know things we don't (a missed truck), but an untested one must earn trust.
 */
import { boundedSteps, dayAt, MAX_SPAN_DAYS, rollForward, type BusinessCalendar } from "./business-days";
import { ERROR_OFFSET, type CarrierRecord } from "./carrier-track";
import { quantileFrom } from "./distribution";

export interface FusionOptions {
  /** Weight of a carrier with no history. */
  priorWeight: number;
  /** Deliveries' worth of trust that prior is worth. */
  priorStrength: number;
  /** Never let the carrier fully override the lane history. */
  maxWeight: number;
  /** Judged deliveries needed before its error quantiles shape the carrier window. */
  minForQuantiles: number;
}

export const DEFAULT_FUSION: FusionOptions = { priorWeight: 0.3, priorStrength: 10, maxWeight: 0.9, minForQuantiles: 5 };

export function carrierWeight(record: CarrierRecord, options: FusionOptions = DEFAULT_FUSION): number {
  const hits = record.deliveries * record.hitShare;
  const weight = (hits + options.priorStrength * options.priorWeight) / (record.deliveries + options.priorStrength);
  return Math.min(options.maxWeight, weight);
}

/** `n` business days from `day` in either direction, mirroring carrier-track's signed error. */
export function shiftByBusinessDays(day: number, n: number, calendar: BusinessCalendar): number {
  if (n >= 0) return dayAt(day, n, calendar);
  let current = rollForward(day, calendar);
  const stop = current - MAX_SPAN_DAYS;
  for (let left = boundedSteps(-n); left > 0 && current > stop; ) {
    current -= 1;
    if (calendar.isBusinessDay(current)) left -= 1;
  }
  return current;
}

export interface DayWindow {
  earliest: number;
  latest: number;
}

export interface FusedWindow extends DayWindow {
  weight: number;
  /** The carrier's window after correcting for its habitual error. */
  carrier: DayWindow;
}

export function fuseWithCarrier(
  ours: DayWindow,
  carrierDay: number,
  record: CarrierRecord,
  levels: { lower: number; upper: number },
  calendar: BusinessCalendar,
  options: FusionOptions = DEFAULT_FUSION,
): FusedWindow {
  const useErrors = record.deliveries >= options.minForQuantiles;
  const lowError = useErrors ? (quantileFrom(record.errors, levels.lower) ?? ERROR_OFFSET) - ERROR_OFFSET : 0;
  const highError = useErrors ? (quantileFrom(record.errors, levels.upper) ?? ERROR_OFFSET) - ERROR_OFFSET : 0;
  const carrier = {
    earliest: shiftByBusinessDays(carrierDay, lowError, calendar),
    latest: shiftByBusinessDays(carrierDay, highError, calendar),
  };
  const weight = carrierWeight(record, options);
  // Round outward: a fused window never claims more precision than its parts.
  const earliest = rollForward(Math.floor((1 - weight) * ours.earliest + weight * carrier.earliest), calendar);
  const latest = rollForward(Math.ceil((1 - weight) * ours.latest + weight * carrier.latest), calendar);
  return { earliest: Math.min(earliest, latest), latest, weight, carrier };
}
