/**
 * A parcel is stalled when it has been silent (no scan) for longer than parcels on its lane usually go
 * quiet: the `quietLevel` quantile of the longest silent stretch of recent deliveries, in business days,
 * so a weekend with no scans is not a stall.
 */
import { indexOf, type BusinessCalendar } from "./business-days";
import { quantileFrom } from "./distribution";
import type { EstimateOptions } from "./estimate-options";
import type { LaneRef } from "./lane-keys";
import type { LaneStats } from "./lane-stats";
import { lookupLane } from "./lanes";
import { localDayOf } from "./local-date";
import type { EstimateInput } from "./types";

export interface StallCheck {
  stalled: boolean;
  /** Business days since the last scan (or hand-off). */
  days: number;
  /** The lane's usual longest silence, business days. */
  usual: number;
}

export function quietThreshold(stats: LaneStats, chain: readonly LaneRef[], today: number, options: EstimateOptions): number {
  // The prior only matters below quietMinDeliveries, where the default threshold is used anyway.
  const lookup = lookupLane(stats, chain, "quiet", today, [1], options.blend);
  if (lookup.support < options.quietMinDeliveries) return options.defaultQuietDays;
  return quantileFrom(lookup.weights, options.quietLevel) ?? options.defaultQuietDays;
}

export function checkStall(
  input: EstimateInput,
  today: number,
  calendar: BusinessCalendar,
  chain: readonly LaneRef[],
  options: EstimateOptions,
): StallCheck {
  const since = input.lastScanAt ?? input.shippedAt;
  if (!since || input.stage === "ordered") return { stalled: false, days: 0, usual: options.defaultQuietDays };
  const days = indexOf(localDayOf(since, input.route.destination.timeZone), today, calendar);
  const usual = quietThreshold(input.lanes, chain, today, options);
  return { stalled: days > usual, days, usual };
}
