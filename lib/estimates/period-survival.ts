/**
 * The same Kaplan–Meier curve read "by period" instead of "by cohort": the hazard at age j is what
 * happened *recently* to parcels that were j business days old, whichever day they were bought on —
 * deliveries at age j over parcels at risk at age j, both summed over past days with the days
 * down-weighted by how long ago they were (half-life). A cohort-weighted curve (cohort-survival.ts) can
 * only learn the hazard at age 20 from cohorts at least 20 days old, so after a slow season its tail keeps
 * the slow season's cohorts; here the tail follows what parcels of that age are doing now (an old parcel
 * that arrives quickly today says the network has recovered). O(bins) per day.
 *
 * Fed from a CohortSurvival without cohort weighting (half-life ∞): `closeDay` is called just before the
 * state's clock moves on, while `open` and `today` still describe the day that ends.
 */
import type { CohortSurvival, SurvivalCurve } from "./cohort-survival";
import { decay } from "./distribution";

export interface PeriodHazard {
  /** Σ over past days of weight · deliveries at age k that day. */
  delivered: Float64Array;
  /** Σ over past days of weight · parcels at risk at age k that day (still open at its end, or delivered in it). */
  atRisk: Float64Array;
  halfLifeDays: number;
}

export function emptyPeriodHazard(bins: number, halfLifeDays: number): PeriodHazard {
  return { delivered: new Float64Array(bins), atRisk: new Float64Array(bins), halfLifeDays };
}

/** The day `state` stands at is over: it enters at weight 1, older days lose `steps` days' weight. */
export function closeDay(period: PeriodHazard, state: CohortSurvival, steps: number): void {
  const factor = decay(Math.max(1, steps) - 1, period.halfLifeDays);
  const age = decay(1, period.halfLifeDays);
  const { delivered, atRisk } = period;
  for (let k = 0; k < delivered.length; k += 1) {
    const d = state.today[k] ?? 0;
    delivered[k] = ((delivered[k] ?? 0) * age + d) * factor;
    atRisk[k] = ((atRisk[k] ?? 0) * age + (state.open[k] ?? 0) + d) * factor;
  }
}

/** S(k) = Π_{j ≤ k} (1 − delivered_j / atRisk_j), as far as `minAtRisk` weight is at risk (see survivalCurve). */
export function periodCurve(period: PeriodHazard, minAtRisk = 30): SurvivalCurve {
  const { delivered, atRisk } = period;
  const survival = new Float64Array(delivered.length);
  let s = 1;
  let reached = -1;
  for (let j = 0; j < delivered.length; j += 1) {
    const n = atRisk[j] ?? 0;
    if (n < minAtRisk) break;
    s *= 1 - Math.min(1, (delivered[j] ?? 0) / n);
    survival[j] = s;
    reached = j;
  }
  return { survival: survival.slice(0, reached + 1), reached };
}
