/**
 * How long parcels take *now*, from recent purchase cohorts, counting the parcels still on their way
 * (Kaplan–Meier, the product-limit estimator, over business days). Completed deliveries alone describe
 * the past: while a slowdown starts, its slow parcels have not arrived yet, so the recent completed
 * history looks fast; after it, old slow parcels keep arriving and the history looks slow. A cohort's
 * open parcels say "not yet, at age a" the moment it is true.
 *
 * Incremental and O(bins) per step: all open parcels of one age were bought on the same business day,
 * so they share one bin, and a day passing shifts that array by one; a delivery moves weight from
 * "open at age a" to "delivered at age a". Cohorts are down-weighted by purchase age (half-life), which
 * is a common factor per day.
 *
 * Where it may be used: it needs the open parcels, which the database knows (shipments not delivered
 * yet). The shared Olist history only lists orders that were *eventually* delivered, and its rules allow
 * learning only from deliveries completed before the estimate, so the backtest on that file does not feed
 * it (docs/estimates.md).
 */
import { decay } from "./distribution";

export interface CohortSurvival {
  /** Weight of parcels delivered at business-day age k (since the cohort's start). */
  delivered: Float64Array;
  /** Weight of parcels still open at age k today (the last bin holds everything older). */
  open: Float64Array;
  /** Of `delivered`, what was delivered today (always by the cohort whose age is k today). */
  today: Float64Array;
  /** The business-day number the ages are counted to (see `advanceTo`). */
  day: number;
  halfLifeDays: number;
}

export function emptyCohortSurvival(bins: number, day: number, halfLifeDays = Number.POSITIVE_INFINITY): CohortSurvival {
  return { delivered: new Float64Array(bins), open: new Float64Array(bins), today: new Float64Array(bins), day, halfLifeDays };
}

/**
 * Moves the clock to business day `day` (a count of business days, e.g. an index from a fixed base):
 * every open parcel ages by the difference, older cohorts lose weight. Mutates; O(bins).
 */
export function advanceTo(state: CohortSurvival, day: number): void {
  const steps = day - state.day;
  if (steps <= 0) return;
  const { open, delivered } = state;
  const last = open.length - 1;
  const shift = Math.min(steps, last);
  let oldest = 0;
  for (let k = last - shift; k <= last; k += 1) oldest += open[k] ?? 0;
  for (let k = last - 1; k >= shift; k -= 1) open[k] = open[k - shift] ?? 0;
  for (let k = 0; k < shift; k += 1) open[k] = 0;
  open[last] = oldest;
  state.today.fill(0);
  const factor = decay(steps, state.halfLifeDays);
  if (factor !== 1) {
    for (let k = 0; k <= last; k += 1) {
      open[k] = (open[k] ?? 0) * factor;
      delivered[k] = (delivered[k] ?? 0) * factor;
    }
  }
  state.day = day;
}

/** A parcel (or `weight` of them) starts today, at age 0. */
export function addStart(state: CohortSurvival, weight = 1): void {
  state.open[0] = (state.open[0] ?? 0) + weight;
}

/**
 * A parcel that started `age` business days ago and is still open, learned of only now (a start whose day
 * had not come when it was announced, or one reported late): it enters at its age, pre-decayed like its
 * cohort, so a later `markDelivered` takes out exactly what it put in.
 */
export function addStartAt(state: CohortSurvival, age: number, weight = 1): void {
  const bin = Math.min(Math.max(0, age), state.open.length - 1);
  state.open[bin] = (state.open[bin] ?? 0) + weight * decay(Math.max(0, age), state.halfLifeDays);
}

/**
 * A parcel that started `age` business days ago was delivered today. Its weight is whatever its cohort
 * weighs now (`2^(-age / halfLife)` of a fresh one), the same factor its open entry decayed by.
 */
export function markDelivered(state: CohortSurvival, age: number, weight = 1): void {
  const bin = Math.min(Math.max(0, age), state.open.length - 1);
  const w = weight * decay(age, state.halfLifeDays);
  state.open[bin] = Math.max(0, (state.open[bin] ?? 0) - w);
  state.delivered[bin] = (state.delivered[bin] ?? 0) + w;
  state.today[bin] = (state.today[bin] ?? 0) + w;
}

export interface SurvivalCurve {
  /** survival[k] = P(not delivered by age k), k = 0 … reached. */
  survival: Float64Array;
  /** The last age with at least `minAtRisk` weight still at risk: beyond it the curve says nothing. */
  reached: number;
}

/**
 * Product-limit estimate: S(k) = Π_{j ≤ k} (1 − d_j / n_j) over the cohorts that have lived through age j
 * completely: the hazard at j leaves out the one cohort that is j business days old today, because today
 * is not over for it (its open parcels may still arrive today; counting them, or only its early arrivals,
 * would bias the hazard either way). n_j = delivered at age ≥ j plus open at age > j, less that cohort.
 */
export function survivalCurve(state: CohortSurvival, minAtRisk = 30): SurvivalCurve {
  const { delivered, open, today } = state;
  const bins = delivered.length;
  const survival = new Float64Array(bins);
  let atRiskAfter = 0; // Σ_{i > j} (delivered_i + open_i)
  const atRisk = new Float64Array(bins);
  for (let j = bins - 1; j >= 0; j -= 1) {
    atRisk[j] = (delivered[j] ?? 0) - (today[j] ?? 0) + atRiskAfter;
    atRiskAfter += (delivered[j] ?? 0) + (open[j] ?? 0);
  }
  let s = 1;
  let reached = -1;
  for (let j = 0; j < bins; j += 1) {
    const n = atRisk[j] ?? 0;
    if (n < minAtRisk) break;
    s *= 1 - ((delivered[j] ?? 0) - (today[j] ?? 0)) / n;
    survival[j] = s;
    reached = j;
  }
  return { survival: survival.slice(0, reached + 1), reached };
}

/**
 * The current curve as far as it reaches, then the completed-deliveries history's own tail: beyond the
 * last age the cohorts can vouch for, P(T = k) = S(reached) · P_hist(T = k | T > reached). Returns a pmf
 * over ages (sums to 1 when the history has mass past `reached`). A curve that reached nothing is the
 * history itself.
 */
export function spliceTail(curve: SurvivalCurve, history: ArrayLike<number>): Float64Array {
  const bins = history.length;
  const pmf = new Float64Array(bins);
  let histTotal = 0;
  for (let k = 0; k < bins; k += 1) histTotal += history[k] ?? 0;
  if (curve.reached < 0 || histTotal <= 0) {
    for (let k = 0; k < bins; k += 1) pmf[k] = histTotal > 0 ? (history[k] ?? 0) / histTotal : 0;
    return pmf;
  }
  let previous = 1;
  for (let k = 0; k <= curve.reached && k < bins; k += 1) {
    const s = curve.survival[k] ?? 0;
    pmf[k] = previous - s;
    previous = s;
  }
  let tail = 0;
  for (let k = curve.reached + 1; k < bins; k += 1) tail += history[k] ?? 0;
  if (tail <= 0) {
    // The history never saw a parcel this old: put what is left on the last age it knows.
    pmf[Math.min(bins - 1, curve.reached + 1)] = (pmf[Math.min(bins - 1, curve.reached + 1)] ?? 0) + previous;
    return pmf;
  }
  for (let k = curve.reached + 1; k < bins; k += 1) pmf[k] = (previous * (history[k] ?? 0)) / tail;
  return pmf;
}
