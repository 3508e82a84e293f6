import { describe, expect, it } from "vitest";
import { estimateDelivery } from "@/lib/estimates/estimate";
import { emptyLaneStats } from "@/lib/estimates/lane-stats";
import type { EstimateInput } from "@/lib/estimates/types";
import { at, EXACT, POLICY, SP_TO_RJ, tenDeliveries } from "./history-builder";

/*
 * Ten SP→RJ deliveries (history-builder.ts): total indexes {2, 3,3, 4,4,4, 5,5, 6, 8},
 * transit indexes {1, 2,2, 3,3,3, 4,4, 5, 7}. Business days from Monday 2018-03-19:
 * +1 Tue 20, +2 Wed 21, +3 Thu 22, +4 Fri 23, +5 Mon 26, +6 Tue 27, +7 Wed 28, +8 Thu 29,
 * (Fri 30 is Good Friday) +9 Mon 04-02, +10 Tue 04-03.
 */
const lanes = tenDeliveries();

function input(overrides: Partial<EstimateInput>): EstimateInput {
  return {
    stage: "ordered",
    orderedAt: at("2018-03-19", "09:00"),
    shippedAt: null,
    lastScanAt: null,
    route: SP_TO_RJ,
    merchant: POLICY,
    carrierEstimate: null,
    lanes,
    previouslyShown: null,
    ...overrides,
  };
}

describe("estimate at purchase", () => {
  it("promises the 95% quantile of handling-start → delivery and starts no earlier than the ship day", () => {
    const estimate = estimateDelivery(input({}), at("2018-03-19", "09:00"), EXACT);
    // q95 of {2,3,3,4,4,4,5,5,6,8}: 9.5 of 10 needs index 8 → Thu 03-29; q10 → index 2 → Wed 03-21.
    expect(estimate).toMatchObject({
      earliest: "2018-03-21",
      latest: "2018-03-29",
      stage: "ordered",
      flags: [],
      reason: "Based on 10 recent SP→RJ deliveries",
      // all mass inside, shrunk by support 9.7: (9.7 · 1 + 5 · 0.5) / 14.7
      confidence: 0.83,
    });
    expect(estimate.basis).toMatchObject({ level: "lane", label: "SP→RJ", holidays: [], carrierWeight: 0 });
  });

  it("starts the clock the next business day after the cutoff, and counts the holiday that pushes the window", () => {
    const orderedAt = at("2018-03-19", "13:00");
    const estimate = estimateDelivery(input({ orderedAt }), orderedAt, EXACT);
    // Handling starts Tue 03-20: +8 business days skips Good Friday → Mon 04-02; earliest max(+2 = Thu 03-22, ship day Wed 03-21).
    expect(estimate).toMatchObject({ earliest: "2018-03-22", latest: "2018-04-02" });
    expect(estimate.reason).toBe("Based on 10 recent SP→RJ deliveries; 1 holiday on the way");
    expect(estimate.basis.holidays).toEqual([{ date: "2018-03-30", name: "Sexta-Feira Santa" }]);
  });

  it("falls back to a prior with low confidence when the merchant has no history", () => {
    const shippedAt = at("2018-03-19", "10:00");
    const estimate = estimateDelivery(
      input({ stage: "shipped", shippedAt, lastScanAt: shippedAt, lanes: emptyLaneStats() }),
      shippedAt,
      EXACT,
    );
    // Prior: uniform over 1–8 business days in transit; the shortest run holding 85% is 7 bins, 1–7.
    expect(estimate).toMatchObject({
      earliest: "2018-03-20",
      latest: "2018-03-28",
      flags: ["no_history"],
      confidence: 0.5,
      reason: "No delivery history yet: typical handling and transit times",
    });
  });
});

describe("estimate once shipped", () => {
  const shippedAt = at("2018-03-19", "10:00");

  it("gives the shortest window holding 85% of transit times", () => {
    const estimate = estimateDelivery(input({ stage: "shipped", shippedAt, lastScanAt: shippedAt }), shippedAt, EXACT);
    // {1,2,2,3,3,3,4,4,5,7}: indexes 1–5 hold 9 of 10 (≥ 8.5) in width 4; 2–7 also 9 but width 5.
    expect(estimate).toMatchObject({ earliest: "2018-03-20", latest: "2018-03-26", stage: "shipped", confidence: 0.76 });
  });

  it("narrows as days pass without delivery (conditioned on 'not yet delivered')", () => {
    const now = at("2018-03-22", "12:00");
    const estimate = estimateDelivery(input({ stage: "in_transit", shippedAt, lastScanAt: at("2018-03-22", "08:00") }), now, EXACT);
    // Three business days gone: {3,3,3,4,4,5,7} remain; 3–5 holds 6 of 7 (≥ 5.95).
    expect(estimate).toMatchObject({ earliest: "2018-03-22", latest: "2018-03-26", flags: [] });
  });

  it("blends in the carrier's estimate with the prior weight when the carrier has no track record", () => {
    const route = { ...SP_TO_RJ, carrier: "correios" };
    const estimate = estimateDelivery(
      input({ stage: "shipped", shippedAt, lastScanAt: shippedAt, route, carrierEstimate: "2018-04-03" }),
      shippedAt,
      EXACT,
    );
    // ours [03-20, 03-26], carrier [04-03, 04-03], weight 0.3: earliest 03-20 + floor(0.3·14) = Sat 03-24 → Mon 03-26;
    // latest 03-26 + ceil(0.3·8) = Thu 03-29.
    expect(estimate).toMatchObject({ earliest: "2018-03-26", latest: "2018-03-29" });
    expect(estimate.reason).toBe("Based on 10 recent SP→RJ deliveries; carrier's estimate weighted 30%");
    expect(estimate.basis.carrierWeight).toBe(0.3);
  });
});

describe("early warning against the shop's promised date", () => {
  // Handed over Monday 03-19; Thursday 03-22 08:00 it is still out, so transit ≥ 3: {3,3,3,4,4,5,7} remain.
  const shippedAt = at("2018-03-19", "10:00");
  const now = at("2018-03-22", "08:00");
  const shipped = (promisedBy: string) => input({ stage: "in_transit", shippedAt, lastScanAt: shippedAt, promisedBy });

  it("gives the chance of still making the date, and flags running late below the alarm level", () => {
    const friday = estimateDelivery(shipped("2018-03-23"), now, { ...EXACT, promiseAlarmBelow: 0.5 });
    expect(friday.basis.promisedByChance).toBe(0.714); // 5 of 7 by index 4
    expect(friday.flags).not.toContain("running_late");
    const today = estimateDelivery(shipped("2018-03-22"), now, { ...EXACT, promiseAlarmBelow: 0.5 });
    expect(today.basis.promisedByChance).toBe(0.429); // 3 of 7
    expect(today.flags).toContain("running_late");
    expect(today.reason).toMatch(/^Running late: unlikely to arrive by the promised 2018-03-22; /);
    // A promised Saturday counts up to Friday (an index cannot tell Saturday from Monday); a past date is lost.
    expect(estimateDelivery(shipped("2018-03-24"), now, EXACT).basis.promisedByChance).toBe(0.714);
    expect(estimateDelivery(shipped("2018-03-21"), now, EXACT).basis.promisedByChance).toBe(0);
  });

  it("says nothing about a promise the order does not carry", () => {
    const estimate = estimateDelivery(input({ stage: "in_transit", shippedAt, lastScanAt: shippedAt }), now, EXACT);
    expect(estimate.basis.promisedByChance).toBeUndefined();
    expect(estimate.flags).not.toContain("running_late");
  });
});
