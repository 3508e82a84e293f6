import { describe, expect, it } from "vitest";
import { businessCalendar, DEFAULT_CALENDAR_OPTIONS } from "@/lib/estimates/business-days";
import { conditionedFrom, convolve, quantileFrom } from "@/lib/estimates/distribution";
import { estimateDelivery } from "@/lib/estimates/estimate";
import { handlingChain } from "@/lib/estimates/lane-keys";
import { addDelivery, effectiveCount, emptyLaneStats, laneUpdates, observeDelivery, type LaneStats } from "@/lib/estimates/lane-stats";
import { toDayNumber } from "@/lib/estimates/local-date";
import type { EstimateInput, Route } from "@/lib/estimates/types";
import { at, businessDaysBefore, EXACT, POLICY, SP, SP_TO_RJ, tenDeliveries } from "./history-builder";

const SELLER: Route = { ...SP_TO_RJ, shipper: "SP-13456" };

describe("convolution of handling and transit", () => {
  it("adds independent indexes: P(X + Y = k) = Σ P(X = i) · P(Y = k − i)", () => {
    // X ∈ {0, 1} evenly, Y ∈ {1, 3} evenly → X + Y ∈ {1, 2, 3, 4}, a quarter each.
    expect([...convolve([0.5, 0.5], [0, 0.5, 0, 0.5])]).toEqual([0, 0.25, 0.25, 0.25, 0.25]);
    // Masses multiply (weights need not be normalised).
    expect([...convolve([2], [1, 3])]).toEqual([2, 6]);
    expect([...convolve([], [1])]).toEqual([]);
  });

  it("is far tighter in the tail than adding the two quantiles", () => {
    // Handling 1 (90%) or 3 (10%); transit 2 (90%) or 6 (10%): q95 3 + q95 6 = 9, but the sum is
    // 3 (.81), 5 (.09), 7 (.09), 9 (.01), so P(≤ 7) = .99 and the 95% quantile of the sum is 7.
    const handling = [0, 0.9, 0, 0.1];
    const transit = [0, 0, 0.9, 0, 0, 0, 0.1];
    expect(quantileFrom(handling, 0.95)! + quantileFrom(transit, 0.95)!).toBe(9);
    expect(quantileFrom(convolve(handling, transit), 0.95)).toBe(7);
    expect(quantileFrom(convolve(handling, transit), 0.9)).toBe(5);
  });

  it("conditions on 'not before index k' by emptying the bins below it", () => {
    expect([...conditionedFrom([1, 2, 3, 4], 2)]).toEqual([0, 0, 3, 4]);
    expect([...conditionedFrom([1, 2], 0)]).toEqual([1, 2]);
  });
});

