import { describe, expect, it } from "vitest";
import { detectDelay } from "@/lib/estimates/delay";
import { estimateDelivery } from "@/lib/estimates/estimate";
import { addDelivery } from "@/lib/estimates/lane-stats";
import { fromDayNumber, toDayNumber } from "@/lib/estimates/local-date";
import type { Estimate, EstimateInput } from "@/lib/estimates/types";
import { at, EXACT, POLICY, SP_TO_RJ, tenDeliveries } from "./history-builder";

/* Same history as estimate.test.ts: transit indexes {1, 2,2, 3,3,3, 4,4, 5, 7}, shipped Monday 2018-03-19. */
const shippedAt = at("2018-03-19", "10:00");
const shownAtShipment = { earliest: "2018-03-20", latest: "2018-03-26" };

function inTransit(overrides: Partial<EstimateInput>): EstimateInput {
  return {
    stage: "in_transit",
    orderedAt: at("2018-03-16", "09:00"),
    shippedAt,
    lastScanAt: shippedAt,
    route: SP_TO_RJ,
    merchant: POLICY,
    carrierEstimate: null,
    lanes: tenDeliveries(),
    previouslyShown: shownAtShipment,
    ...overrides,
  };
}

describe("out for delivery", () => {
  it("narrows the window to today", () => {
    const estimate = estimateDelivery(inTransit({ stage: "out_for_delivery", lastScanAt: at("2018-03-22", "07:30") }), at("2018-03-22", "11:00"), EXACT);
    expect(estimate).toMatchObject({ earliest: "2018-03-22", latest: "2018-03-22", confidence: 0.9, flags: [], reason: "Out for delivery today" });
  });

  it("gives the next business day when the van went out on an earlier day", () => {
    const estimate = estimateDelivery(inTransit({ stage: "out_for_delivery", lastScanAt: at("2018-03-21", "07:30") }), at("2018-03-22", "11:00"), EXACT);
    expect(estimate).toMatchObject({
      earliest: "2018-03-22",
      latest: "2018-03-23",
      flags: ["stalled"],
      reason: "Out for delivery since 2018-03-21; expected by the next business day",
    });
  });

  it("decides 'today' in the shopper's time zone around midnight", () => {
    // 03:30Z on 03-22 is 23:30 on 03-21 in Manaus (UTC-4) but 00:30 on 03-22 in São Paulo (UTC-3).
    const now = new Date("2018-03-22T03:30:00Z");
    const scan = new Date("2018-03-21T14:00:00Z");
    const toManaus = { ...SP_TO_RJ, destination: { country: "BR", region: "AM", timeZone: "America/Manaus" } };
    const manaus = estimateDelivery(inTransit({ stage: "out_for_delivery", lastScanAt: scan, route: toManaus }), now, EXACT);
    expect(manaus).toMatchObject({ earliest: "2018-03-21", latest: "2018-03-21", flags: [] });
    const saoPaulo = estimateDelivery(inTransit({ stage: "out_for_delivery", lastScanAt: scan }), now, EXACT);
    expect(saoPaulo).toMatchObject({ earliest: "2018-03-22", latest: "2018-03-23", flags: ["stalled"] });
  });
});

describe("exceptions and stalls widen the window and flag it", () => {
  it("widens on an exception to the 98% quantile plus two business days", () => {
    const now = at("2018-03-22", "12:00");
    const estimate = estimateDelivery(inTransit({ stage: "exception", lastScanAt: at("2018-03-22", "08:00") }), now, EXACT);
    // Remaining {3,3,3,4,4,5,7}: q98 = 7, + 2 = index 9 → Mon 04-02 (Good Friday skipped).
    expect(estimate).toMatchObject({ earliest: "2018-03-22", latest: "2018-04-02", flags: ["exception"], stage: "exception", confidence: 0.58 });
    // Six days after the ten deliveries, they count 10 · 2^(-6/60) = 9.3 "recent" deliveries.
    expect(estimate.reason).toBe("Carrier reported a problem; window widened; based on 9 recent SP→RJ deliveries; 1 holiday on the way");
  });

  it("flags a stall when silent longer than the lane usually goes quiet (default 3 business days)", () => {
    const now = at("2018-03-23", "12:00");
    const silent = estimateDelivery(inTransit({}), now, EXACT);
    // Four business days since the hand-off scan. Remaining {4,4,5,7}: 85% needs all four → 4–7, widened to 9.
    expect(silent).toMatchObject({ earliest: "2018-03-23", latest: "2018-04-02", flags: ["stalled"], confidence: 0.58 });
    expect(silent.reason).toBe(
      "No scan for 4 business days (usually at most 3); window widened; based on 9 recent SP→RJ deliveries; 1 holiday on the way",
    );
    // With a fresh scan there is no stall: a first estimate would say 4–7 → 03-28 …
    const scanned = estimateDelivery(inTransit({ lastScanAt: at("2018-03-23", "08:00"), previouslyShown: null }), now, EXACT);
    expect(scanned).toMatchObject({ earliest: "2018-03-23", latest: "2018-03-28", flags: [] });
  });

  it("keeps the latest date already shown when nothing went wrong (no creep without a reason)", () => {
    const now = at("2018-03-23", "12:00");
    // … but the shopper was shown 03-26 and the parcel is on track: the promise holds, no delay is recorded.
    const onTrack = estimateDelivery(inTransit({ lastScanAt: at("2018-03-23", "08:00") }), now, EXACT);
    expect(onTrack).toMatchObject({ earliest: "2018-03-23", latest: "2018-03-26", flags: [] });
    expect(detectDelay(shownAtShipment, onTrack)).toBeNull();
    // A carrier that now says 03-28 is a reason the shopper can be told: the window moves and a delay is recorded.
    const carrierLater = estimateDelivery(inTransit({ lastScanAt: at("2018-03-23", "08:00"), carrierEstimate: "2018-03-28" }), now, EXACT);
    expect(toDayNumber(carrierLater.latest)).toBeGreaterThan(toDayNumber("2018-03-26"));
    expect(detectDelay(shownAtShipment, carrierLater)?.previous.latest).toBe("2018-03-26");
  });

  it("learns the lane's own quiet threshold from deliveries with scans", () => {
    // Twenty deliveries whose only scan was the hand-off Monday 03-05, delivered Monday 03-12: silent 5 business days.
    let lanes = tenDeliveries();
    for (let i = 0; i < 20; i += 1) {
      lanes = addDelivery(lanes, {
        orderedAt: at("2018-03-05", "09:00"),
        shippedAt: at("2018-03-05", "10:00"),
        deliveredAt: at("2018-03-12", "14:00"),
        route: SP_TO_RJ,
        merchant: POLICY,
        scanTimes: [at("2018-03-05", "10:00")],
      });
    }
    const now = at("2018-03-23", "12:00");
    expect(estimateDelivery(inTransit({ lanes }), now, EXACT).flags).toEqual([]); // 4 ≤ 5
    // 6 > 5, and past the 03-26 the shopper was shown.
    expect(estimateDelivery(inTransit({ lanes }), at("2018-03-27", "12:00"), EXACT).flags).toEqual(["stalled", "running_late"]);
  });
});

