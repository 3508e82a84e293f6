import { describe, expect, it } from "vitest";
import { laneChain } from "@/lib/estimates";
import { estimateKeys, stateFromRows, CARRIER_TRACK_KEY } from "@/lib/estimates-store/lane-store";
import {
  completedDeliveryOf,
  destinationZone,
  knownTimeZone,
  policyOf,
  routeOf,
  stageOf,
  type ShipmentFacts,
} from "@/lib/estimates-store/shipment-facts";

const facts: ShipmentFacts = {
  id: "s1",
  merchantId: "m1",
  status: "IN_TRANSIT",
  carrier: "ups",
  service: "Ground",
  createdAt: new Date("2027-03-08T15:00:00Z"),
  shippedAt: new Date("2027-03-09T22:00:00Z"),
  deliveredAt: null,
  lastEventAt: new Date("2027-03-10T10:00:00Z"),
  carrierEstimate: null,
  etaEarliest: "2027-03-12",
  etaLatest: "2027-03-12",
  etaStage: "in_transit",
  etaFlag: null,
  promisedLatest: "2027-03-12",
  placedAt: new Date("2027-03-08T15:00:00Z"),
  promisedBy: null,
  promiseWarned: false,
  destCountry: "US",
  destRegion: "TX",
  shopperTimeZone: "America/Chicago",
  merchantTimeZone: "America/Los_Angeles",
  handlingDays: 1,
  cutoffHour: 9,
  originRegion: "OR",
  originCountry: "US",
};

describe("shipment facts → estimate inputs", () => {
  it("a registered shipment the carrier has not scanned is 'ordered'; a label scan makes it 'shipped'", () => {
    expect(stageOf({ ...facts, status: "INFO_RECEIVED", lastEventAt: null, shippedAt: null })).toBe("ordered");
    expect(stageOf({ ...facts, status: "INFO_RECEIVED", shippedAt: null })).toBe("shipped");
    expect(stageOf(facts)).toBe("in_transit");
    expect(stageOf({ ...facts, status: "DELIVERY_ATTEMPTED" })).toBe("exception");
    expect(stageOf({ ...facts, status: "DELIVERED" })).toBeNull();
  });

  it("UNKNOWN keeps the stage it had, or guesses from what is known", () => {
    expect(stageOf({ ...facts, status: "UNKNOWN", etaStage: "out_for_delivery" })).toBe("out_for_delivery");
    expect(stageOf({ ...facts, status: "UNKNOWN", etaStage: null })).toBe("in_transit");
    expect(stageOf({ ...facts, status: "UNKNOWN", etaStage: "bogus", shippedAt: null, lastEventAt: null })).toBe("ordered");
  });

  it("the destination zone is the shopper's if real, else the merchant's, else UTC", () => {
    expect(destinationZone(facts)).toBe("America/Chicago");
    expect(destinationZone({ ...facts, shopperTimeZone: "Mars/Olympus_Mons" })).toBe("America/Los_Angeles");
    expect(destinationZone({ ...facts, shopperTimeZone: null, merchantTimeZone: "nowhere" })).toBe("UTC");
    expect(knownTimeZone("Europe/Lisbon")).toBe("Europe/Lisbon");
  });

  it("route and policy: origin from the merchant, destination from the order, cutoff as HH:MM", () => {
    expect(routeOf(facts)).toEqual({
      origin: { country: "US", region: "OR", timeZone: "America/Los_Angeles" },
      destination: { country: "US", region: "TX", timeZone: "America/Chicago" },
      carrier: "ups",
      service: "Ground",
    });
    expect(policyOf(facts)).toEqual({ handlingDays: 1, cutoff: "09:00" });
    expect(policyOf({ handlingDays: -2, cutoffHour: 30 })).toEqual({ handlingDays: 0, cutoff: "24:00" });
  });

  it("a delivery learns silence only from the carrier's scans, and never has an order after its hand-off", () => {
    const deliveredAt = new Date("2027-03-12T20:00:00Z");
    const label = new Date("2027-03-08T18:00:00Z");
    const scans = [label, new Date("2027-03-10T10:00:00Z"), new Date("2027-03-13T10:00:00Z")];
    const delivery = completedDeliveryOf(facts, deliveredAt, scans);
    expect(delivery.scanTimes).toEqual([new Date("2027-03-10T10:00:00Z")]);
    expect(delivery.orderedAt).toEqual(facts.placedAt);
    // Registered by its first carrier event: placedAt is when we heard of it, after the hand-off.
    const late = completedDeliveryOf({ ...facts, placedAt: new Date("2027-03-11T00:00:00Z") }, deliveredAt, []);
    expect(late.orderedAt).toEqual(facts.shippedAt);
  });

  it("an estimate reads at least the lane chain's rows", () => {
    const keys = estimateKeys(routeOf(facts));
    expect(keys).toEqual(expect.arrayContaining(laneChain(routeOf(facts)).map((ref) => ref.key)));
    expect(keys).toContain("*");
  });

  it("stored rows parse into state; unreadable ones count as absent, unknown fields survive", () => {
    const state = stateFromRows([
      { laneKey: "*", stats: { day: 20_000, count: 2, total: [0, 1], transit: [1], quiet: [], handling: [2] } },
      { laneKey: ">US-TX", stats: null },
      { laneKey: CARRIER_TRACK_KEY, stats: { version: 2 } },
    ]);
    expect(Object.keys(state.lanes.lanes)).toEqual(["*"]);
    expect(state.lanes.lanes["*"]).toMatchObject({ count: 2, handling: [2] });
    expect(state.carrierTrack).toBeNull();
    expect(state.calibration).toBeNull();
  });
});