describe("handling statistics per shipper", () => {
  it("reads handling from the shipper, then its origin region, then everything; only the global row without a shipper", () => {
    expect(handlingChain(SELLER).map((ref) => [ref.level, ref.key])).toEqual([
      ["shipper", "@SP-13456"],
      ["origin", "BR-SP>"],
      ["global", "*"],
    ]);
    expect(handlingChain(SP_TO_RJ).map((ref) => ref.key)).toEqual(["*"]);
    expect(handlingChain({ ...SELLER, origin: { ...SP, region: null } }).map((ref) => ref.key)).toEqual(["@SP-13456", "*"]);
  });

  it("learns handling in origin business days and writes the shipper's rows only when a shipper is named", () => {
    const delivery = {
      orderedAt: at("2018-03-09", "13:00"), // Friday after the cutoff → handling starts Monday 03-12
      shippedAt: at("2018-03-14", "10:00"), // two business days later
      deliveredAt: at("2018-03-16", "11:00"),
      route: SELLER,
      merchant: POLICY,
    };
    const observation = observeDelivery(delivery, emptyLaneStats().settings);
    expect(observation).toMatchObject({ keys: ["BR-SP>BR-RJ", ">BR-RJ", "*", "@SP-13456", "BR-SP>"], total: 4, transit: 2, handling: 2 });
    expect(Object.keys(laneUpdates(emptyLaneStats(), delivery))).toEqual(["BR-SP>BR-RJ", ">BR-RJ", "*", "@SP-13456", "BR-SP>"]);
    // Without a hand-off time there is no handling to learn, and rows that never saw one keep their old shape.
    const unshipped = addDelivery(emptyLaneStats(), { ...delivery, route: SP_TO_RJ, shippedAt: null });
    expect(unshipped.lanes["*"]).not.toHaveProperty("handling");
  });

  it("can count a delivery's age from the day its clock started instead of the delivery day", () => {
    // Handling started Monday 2018-01-15, delivered 60 days later (Friday 03-16): with recency from the
    // start it enters at half weight in `total` and `handling`; transit (hand-off 03-12, 4 days) at 2^(-4/60).
    const delivery = { orderedAt: at("2018-01-15", "09:00"), shippedAt: at("2018-03-12", "10:00"), deliveredAt: at("2018-03-16", "11:00"), route: SP_TO_RJ, merchant: POLICY };
    const byStart = addDelivery(emptyLaneStats({ recencyFrom: "start" }), delivery);
    const day = toDayNumber("2018-03-16");
    expect(effectiveCount(byStart.lanes["*"], "total", day, byStart.settings)).toBeCloseTo(0.5, 12);
    expect(effectiveCount(byStart.lanes["*"], "handling", day, byStart.settings)).toBeCloseTo(0.5, 12);
    expect(effectiveCount(byStart.lanes["*"], "transit", day, byStart.settings)).toBeCloseTo(2 ** (-4 / 60), 12);
    const byDelivery = addDelivery(emptyLaneStats(), delivery);
    expect(effectiveCount(byDelivery.lanes["*"], "total", day, byDelivery.settings)).toBe(1);
  });
});

/*
 * Ten deliveries from one seller, all delivered Friday 2018-03-16 (equal weights): handling 1 business
 * day for nine and 3 for one; transit 2 for nine and 6 for one — the slow handling and the slow transit
 * in the same order, so the lane's own totals are {3 ×9, 9}.
 */
function sellerHistory(): LaneStats {
  let stats = emptyLaneStats();
  const pairs: [number, number][] = [...Array.from({ length: 9 }, (): [number, number] => [1, 2]), [3, 6]];
  for (const [handling, transit] of pairs) {
    const shipped = businessDaysBefore("2018-03-16", transit);
    const ordered = businessDaysBefore(shipped, handling);
    stats = addDelivery(stats, { orderedAt: at(ordered, "09:00"), shippedAt: at(shipped, "10:00"), deliveredAt: at("2018-03-16", "14:00"), route: SELLER, merchant: POLICY });
  }
  return stats;
}

function ordered(overrides: Partial<EstimateInput> = {}): EstimateInput {
  return {
    stage: "ordered",
    orderedAt: at("2018-03-19", "09:00"),
    shippedAt: null,
    lastScanAt: null,
    route: SELLER,
    merchant: POLICY,
    carrierEstimate: null,
    lanes: sellerHistory(),
    previouslyShown: null,
    ...overrides,
  };
}

