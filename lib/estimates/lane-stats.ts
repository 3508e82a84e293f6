/**
 * Lane statistics: per history level (see lane-keys.ts: the lane chain, plus the shipper and its origin
 * region when a route names a shipper) recency-weighted histograms of business-day indexes — total,
 * transit, quiet and handling — updated one delivery at a time.
 *
 * Recency weighting is exponential decay with a half-life: an entry stores weights "as of" its `day`;
 * adding a delivery on a later day first multiplies the entry's weights by 2^(-Δdays/halfLife) and then
 * adds 1 to the delivery's bin. An update is O(bins) per level (≤ 7 levels) and needs nothing else; a
 * lookup scales an entry to "now" by one factor (quantiles do not change under a common factor, only the
 * effective count does). Everything is plain JSON: store the whole object in a Json column, or one row
 * per key (`laneUpdates` returns exactly the rows a delivery touches).
 */
import { businessCalendar, DEFAULT_CALENDAR_OPTIONS, handlingStartDay, indexOf, type CalendarOptions } from "./business-days";
import { decay } from "./distribution";
import { handlingChain, laneChain } from "./lane-keys";
import { localDayOf } from "./local-date";
import type { MerchantPolicy, Route } from "./types";

export interface LaneStatsSettings {
  /** Days after which a delivery counts half as much. Short enough to follow the season, long enough for thin lanes. */
  halfLifeDays: number;
  /** Histogram length; the last bin collects everything at or beyond it. */
  maxBins: number;
  /** Which holidays stop the clock; learning and estimating must agree, so it lives with the data. */
  calendar: CalendarOptions;
  /**
   * What a delivery's age is counted from when it is down-weighted: "delivery" (the day it was delivered)
   * or "start" (the day its clock started: handling start for `total`/`handling`, hand-off for `transit`).
   * Optional for stored settings written before it existed ("delivery").
   */
  recencyFrom?: "delivery" | "start";
}

export interface LaneEntry {
  /** Day number (days since 1970-01-01) the weights are expressed at: the newest delivery day added. */
  day: number;
  /** Deliveries ever added, undecayed (for people; the model uses the weights). */
  count: number;
  /** Handling start (after cutoff) → delivered, destination business days. */
  total: number[];
  /** Carrier hand-off → delivered, destination business days. */
  transit: number[];
  /** Longest stretch without a scan on the way, business days (only when scans were given). */
  quiet: number[];
  /**
   * Handling start → carrier hand-off, origin business days (deliveries with a hand-off time only).
   * Optional: rows stored before it existed have none, and estimates then read `total` as before.
   */
  handling?: number[];
}

export interface LaneStats {
  version: 1;
  settings: LaneStatsSettings;
  lanes: Record<string, LaneEntry>;
}

export type LanePart = "total" | "transit" | "quiet" | "handling";

/** A delivered shipment, as the ingestion layer knows it when the delivery scan arrives. */
export interface CompletedDelivery {
  orderedAt: Date;
  shippedAt: Date | null;
  deliveredAt: Date;
  route: Route;
  /** The policy in force when it was ordered (the cutoff decides its handling-start day). */
  merchant: MerchantPolicy;
  /** Carrier scan instants, any order; omit when unknown (stall thresholds then use defaults). */
  scanTimes?: readonly Date[];
}

/** What one delivery contributes: bins per part (null = not measurable) and the day it counts from. */
export interface LaneObservation {
  day: number;
  keys: string[];
  total: number;
  transit: number | null;
  quiet: number | null;
  handling?: number | null;
  /** Per part, days before `day` its recency is counted from (`recencyFrom: "start"`); absent = 0. */
  ages?: Partial<Record<LanePart, number>>;
}

export const DEFAULT_LANE_SETTINGS: LaneStatsSettings = {
  halfLifeDays: 60,
  maxBins: 64,
  calendar: DEFAULT_CALENDAR_OPTIONS,
};

export function emptyLaneStats(settings: Partial<LaneStatsSettings> = {}): LaneStats {
  return { version: 1, settings: { ...DEFAULT_LANE_SETTINGS, ...settings }, lanes: {} };
}

