/**
 * The backtest's side of the current curves (current-curves.ts): a national business-day clock, and per
 * sweep event the part that starts or ends — at the global level and, with `byDestination`, per
 * destination region. A purchase starts its handling and total clocks, a hand-off ends handling and starts
 * transit, a delivery ends transit and total. Each event is fed before its own estimate, which is fine: a
 * purchase only adds an open parcel at age 0, and a hand-off or delivery is known at its instant (estimates
 * at the same instant ran first). Orders the file gives no hand-off time never enter handling or transit
 * (they would stay open forever); that uses whether a time was *recorded*, never when.
 */
import type { Kind, BacktestOptions } from "./backtest";
import { businessCalendar, handlingStartDay, indexOf } from "./business-days";
import { advanceCurves, currentPmf, DEFAULT_CURRENT_CURVES, emptyCurrentCurves, endPart, startPart, type CohortPart, type CurrentCurves } from "./current-curves";
import type { DeliveryHistory, HistoryRow } from "./history-csv";
import { GLOBAL_KEY, placeKey } from "./lane-keys";
import type { LaneStats } from "./lane-stats";
import { localDayOf } from "./local-date";
import type { EstimateInput } from "./types";

export function currentFeed(history: DeliveryHistory, options: BacktestOptions, lanes: LaneStats) {
  const zone = options.timeZone;
  const parts: readonly CohortPart[] = options.current?.parts ?? [];
  const place = { country: options.country, region: null, timeZone: zone };
  const calendar = businessCalendar(place, lanes.settings.calendar);
  let first = Number.POSITIVE_INFINITY;
  for (const row of history.rows) first = Math.min(first, localDayOf(row.purchasedAt, zone));
  const base = Number.isFinite(first) ? first - 7 : 0;
  const clocks = new Map<number, number>();
  const clock = (day: number) => {
    let value = clocks.get(day);
    if (value === undefined) {
      value = indexOf(base, day, calendar);
      clocks.set(day, value);
    }
    return value;
  };
  const byKey = new Map<string, CurrentCurves>();
  const curvesOf = (key: string) => {
    let curves = byKey.get(key);
    if (!curves) {
      curves = emptyCurrentCurves(0, options.current?.settings);
      byKey.set(key, curves);
    }
    return curves;
  };
  const destinationKey = (region: string | null) => {
    const key = options.current?.byDestination ? placeKey({ country: options.country, region }) : null;
    return key ? `>${key}` : null;
  };
  const starts = new Map<HistoryRow, number>();
  const handlingStart = (row: HistoryRow) => {
    let start = starts.get(row);
    if (start === undefined) {
      start = clock(handlingStartDay(row.purchasedAt, options.merchant, place, calendar));
      starts.set(row, start);
    }
    return start;
  };

  // Bumped whenever a curve or the lanes' history may have changed (a delivery, a new day; by cohort, any start or end).
  let tick = 0;
  let lastDay = -1;
  const byCohort = (options.current?.settings?.mode ?? DEFAULT_CURRENT_CURVES.mode) === "cohort";
  const feed = (kind: Kind, row: HistoryRow, at: number) => {
    const today = clock(localDayOf(new Date(at), zone));
    if (today !== lastDay || kind === "delivery" || (byCohort && kind !== "check")) tick += 1;
    lastDay = today;
    for (const curves of byKey.values()) advanceCurves(curves, today);
    const destination = destinationKey(row.customerState);
    const targets = destination ? [curvesOf(GLOBAL_KEY), curvesOf(destination)] : [curvesOf(GLOBAL_KEY)];
    for (const curves of targets) {
      advanceCurves(curves, today);
      if (kind === "purchase") {
        startPart(curves, "total", handlingStart(row));
        if (row.shippedAt) startPart(curves, "handling", handlingStart(row));
      } else if (kind === "shipment" && row.shippedAt) {
        endPart(curves, "handling", handlingStart(row));
        startPart(curves, "transit", clock(localDayOf(row.shippedAt, zone)));
      } else if (kind === "delivery") {
        endPart(curves, "total", handlingStart(row));
        if (row.shippedAt) endPart(curves, "transit", clock(localDayOf(row.shippedAt, zone)));
      }
    }
  };

  // Computed at most once per event and key: several estimates may read them at one instant.
  const memo = new Map<string, { tick: number; value: Partial<Record<CohortPart, Float64Array>> }>();
  const pmfsOf = (key: string) => {
    const hit = memo.get(key);
    if (hit && hit.tick === tick) return hit.value;
    const value: Partial<Record<CohortPart, Float64Array>> = {};
    const curves = byKey.get(key);
    for (const part of parts) {
      const history = lanes.lanes[key]?.[part];
      const pmf = curves && history ? currentPmf(curves, part, history) : null;
      if (pmf) value[part] = pmf;
    }
    memo.set(key, { tick, value });
    return value;
  };
  const currentFor = (destinationRegion: string | null): NonNullable<EstimateInput["current"]> => {
    const out: NonNullable<EstimateInput["current"]> = { [GLOBAL_KEY]: pmfsOf(GLOBAL_KEY) };
    const destination = destinationKey(destinationRegion);
    if (destination) out[destination] = pmfsOf(destination);
    return out;
  };
  return { feed, currentFor };
}