describe("running late and the never-in-the-past rule", () => {
  it("says 'running late' with a fresh window once past the latest the shopper was shown", () => {
    const now = at("2018-03-28", "10:00");
    const estimate = estimateDelivery(inTransit({ lastScanAt: at("2018-03-28", "08:00") }), now, EXACT);
    // Seven business days gone: only the index-7 delivery is left → Wed 03-28, today.
    expect(estimate).toMatchObject({ earliest: "2018-03-28", latest: "2018-03-28", flags: ["running_late"] });
    expect(estimate.reason).toBe("Running late: past the promised 2018-03-26; based on 9 recent SP→RJ deliveries");
    expect(detectDelay(shownAtShipment, estimate)).toEqual({
      previous: shownAtShipment,
      next: { earliest: "2018-03-28", latest: "2018-03-28" },
      days: 2,
      stage: "in_transit",
      reason: estimate.reason,
    });
  });

  it("gives a short honest extension once the parcel is slower than every recent delivery", () => {
    const now = at("2018-03-29", "10:00");
    const estimate = estimateDelivery(inTransit({ lastScanAt: at("2018-03-29", "08:00") }), now, EXACT);
    // Eight business days gone, history ends at 7: today … +3 business days (Good Friday skipped) → Wed 04-04.
    expect(estimate).toMatchObject({ earliest: "2018-03-29", latest: "2018-04-04", flags: ["running_late"], confidence: 0.3 });
    expect(estimate.reason).toBe("Running late: past the promised 2018-03-26; based on 9 recent SP→RJ deliveries; 1 holiday on the way");
  });

  it("never shows a window that starts before today, whatever the day", () => {
    for (let day = toDayNumber("2018-03-19"); day <= toDayNumber("2018-04-20"); day += 1) {
      const today = fromDayNumber(day);
      for (const stage of ["ordered", "in_transit", "exception"] as const) {
        const estimate = estimateDelivery(inTransit({ stage, shippedAt: stage === "ordered" ? null : shippedAt }), at(today, "12:00"), EXACT);
        expect(estimate.earliest >= today, `${stage} on ${today}`).toBe(true);
        expect(estimate.latest >= estimate.earliest, `${stage} on ${today}`).toBe(true);
      }
    }
  });
});

describe("detectDelay", () => {
  const next = (earliest: string, latest: string): Estimate => ({
      earliest,
      latest,
      confidence: 0.8,
      stage: "in_transit" as const,
      flags: [],
      reason: "r",
      basis: { level: "lane" as const, label: "SP→RJ", deliveries: 10, holidays: [], carrierWeight: 0, latestLevel: 0.85 },
    });

  it("records a delay only when the new latest is later than the one shown", () => {
    expect(detectDelay(null, next("2018-03-20", "2018-03-30"))).toBeNull();
    expect(detectDelay(shownAtShipment, next("2018-03-22", "2018-03-26"))).toBeNull(); // narrower, same latest
    expect(detectDelay(shownAtShipment, next("2018-03-20", "2018-03-23"))).toBeNull(); // earlier
    expect(detectDelay(shownAtShipment, next("2018-03-27", "2018-03-27"))).toMatchObject({ days: 1, next: { latest: "2018-03-27" } });
  });
});