export function observeDelivery(delivery: CompletedDelivery, settings: LaneStatsSettings): LaneObservation {
  const { route } = delivery;
  const originCalendar = businessCalendar(route.origin, settings.calendar);
  const calendar = businessCalendar(route.destination, settings.calendar);
  const delivered = localDayOf(delivery.deliveredAt, route.destination.timeZone);
  const start = handlingStartDay(delivery.orderedAt, delivery.merchant, route.origin, originCalendar);
  const shipped = delivery.shippedAt ? localDayOf(delivery.shippedAt, route.origin.timeZone) : null;
  const keys = laneChain(route).map((ref) => ref.key);
  for (const ref of handlingChain(route)) if (!keys.includes(ref.key)) keys.push(ref.key);
  const observation: LaneObservation = {
    day: delivered,
    keys,
    total: indexOf(start, delivered, calendar),
    transit: shipped === null ? null : indexOf(shipped, delivered, calendar),
    quiet: delivery.scanTimes ? longestQuiet(delivery, calendar) : null,
    handling: shipped === null ? null : indexOf(start, shipped, originCalendar),
  };
  if (settings.recencyFrom === "start") {
    const sinceStart = Math.max(0, delivered - start);
    observation.ages = { total: sinceStart, handling: sinceStart, transit: shipped === null ? 0 : Math.max(0, delivered - shipped) };
  }
  return observation;
}

function longestQuiet(delivery: CompletedDelivery, calendar: ReturnType<typeof businessCalendar>): number {
  const zone = delivery.route.destination.timeZone;
  const times = [...(delivery.scanTimes ?? []), delivery.deliveredAt];
  if (delivery.shippedAt) times.push(delivery.shippedAt);
  const days = times.map((t) => localDayOf(t, zone)).sort((a, b) => a - b);
  let longest = 0;
  for (let i = 1; i < days.length; i += 1) longest = Math.max(longest, indexOf(days[i - 1] ?? 0, days[i] ?? 0, calendar));
  return longest;
}

/** The entry after one observation; never mutates `entry`. */
export function addObservation(entry: LaneEntry | undefined, observation: LaneObservation, settings: LaneStatsSettings): LaneEntry {
  const base = entry ?? { day: observation.day, count: 0, total: [], transit: [], quiet: [] };
  // Bring old weight forward to the newer day; a delivery reported out of order enters pre-decayed instead.
  const newer = observation.day > base.day;
  const factor = newer ? decay(observation.day - base.day, settings.halfLifeDays) : 1;
  const weight = newer ? 1 : decay(base.day - observation.day, settings.halfLifeDays);
  const weightOf = (part: LanePart) => weight * decay(observation.ages?.[part] ?? 0, settings.halfLifeDays);
  const next: LaneEntry = {
    day: newer ? observation.day : base.day,
    count: base.count + 1,
    total: addToBins(base.total, factor, observation.total, weightOf("total"), settings.maxBins),
    transit: addToBins(base.transit, factor, observation.transit, weightOf("transit"), settings.maxBins),
    quiet: addToBins(base.quiet, factor, observation.quiet, weightOf("quiet"), settings.maxBins),
  };
  // Only rows that ever saw a hand-off carry the part, so rows of callers without hand-off times keep their old shape.
  if (base.handling || (observation.handling ?? null) !== null) {
    next.handling = addToBins(base.handling ?? [], factor, observation.handling ?? null, weightOf("handling"), settings.maxBins);
  }
  return next;
}

function addToBins(bins: readonly number[], factor: number, bin: number | null, weight: number, maxBins: number): number[] {
  const at = bin === null ? -1 : Math.min(Math.max(0, bin), maxBins - 1);
  const out = new Array<number>(Math.max(bins.length, at + 1)).fill(0);
  for (let i = 0; i < bins.length; i += 1) out[i] = (bins[i] ?? 0) * factor;
  if (at >= 0) out[at] = (out[at] ?? 0) + weight;
  return out;
}

/** The lane rows one delivery changes (key → new entry), for a database that stores one row per key. */
export function laneUpdates(stats: LaneStats, delivery: CompletedDelivery): Record<string, LaneEntry> {
  const observation = observeDelivery(delivery, stats.settings);
  const updates: Record<string, LaneEntry> = {};
  for (const key of observation.keys) updates[key] = addObservation(stats.lanes[key], observation, stats.settings);
  return updates;
}

/** Pure incremental update: a new LaneStats sharing every untouched entry with the old one. */
export function addDelivery(stats: LaneStats, delivery: CompletedDelivery): LaneStats {
  return { ...stats, lanes: { ...stats.lanes, ...laneUpdates(stats, delivery) } };
}

/**
 * The same update written into `stats` in place: for bulk rebuilds and the backtest, where copying the
 * key map per delivery would be wasted work. Callers that share `stats` should use addDelivery.
 */
export function applyDelivery(stats: LaneStats, delivery: CompletedDelivery): void {
  Object.assign(stats.lanes, laneUpdates(stats, delivery));
}

/** Recency-weighted number of deliveries behind an entry on `day` (what "recent deliveries" counts). */
export function effectiveCount(entry: LaneEntry | undefined, part: LanePart, day: number, settings: LaneStatsSettings): number {
  if (!entry) return 0;
  let sum = 0;
  for (const w of entry[part] ?? []) sum += w;
  return sum * decay(day - entry.day, settings.halfLifeDays);
}
