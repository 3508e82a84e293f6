import { describe, expect, it } from "vitest";
import { advanceCurves, currentPmf, emptyCurrentCurves, endPart, startPart } from "@/lib/estimates/current-curves";

/** P(T = k) in hundredths, so 100 parcels per cohort follow it exactly. */
const TRUE_PMF = [0, 0.05, 0.15, 0.2, 0.2, 0.15, 0.1, 0.08, 0.05, 0.02];
const UNIFORM_HISTORY = new Array(16).fill(1);

/**
 * 200 parcels start each business day 1 … days − 1, exactly 100 · P(T = k) of each half taking k days: one
 * half is announced the day before its clock starts (an order after the cutoff), the other on the day.
 */
function feed(days: number, halfLifeDays: number, shift: (start: number) => number = () => 0) {
  const curves = emptyCurrentCurves(0, { halfLifeDays, bins: 16, minAtRisk: 30 });
  const ends = new Map<number, number[]>(); // day → start days of the parcels ending then
  for (let day = 0; day <= days; day += 1) {
    advanceCurves(curves, day);
    for (const start of ends.get(day) ?? []) endPart(curves, "total", start);
    if (day === days) break;
    for (const start of [day, day + 1]) {
      if (start >= days) continue;
      for (let k = 0; k < TRUE_PMF.length; k += 1) {
        const n = Math.round(100 * (TRUE_PMF[k] ?? 0));
        for (let i = 0; i < n; i += 1) {
          startPart(curves, "total", start);
          const end = start + k + shift(start);
          ends.set(end, [...(ends.get(end) ?? []), start]);
        }
      }
    }
  }
  return curves;
}

describe("current curves (Kaplan–Meier per part, fed by events as they happen)", () => {
  it("recovers a known distribution exactly while the youngest cohorts are still mostly open", () => {
    const pmf = currentPmf(feed(30, Number.POSITIVE_INFINITY), "total", UNIFORM_HISTORY);
    expect(pmf).not.toBeNull();
    TRUE_PMF.forEach((p, k) => expect(pmf?.[k]).toBeCloseTo(p, 9));
  });

  it("shows a slowdown of new cohorts before their slow parcels arrive", () => {
    // From day 20 on every parcel takes 3 days longer; at day 24 none of those has arrived yet.
    const curves = feed(24, 2, (start) => (start >= 20 ? 3 : 0));
    const pmf = currentPmf(curves, "total", UNIFORM_HISTORY);
    // Completed deliveries alone would still say P(T ≤ 1) = 0.05; the open, slower cohorts say less.
    expect((pmf?.[0] ?? 0) + (pmf?.[1] ?? 0)).toBeLessThan(0.03);
  });

  it("says nothing before any age has enough parcels at risk", () => {
    const curves = emptyCurrentCurves(0, { bins: 16, minAtRisk: 30 });
    startPart(curves, "transit", 0);
    advanceCurves(curves, 1);
    expect(currentPmf(curves, "transit", UNIFORM_HISTORY)).toBeNull();
  });

  it("counts a part that ended before its clock started as done at age 0", () => {
    const curves = emptyCurrentCurves(0, { bins: 8, minAtRisk: 1, halfLifeDays: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 10; i += 1) startPart(curves, "handling", 1); // announced on day 0, starts on day 1
    for (let i = 0; i < 4; i += 1) endPart(curves, "handling", 1); // handed over the same evening
    advanceCurves(curves, 1);
    advanceCurves(curves, 2);
    const pmf = currentPmf(curves, "handling", new Array(8).fill(1));
    expect(pmf?.[0]).toBeCloseTo(0.4, 12);
  });
});
