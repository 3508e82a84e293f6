/**
 * The merchant's current curves (current-curves.ts) rebuilt from what the database knows at `today`,
 * instead of fed event by event as the backtest does (backtest-current.ts): parcels grouped by the local
 * days their order, hand-off and delivery happened on, replayed day by day in the same order the backtest
 * sees them (purchases, then hand-offs, then deliveries). A parcel not delivered yet stays open in the
 * parts it is inside — censored at its age, which is the point. Rebuilding is self-healing: a late-reported
 * delivery lands on its own day the next time. O(groups + days · bins).
 *
 * The rules are the backtest's: one business-day clock in the origin's calendar; handling starts on the
 * handling-start day (after the cutoff, the next business day); a delivered parcel with no recorded hand-off
 * never enters handling or transit (it would stay open there forever); events after `today` are not known.
 */
import { businessCalendar, handlingStartDay, indexOf, type CalendarOptions } from "./business-days";
import {
  advanceCurves, COHORT_PARTS, currentPmf, emptyCurrentCurves, endPart, startPart, type CohortPart, type CurrentCurves, type CurrentCurvesSettings,
} from "./current-curves";
import { GLOBAL_KEY } from "./lane-keys";
import type { LaneStats } from "./lane-stats";
import { instantOfLocal, parseClock } from "./local-date";
import type { EstimateInput, MerchantPolicy, Place } from "./types";

/** `count` parcels that share their days (day numbers: days since 1970-01-01, origin-local). */
export interface ParcelGroup {
  orderDay: number;
  /** Ordered at or after the merchant's cutoff that day. */
  afterCutoff: boolean;
  shipDay: number | null;
  deliveryDay: number | null;
  count: number;
}

export interface ReplayContext {
  origin: Place;
  policy: MerchantPolicy;
  calendar?: CalendarOptions;
  /** The origin-local day number of `now`. */
  today: number;
  settings?: Partial<CurrentCurvesSettings>;
}

type Op = { kind: "purchase" | "shipment" | "delivery"; group: ParcelGroup; handlingStart: number; transitStart: number | null };

const PHASE = { purchase: 0, shipment: 1, delivery: 2 } as const;

/** The curves as they stand at the start of `today`, or null when no parcel in the groups has started. */
export function replayCurrentCurves(groups: readonly ParcelGroup[], context: ReplayContext): CurrentCurves | null {
  const calendar = businessCalendar(context.origin, context.calendar);
  // Far enough back for the oldest parcel that can still sit in a bin; indexes past it are clamped by the clock.
  const base = context.today - 400;
  const clocks = new Map<number, number>();
  const clock = (day: number) => {
    let value = clocks.get(day);
    if (value === undefined) {
      value = indexOf(base, Math.max(base, day), calendar);
      clocks.set(day, value);
    }
    return value;
  };
  const cutoffMinutes = parseClock(context.policy.cutoff);
  const byDay = new Map<number, Op[]>();
  const at = (day: number, op: Op) => {
    const ops = byDay.get(day) ?? [];
    ops.push(op);
    byDay.set(day, ops);
  };
  for (const group of groups) {
    if (group.count <= 0 || group.orderDay > context.today) continue;
    const ordered = instantOfLocal(group.orderDay, group.afterCutoff ? cutoffMinutes : 0, context.origin.timeZone);
    const handlingStart = clock(handlingStartDay(ordered, context.policy, context.origin, calendar));
    const shipDay = group.shipDay !== null && group.shipDay <= context.today ? group.shipDay : null;
    const deliveryDay = group.deliveryDay !== null && group.deliveryDay <= context.today ? group.deliveryDay : null;
    // Handed over after its delivery: the times contradict each other, so it teaches no handling or transit.
    const shipped = shipDay !== null && (deliveryDay === null || shipDay <= deliveryDay) ? shipDay : null;
    const transitStart = shipped === null ? null : clock(shipped);
    const usable = { ...group, shipDay: shipped, deliveryDay };
    at(clock(group.orderDay), { kind: "purchase", group: usable, handlingStart, transitStart });
    if (shipped !== null) at(clock(shipped), { kind: "shipment", group: usable, handlingStart, transitStart });
    if (deliveryDay !== null) at(clock(deliveryDay), { kind: "delivery", group: usable, handlingStart, transitStart });
  }
  if (byDay.size === 0) return null;
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const curves = emptyCurrentCurves(days[0]!, context.settings);
  for (const day of days) {
    advanceCurves(curves, day);
    const ops = byDay.get(day)!.sort((a, b) => PHASE[a.kind] - PHASE[b.kind]);
    for (const op of ops) apply(curves, op);
  }
  advanceCurves(curves, clock(context.today));
  return curves;
}

function apply(curves: CurrentCurves, { kind, group, handlingStart, transitStart }: Op): void {
  // Open and not handed over yet: censored in handling. Delivered with no hand-off: never in handling.
  const inHandling = group.shipDay !== null || group.deliveryDay === null;
  for (let n = 0; n < group.count; n += 1) {
    if (kind === "purchase") {
      startPart(curves, "total", handlingStart);
      if (inHandling) startPart(curves, "handling", handlingStart);
    } else if (kind === "shipment" && transitStart !== null) {
      endPart(curves, "handling", handlingStart);
      startPart(curves, "transit", transitStart);
    } else if (kind === "delivery") {
      endPart(curves, "total", handlingStart);
      if (transitStart !== null) endPart(curves, "transit", transitStart);
    }
  }
}

/**
 * `EstimateInput.current` from the curves and the merchant's completed history (its global lane, whose
 * tail is spliced on past the ages the curves vouch for): null when no part has a curve yet, so a merchant
 * with too few parcels at risk gets exactly the estimate it had without them.
 */
export function currentInput(curves: CurrentCurves | null, lanes: LaneStats): EstimateInput["current"] {
  if (!curves) return null;
  const value: Partial<Record<CohortPart, Float64Array>> = {};
  for (const part of COHORT_PARTS) {
    const stored = lanes.lanes[GLOBAL_KEY]?.[part];
    // Stored histograms end at their last non-empty bin; the splice needs the curves' whole range, or a
    // slowdown past the history's longest parcel would be clamped back onto it.
    const history = stored ? padded(stored, curves.settings.bins) : null;
    const pmf = history ? currentPmf(curves, part, history) : null;
    if (pmf) value[part] = pmf;
  }
  return Object.keys(value).length > 0 ? { [GLOBAL_KEY]: value } : null;
}

function padded(values: ArrayLike<number>, bins: number): Float64Array {
  const out = new Float64Array(Math.max(bins, values.length));
  for (let k = 0; k < values.length; k += 1) out[k] = values[k] ?? 0;
  return out;
}
