/**
 * The merchant's current delivery curves, one Kaplan–Meier estimate (cohort-survival.ts) per part of a
 * parcel's way — handling (handling start → hand-off), transit (hand-off → delivery) and total (handling
 * start → delivery) — fed as things happen: a parcel starts a part when its clock starts, ends it when the
 * part is done; parcels still inside a part are censored at their current age. What is used is only what
 * is known at that moment ("bought on p and not delivered yet" is known at t; the delivery date is not).
 *
 * Days are business-day *numbers* (consecutive integers over business days, e.g. an index from a fixed
 * base), supplied by the caller, so this file needs no calendar. A part's clock may start on a later day
 * than the event that announces it (an order placed after the cutoff starts handling the next business
 * day): such starts wait until their day. Mutates in place; O(bins) per day, O(1) per parcel.
 */
import { closeDay, emptyPeriodHazard, periodCurve, type PeriodHazard } from "./period-survival";
import { addStartAt, advanceTo, emptyCohortSurvival, markDelivered, spliceTail, survivalCurve, type CohortSurvival, type SurvivalCurve } from "./cohort-survival";

export const COHORT_PARTS = ["handling", "transit", "total"] as const;
export type CohortPart = (typeof COHORT_PARTS)[number];

export interface CurrentCurvesSettings {
  /**
   * "cohort": hazards from the purchase cohorts, a cohort counting half after `halfLifeDays`;
   * "period": hazards from what parcels of each age did on recent days, a day counting half after
   * `halfLifeDays` (period-survival.ts).
   */
  mode: "cohort" | "period";
  /** Business days after which a cohort (or a day, by period) counts half as much. */
  halfLifeDays: number;
  bins: number;
  /** Weight at risk an age needs before the curve speaks for it; beyond, the history's tail is spliced on. */
  minAtRisk: number;
}

export const DEFAULT_CURRENT_CURVES: CurrentCurvesSettings = { mode: "period", halfLifeDays: 10, bins: 64, minAtRisk: 30 };

interface Pending {
  starts: number;
  /** Parcels whose part ended before its clock started (index 0 on their start day). */
  endedAtZero: number;
}

export interface CurrentCurves {
  settings: CurrentCurvesSettings;
  day: number;
  parts: Record<CohortPart, CohortSurvival>;
  /** By period only: the recent hazards per age. */
  periods: Partial<Record<CohortPart, PeriodHazard>>;
  pending: Record<CohortPart, Map<number, Pending>>;
  /** Survival curves computed since the last change, per part. */
  cached: Partial<Record<CohortPart, SurvivalCurve>>;
}

export function emptyCurrentCurves(day: number, settings: Partial<CurrentCurvesSettings> = {}): CurrentCurves {
  const s = { ...DEFAULT_CURRENT_CURVES, ...settings };
  const byPeriod = s.mode === "period";
  const survival = () => emptyCohortSurvival(s.bins, day, byPeriod ? Number.POSITIVE_INFINITY : s.halfLifeDays);
  const period = () => emptyPeriodHazard(s.bins, s.halfLifeDays);
  return {
    settings: s,
    day,
    parts: { handling: survival(), transit: survival(), total: survival() },
    periods: byPeriod ? { handling: period(), transit: period(), total: period() } : {},
    pending: { handling: new Map(), transit: new Map(), total: new Map() },
    cached: {},
  };
}

/**
 * Moves every part's clock to `day`, one business day at a time (each day's parcels at risk count by
 * period even when nothing happened on it); starts whose day has come join their cohort at their age.
 */
export function advanceCurves(curves: CurrentCurves, day: number): void {
  if (day <= curves.day) return;
  // Past `bins` idle days every open parcel sits in the last bin: walking further adds nothing but time.
  const from = Math.max(curves.day, day - curves.settings.bins);
  for (let next = from + 1; next <= day; next += 1) stepTo(curves, next);
  curves.day = day;
  curves.cached = {};
}

function stepTo(curves: CurrentCurves, day: number): void {
  for (const part of COHORT_PARTS) {
    const state = curves.parts[part];
    const period = curves.periods[part];
    if (period) closeDay(period, state, Math.max(1, day - state.day));
    advanceTo(state, day);
    const pending = curves.pending[part];
    if (pending.size === 0) continue;
    for (const [start, waiting] of pending) {
      if (start > day) continue;
      const age = day - start;
      addStartAt(state, age, waiting.starts);
      // Ended before its clock started: delivered "at index 0"; only today's look can place it.
      if (waiting.endedAtZero > 0) markDelivered(state, age, waiting.endedAtZero);
      pending.delete(start);
    }
  }
}

/** A parcel's `part` clock starts on business day `start`. */
export function startPart(curves: CurrentCurves, part: CohortPart, start: number): void {
  if (start <= curves.day) {
    addStartAt(curves.parts[part], curves.day - start);
    invalidate(curves, part);
    return;
  }
  const waiting = curves.pending[part].get(start) ?? { starts: 0, endedAtZero: 0 };
  waiting.starts += 1;
  curves.pending[part].set(start, waiting);
}

/** A parcel whose `part` clock started on `start` finished that part today (`curves.day`). */
export function endPart(curves: CurrentCurves, part: CohortPart, start: number): void {
  const waiting = curves.pending[part].get(start);
  if (start > curves.day && waiting) {
    waiting.endedAtZero += 1;
    return;
  }
  markDelivered(curves.parts[part], Math.max(0, curves.day - start));
  invalidate(curves, part);
}

/** By period the curve moves only when a day closes; by cohort every start and end moves it. */
function invalidate(curves: CurrentCurves, part: CohortPart): void {
  if (!curves.periods[part]) delete curves.cached[part];
}

/**
 * The current distribution of `part` (a pmf over business-day indexes): the cohort curve as far as enough
 * parcels are at risk, then `history`'s own conditional tail (spliceTail). Null while the cohorts say
 * nothing yet (no age reached).
 */
export function currentPmf(curves: CurrentCurves, part: CohortPart, history: ArrayLike<number>): Float64Array | null {
  let curve = curves.cached[part];
  if (!curve) {
    const period = curves.periods[part];
    curve = period ? periodCurve(period, curves.settings.minAtRisk) : survivalCurve(curves.parts[part], curves.settings.minAtRisk);
    curves.cached[part] = curve;
  }
  return curve.reached < 0 ? null : spliceTail(curve, history);
}
