/**
 * Builds small, hand-checkable lane histories for the estimate tests. All days are in March 2018,
 * São Paulo → Rio de Janeiro, where the only holiday is Good Friday (2018-03-30).
 */
import { dayAt, businessCalendar } from "@/lib/estimates/business-days";
import { emptyLaneStats, addDelivery, type LaneStats, type LaneStatsSettings } from "@/lib/estimates/lane-stats";
import { fromDayNumber, instantOfLocal, toDayNumber } from "@/lib/estimates/local-date";
import type { MerchantPolicy, Place, Route } from "@/lib/estimates/types";

export const SAO_PAULO = "America/Sao_Paulo";
export const SP: Place = { country: "BR", region: "SP", timeZone: SAO_PAULO };
export const RJ: Place = { country: "BR", region: "RJ", timeZone: SAO_PAULO };
export const SP_TO_RJ: Route = { origin: SP, destination: RJ, carrier: null, service: null };
export const POLICY: MerchantPolicy = { handlingDays: 1, cutoff: "12:00" };

/** A São Paulo wall-clock time, e.g. at("2018-03-19", "09:00"). */
export function at(date: string, time: string): Date {
  const [h, m] = time.split(":").map(Number);
  return instantOfLocal(toDayNumber(date), (h ?? 0) * 60 + (m ?? 0), SAO_PAULO);
}

/** `k` business days (RJ calendar) before `date`. */
export function businessDaysBefore(date: string, k: number): string {
  const calendar = businessCalendar(RJ);
  let day = toDayNumber(date);
  for (let left = k; left > 0; ) {
    day -= 1;
    if (calendar.isBusinessDay(day)) left -= 1;
  }
  return fromDayNumber(day);
}

export function businessDaysAfter(date: string, k: number): string {
  return fromDayNumber(dayAt(toDayNumber(date), k, businessCalendar(RJ)));
}

/**
 * Ten deliveries, all delivered Friday 2018-03-16 14:00 (so recency weights are equal), ordered at
 * 09:00 (before the cutoff) `k` business days earlier and shipped the next business day at 10:00:
 * total indexes {2, 3,3, 4,4,4, 5,5, 6, 8}; transit indexes one less {1, 2,2, 3,3,3, 4,4, 5, 7}.
 */
export const TOTALS = [2, 3, 3, 4, 4, 4, 5, 5, 6, 8];

export function tenDeliveries(route: Route = SP_TO_RJ, settings: Partial<LaneStatsSettings> = {}): LaneStats {
  let stats = emptyLaneStats(settings);
  for (const k of TOTALS) {
    const ordered = businessDaysBefore("2018-03-16", k);
    stats = addDelivery(stats, {
      orderedAt: at(ordered, "09:00"),
      shippedAt: at(businessDaysAfter(ordered, 1), "10:00"),
      deliveredAt: at("2018-03-16", "14:00"),
      route,
      merchant: POLICY,
    });
  }
  return stats;
}

/** No prior under the global level: windows come from the ten deliveries alone. */
export const EXACT = { blend: { strength: 20, priorStrength: 0, basisMin: 10 } };
