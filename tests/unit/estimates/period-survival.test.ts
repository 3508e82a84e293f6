import { describe, expect, it } from "vitest";
import { addStart, advanceTo, emptyCohortSurvival, markDelivered } from "@/lib/estimates/cohort-survival";
import { closeDay, emptyPeriodHazard, periodCurve } from "@/lib/estimates/period-survival";

/** Hazard per age: the share of the parcels still open at age k that arrive at age k. */
const HAZARD = [0, 0.1, 0.2, 0.5, 0.5, 0.6, 1];

/**
 * 100 parcels start every business day; each day, a `hazardOn(day)[k]` share of the parcels open at age k
 * arrives (fractional parcels, so the answer is exact). Returns the period curve at `days`.
 */
function run(days: number, halfLifeDays: number, hazardOn: (day: number) => readonly number[]) {
  const state = emptyCohortSurvival(10, 0);
  const period = emptyPeriodHazard(10, halfLifeDays);
  for (let day = 0; day <= days; day += 1) {
    if (day > 0) closeDay(period, state, 1);
    advanceTo(state, day);
    addStart(state, 100);
    const hazard = hazardOn(day);
    for (let k = 0; k < hazard.length; k += 1) {
      const arriving = (state.open[k] ?? 0) * (hazard[k] ?? 0);
      if (arriving > 0) markDelivered(state, k, arriving);
    }
  }
  closeDay(period, state, 1);
  return periodCurve(period, 1);
}

describe("period survival (hazards from what parcels of each age did on recent days)", () => {
  it("recovers the survival curve exactly in a steady state", () => {
    const curve = run(40, 5, () => HAZARD);
    let s = 1;
    HAZARD.forEach((h, k) => {
      s *= 1 - h;
      expect(curve.survival[k]).toBeCloseTo(s, 9);
    });
  });

  it("follows a change at old ages within days, before any new cohort has grown that old", () => {
    // From day 30 on, parcels aged 3 no longer arrive at 3 (they wait for 4); cohorts bought since day 30
    // are at most 6 days old at day 36, yet parcels aged 3 on days 30–36 all show the new hazard.
    const slow = [0, 0.1, 0.2, 0, 0.5, 0.6, 1];
    const curve = run(36, 1, (day) => (day >= 30 ? slow : HAZARD));
    const hazardAt3 = 1 - (curve.survival[3] ?? 0) / (curve.survival[2] ?? 1);
    // Days before the change weigh 2^-7 and less against the seven days since: the old 0.5 all but gone.
    expect(hazardAt3).toBeLessThan(0.01);
    expect(hazardAt3).toBeGreaterThan(0);
  });
});
