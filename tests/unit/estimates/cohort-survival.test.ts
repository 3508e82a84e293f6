import { describe, expect, it } from "vitest";
import { addStart, advanceTo, emptyCohortSurvival, markDelivered, spliceTail, survivalCurve } from "@/lib/estimates/cohort-survival";

/** Business days a parcel takes: P(T = k). */
const TRUE_PMF = [0, 0.05, 0.15, 0.2, 0.2, 0.15, 0.1, 0.08, 0.05, 0.02];
const trueSurvival = (k: number) => 1 - TRUE_PMF.slice(0, k + 1).reduce((a, b) => a + b, 0);

/** Deterministic seeded generator (mulberry32), so the test is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function draw(pmf: readonly number[], u: number): number {
  let cumulative = 0;
  for (let k = 0; k < pmf.length; k += 1) {
    cumulative += pmf[k] ?? 0;
    if (u < cumulative) return k;
  }
  return pmf.length - 1;
}

/**
 * `perDay` parcels start each business day 0 … days − 1 with durations drawn from `pmfOn(start day)`; the
 * estimator sees each delivery on its day and stops on `days` (mid-day: today's deliveries are in, later
 * ones not), so the youngest cohorts are mostly still open — censored.
 */
function simulate(days: number, perDay: number, pmfOn: (day: number) => readonly number[], halfLife: number, seed = 7) {
  const next = random(seed);
  const arrivals = new Map<number, number[]>(); // delivery day → ages
  const state = emptyCohortSurvival(20, 0, halfLife);
  for (let day = 0; day <= days; day += 1) {
    advanceTo(state, day);
    for (const age of arrivals.get(day) ?? []) markDelivered(state, age);
    if (day === days) break;
    for (let i = 0; i < perDay; i += 1) {
      const age = draw(pmfOn(day), next());
      addStart(state);
      if (age === 0) markDelivered(state, 0);
      else arrivals.set(day + age, [...(arrivals.get(day + age) ?? []), age]);
    }
  }
  return { state };
}

describe("cohort survival (Kaplan–Meier over business days, open parcels censored)", () => {
  it("recovers the survival curve exactly from fractional cohorts, whatever the recency weighting", () => {
    for (const halfLife of [Number.POSITIVE_INFINITY, 10]) {
      const state = emptyCohortSurvival(20, 0, halfLife);
      for (let day = 0; day <= 25; day += 1) {
        advanceTo(state, day);
        // Cohort c delivers 100 · P(T = day − c) today; the last 12 cohorts are still partly open.
        for (let c = Math.max(0, day - 9); c < day; c += 1) markDelivered(state, day - c, 100 * (TRUE_PMF[day - c] ?? 0));
        if (day < 25) addStart(state, 100);
      }
      const curve = survivalCurve(state, 1);
      expect(curve.reached).toBeGreaterThanOrEqual(9);
      for (let k = 0; k <= 8; k += 1) expect(curve.survival[k], `S(${k}), half-life ${halfLife}`).toBeCloseTo(trueSurvival(k), 10);
    }
  });

  it("recovers a known curve from sampled data with heavy censoring", () => {
    const { state } = simulate(40, 400, () => TRUE_PMF, 20);
    const curve = survivalCurve(state, 30);
    for (let k = 1; k <= 8; k += 1) expect(Math.abs((curve.survival[k] ?? 0) - trueSurvival(k)), `S(${k})`).toBeLessThan(0.02);
  });

  it("sees a slowdown while it happens: cohorts from day 30 take two days longer", () => {
    const slower = [0, 0, 0, ...TRUE_PMF.slice(1, 8), TRUE_PMF[8] ?? 0, TRUE_PMF[9] ?? 0];
    const { state } = simulate(36, 400, (day) => (day >= 30 ? slower : TRUE_PMF), 3);
    const curve = survivalCurve(state, 30);
    // Six days in, no slow parcel is late enough to have arrived, yet the young cohorts' emptiness shows:
    // S(2) is far above the old curve's 0.8 (no parcel of the slow cohorts arrives before age 3).
    expect(curve.survival[2] ?? 0).toBeGreaterThan(trueSurvival(2) + 0.05);
  });

  it("splices the completed-deliveries tail on where the cohorts stop vouching", () => {
    const curve = { survival: Float64Array.from([1, 0.9, 0.6]), reached: 2 };
    // History tail beyond age 2: weights 1 at age 3, 3 at age 4 → the remaining 0.6 splits 0.15 / 0.45.
    const pmf = spliceTail(curve, [5, 5, 5, 1, 3, 0]);
    expect([...pmf].map((p) => Math.round(p * 1000) / 1000)).toEqual([0, 0.1, 0.3, 0.15, 0.45, 0]);
    // Nothing reached: the history itself, normalised.
    expect([...spliceTail({ survival: new Float64Array(0), reached: -1 }, [1, 3])]).toEqual([0.25, 0.75]);
  });
});
