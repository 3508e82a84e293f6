import { describe, expect, it } from "vitest";
import { detectPromiseSlip } from "@/lib/estimates/delay";
import type { Estimate } from "@/lib/estimates/types";

const BASIS = { level: "lane" as const, label: "IL→TX", deliveries: 200 };

function estimate(window: { earliest: string; latest: string }, behindPromise?: string): Estimate {
  return {
    ...window,
    confidence: 0.8,
    stage: "in_transit",
    flags: behindPromise ? ["running_late"] : [],
    reason: behindPromise ? `Running late: unlikely to arrive by the promised ${behindPromise}` : "Based on 200 recent IL→TX deliveries",
    reasonFacts: { basis: BASIS, holidays: 0, flags: behindPromise ? ["running_late"] : [], carrierWeight: 0, behindPromise },
    basis: { ...BASIS, holidays: [], carrierWeight: 0, latestLevel: 0.96 },
  };
}

const FRESH = { alreadyRunningLate: false, alreadyWarned: false };

describe("the slip against the shop's promised date", () => {
  it("is the promised date as the latest the shopper had, and the new window, the first time the date becomes unlikely", () => {
    const next = estimate({ earliest: "2027-03-12", latest: "2027-03-15" }, "2027-03-11");
    expect(detectPromiseSlip({ earliest: "2027-03-10", latest: "2027-03-15" }, next, FRESH)).toEqual({
      previous: { earliest: "2027-03-10", latest: "2027-03-11" },
      next: { earliest: "2027-03-12", latest: "2027-03-15" },
      days: 4,
      stage: "in_transit",
      reason: "Running late: unlikely to arrive by the promised 2027-03-11",
    });
    // At the first estimate (nothing shown yet) the promise is the one date the shopper had: never a window ending before it starts.
    expect(detectPromiseSlip(null, next, FRESH)?.previous).toEqual({ earliest: "2027-03-11", latest: "2027-03-11" });
    const earlier = estimate({ earliest: "2027-03-08", latest: "2027-03-15" }, "2027-03-11");
    expect(detectPromiseSlip(null, earlier, FRESH)?.previous).toEqual({ earliest: "2027-03-08", latest: "2027-03-11" });
  });

  it("is nothing while the date still looks reachable, once said, or when the page already says running late", () => {
    const shown = { earliest: "2027-03-10", latest: "2027-03-12" };
    expect(detectPromiseSlip(shown, estimate({ earliest: "2027-03-10", latest: "2027-03-12" }), FRESH)).toBeNull();
    const behind = estimate({ earliest: "2027-03-12", latest: "2027-03-12" }, "2027-03-11");
    expect(detectPromiseSlip(shown, behind, { ...FRESH, alreadyWarned: true })).toBeNull();
    expect(detectPromiseSlip(shown, behind, { ...FRESH, alreadyRunningLate: true })).toBeNull();
  });
});
