import { describe, expect, it } from "vitest";
import { emptyLaneStats } from "@/lib/estimates";
import { currentPmf } from "@/lib/estimates/current-curves";
import { currentInput, replayCurrentCurves, type ParcelGroup } from "@/lib/estimates/current-curves-replay";

const dayOf = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
/** `n` weekdays after a date (no US federal holiday from Feb 16 to May 31 2027). */
function weekdaysAfter(date: string, n: number): string {
  const day = new Date(`${date}T12:00:00Z`);
  for (let left = n; left > 0; ) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left -= 1;
  }
  return day.toISOString().slice(0, 10);
}

const TODAY = "2027-04-30";
const CONTEXT = {
  origin: { country: "US", region: "IL", timeZone: "America/Chicago" },
  policy: { handlingDays: 1, cutoff: "14:00" },
  today: dayOf(TODAY),
};
const FLAT = new Array(64).fill(1);

/** 10 parcels ordered every weekday of March and April 2027, handed over a day later, delivered `transit` days after that. */
function steady(transit: number, options: { openFrom?: string } = {}): ParcelGroup[] {
  const groups: ParcelGroup[] = [];
  for (let day = "2027-03-01"; day < TODAY; day = weekdaysAfter(day, 1)) {
    const shipped = weekdaysAfter(day, 1);
    const delivered = weekdaysAfter(shipped, transit);
    const open = (options.openFrom !== undefined && day >= options.openFrom) || delivered >= TODAY;
    groups.push({ orderDay: dayOf(day), afterCutoff: false, shipDay: dayOf(shipped), deliveryDay: open ? null : dayOf(delivered), count: 10 });
  }
  return groups;
}

describe("current curves rebuilt from the database's parcels", () => {
  it("recovers a steady transit time from delivered parcels", () => {
    const curves = replayCurrentCurves(steady(3), CONTEXT)!;
    const pmf = currentPmf(curves, "transit", FLAT)!;
    expect(pmf[3]).toBeCloseTo(1, 6);
    const handling = currentPmf(curves, "handling", FLAT)!;
    expect(handling[1]).toBeCloseTo(1, 6);
  });

  it("sees a slowdown in parcels still on their way before any of them arrives", () => {
    const curves = replayCurrentCurves(steady(3, { openFrom: "2027-04-12" }), CONTEXT)!;
    const pmf = currentPmf(curves, "transit", FLAT)!;
    // Parcels handed over from 13 April are still out: on the last ~10 business days nobody arrived at age
    // 3, which by period (half-life 10) is about half the weight — the hazard at 3 halves.
    expect(pmf[3]!).toBeGreaterThan(0.3);
    expect(pmf[3]!).toBeLessThan(0.6);
    expect(pmf.slice(4).reduce((sum, p) => sum + p, 0)).toBeGreaterThan(0.4);
  });

  it("does not know deliveries after today", () => {
    const later = steady(3).map((group) => ({ ...group, deliveryDay: group.deliveryDay === null ? dayOf("2027-05-20") : group.deliveryDay }));
    const a = currentPmf(replayCurrentCurves(later, CONTEXT)!, "transit", FLAT);
    const b = currentPmf(replayCurrentCurves(steady(3), CONTEXT)!, "transit", FLAT);
    expect(a).toEqual(b);
  });

  it("says nothing with too few parcels at risk, so the estimate input stays empty", () => {
    const few = steady(3).slice(0, 3).map((group) => ({ ...group, count: 2 }));
    const lanes = emptyLaneStats();
    lanes.lanes["*"] = { day: 0, count: 1, total: FLAT, transit: FLAT, quiet: FLAT, handling: FLAT };
    expect(currentInput(replayCurrentCurves(few, CONTEXT), lanes)).toBeNull();
    expect(currentInput(replayCurrentCurves(steady(3), CONTEXT), lanes)?.["*"]?.transit).toBeDefined();
    expect(replayCurrentCurves([], CONTEXT)).toBeNull();
  });
});