describe("the promise before hand-off, from handling ⊗ transit", () => {
  // Business days from Monday 03-19: +5 Mon 26, +7 Wed 28, +9 Mon 04-02 (Good Friday 03-30 is off).
  it("reads the 95% quantile of the sum of the two distributions (7), not of the lane's own totals (9)", () => {
    const now = at("2018-03-19", "09:00");
    expect(estimateDelivery(ordered(), now, EXACT).latest).toBe("2018-03-28");
    expect(estimateDelivery(ordered(), now, { ...EXACT, decompose: false }).latest).toBe("2018-04-02");
  });

  it("while the merchant has not handed it over, keeps only the handling still possible", () => {
    // Wednesday 03-21, still not shipped: handling ≥ 2 leaves only the 3-day case, so 3 + {2 (.9), 6 (.1)}: q95 = 9.
    expect(estimateDelivery(ordered(), at("2018-03-21", "09:00"), EXACT)).toMatchObject({ latest: "2018-04-02", flags: [] });
    // Thursday 03-29, still waiting: past the 03-28 a first-day promise would have said, so running late;
    // handling now at least 8 (longer than any seen) → 8 + {2, 6}: q95 = 14 → +10 Tue 04-03 … +14 Mon 04-09.
    expect(estimateDelivery(ordered(), at("2018-03-29", "09:00"), EXACT)).toMatchObject({ latest: "2018-04-09", flags: ["running_late"] });
  });

  it("is what it was for a history with one handling time (the convolution only shifts transit)", () => {
    // tenDeliveries: handling always 1, transit {1, 2,2, 3,3,3, 4,4, 5, 7} → totals {2, …, 8}: q95 = 8 → Thu 03-29.
    const now = at("2018-03-19", "09:00");
    const lanes = tenDeliveries();
    expect(estimateDelivery(ordered({ route: SP_TO_RJ, lanes }), now, EXACT).latest).toBe("2018-03-29");
    expect(estimateDelivery(ordered({ route: SP_TO_RJ, lanes }), now, { ...EXACT, decompose: false }).latest).toBe("2018-03-29");
  });

  it("falls back to the lane's totals when no delivery had a hand-off time", () => {
    let lanes = emptyLaneStats();
    for (const k of [2, 3, 4]) {
      lanes = addDelivery(lanes, { orderedAt: at(businessDaysBefore("2018-03-16", k), "09:00"), shippedAt: null, deliveredAt: at("2018-03-16", "14:00"), route: SELLER, merchant: POLICY });
    }
    // q95 of {2, 3, 4} = 4 → Fri 03-23.
    expect(estimateDelivery(ordered({ lanes }), at("2018-03-19", "09:00"), EXACT).latest).toBe("2018-03-23");
  });
});

describe("the window once shipped, by quantiles", () => {
  it("can use two quantiles of the remaining transit instead of the shortest 85% run", () => {
    // Transit {1, 2,2, 3,3,3, 4,4, 5, 7} from Monday 03-19: q10 = 1 (Tue 20), q90 = 5 (Mon 26).
    const shippedAt = at("2018-03-19", "10:00");
    const input = ordered({ stage: "shipped", shippedAt, lastScanAt: shippedAt, route: SP_TO_RJ, lanes: tenDeliveries() });
    expect(estimateDelivery(input, shippedAt, { ...EXACT, windowQuantiles: [0.1, 0.9] })).toMatchObject({ earliest: "2018-03-20", latest: "2018-03-26" });
  });
});

describe("Brazilian bank holidays", () => {
  it("stop the clock on Carnival Monday and Tuesday and on Corpus Christi, unless only public holidays are asked for", () => {
    const calendar = businessCalendar({ country: "BR", region: "SP" });
    for (const day of ["2018-02-12", "2018-02-13", "2017-06-15"]) expect(calendar.isBusinessDay(toDayNumber(day)), day).toBe(false);
    expect(calendar.isBusinessDay(toDayNumber("2018-02-14"))).toBe(true); // Ash Wednesday: Correios open after noon
    const publicOnly = businessCalendar({ country: "BR", region: "SP" }, { ...DEFAULT_CALENDAR_OPTIONS, holidayTypesByCountry: {} });
    expect(publicOnly.isBusinessDay(toDayNumber("2018-02-12"))).toBe(true);
    // Other countries keep their public holidays only.
    expect(businessCalendar({ country: "US", region: null }).isBusinessDay(toDayNumber("2018-11-12"))).toBe(true);
  });
});
