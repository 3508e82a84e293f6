import { describe, expect, it } from "vitest";
import { quantileFrom } from "@/lib/estimates/distribution";
import { laneChain } from "@/lib/estimates/lane-keys";
import { addDelivery, effectiveCount, emptyLaneStats, laneUpdates, observeDelivery } from "@/lib/estimates/lane-stats";
import { lookupLane } from "@/lib/estimates/lanes";
import { toDayNumber } from "@/lib/estimates/local-date";
import type { Route } from "@/lib/estimates/types";
import { at, POLICY, RJ, SP, SP_TO_RJ, tenDeliveries } from "./history-builder";

const EXACT_BLEND = { strength: 20, priorStrength: 0, basisMin: 10 };
const today = toDayNumber("2018-03-19");

describe("lane keys and the fall-back chain", () => {
  it("goes lane+carrier → lane → destination → carrier → global", () => {
    const route: Route = { origin: SP, destination: RJ, carrier: "Correios", service: "SEDEX" };
    expect(laneChain(route).map((ref) => [ref.level, ref.key, ref.label])).toEqual([
      ["lane-carrier", "BR-SP>BR-RJ|correios/sedex", "SP→RJ by correios/sedex"],
      ["lane", "BR-SP>BR-RJ", "SP→RJ"],
      ["destination", ">BR-RJ", "to RJ"],
      ["carrier", "|correios/sedex", "correios/sedex"],
      ["global", "*", "all"],
    ]);
  });

  it("leaves out levels whose parts are unknown instead of keying empty states", () => {
    const noStates: Route = { origin: { ...SP, region: null }, destination: { ...RJ, region: "  " }, carrier: null, service: null };
    expect(laneChain(noStates).map((ref) => ref.key)).toEqual(["*"]);
    const noOrigin: Route = { ...SP_TO_RJ, origin: { ...SP, region: null } };
    expect(laneChain(noOrigin).map((ref) => ref.key)).toEqual([">BR-RJ", "*"]);
  });
});

describe("lane statistics", () => {
  it("learns business-day indexes per part from one delivery", () => {
    const observation = observeDelivery(
      {
        orderedAt: at("2018-03-09", "13:00"), // Friday after the cutoff → handling starts Monday 03-12
        shippedAt: at("2018-03-13", "10:00"),
        deliveredAt: at("2018-03-17", "11:00"), // a Saturday: counts with Monday 03-19
        route: SP_TO_RJ,
        merchant: POLICY,
        scanTimes: [at("2018-03-14", "08:00")],
      },
      emptyLaneStats().settings,
    );
    expect(observation).toEqual({
      day: toDayNumber("2018-03-17"),
      keys: ["BR-SP>BR-RJ", ">BR-RJ", "*"],
      total: 5, // 13, 14, 15, 16, 19
      transit: 4, // 14, 15, 16, 19
      quiet: 3, // longest silence: scan 03-14 → delivered (counts as 03-19)
      handling: 1, // Monday 03-12 → handed over Tuesday 03-13
    });
  });

  it("halves the weight of a delivery every half-life and keeps quantiles of the mix", () => {
    let stats = emptyLaneStats({ halfLifeDays: 60 });
    const slow = { orderedAt: at("2017-11-01", "09:00"), shippedAt: null, deliveredAt: at("2017-11-16", "12:00"), route: SP_TO_RJ, merchant: POLICY };
    const fast = { orderedAt: at("2018-01-11", "09:00"), shippedAt: null, deliveredAt: at("2018-01-15", "12:00"), route: SP_TO_RJ, merchant: POLICY };
    stats = addDelivery(addDelivery(stats, slow), fast);
    const entry = stats.lanes["BR-SP>BR-RJ"];
    // 2017-11-16 → 2018-01-15 is 60 days: the slow one now weighs 0.5.
    expect(effectiveCount(entry, "total", toDayNumber("2018-01-15"), stats.settings)).toBeCloseTo(1.5, 10);
    expect(effectiveCount(entry, "total", toDayNumber("2018-03-16"), stats.settings)).toBeCloseTo(0.75, 10);
    const weights = lookupLane(stats, laneChain(SP_TO_RJ), "total", toDayNumber("2018-01-15"), [1], EXACT_BLEND).weights;
    // fast: index 2 (Jan 12, 15); slow: index 9 (Nov 3, 6–10, 13, 14, 16: Nov 2 and 15 are holidays). P(X ≤ 2) = 1/1.5.
    expect(quantileFrom(weights, 0.6)).toBe(2);
    expect(quantileFrom(weights, 0.7)).toBe(9);
  });

  it("gives the same statistics whatever order deliveries arrive in (late reports enter pre-decayed)", () => {
    const a = { orderedAt: at("2018-01-02", "09:00"), shippedAt: null, deliveredAt: at("2018-01-10", "12:00"), route: SP_TO_RJ, merchant: POLICY };
    const b = { orderedAt: at("2018-02-01", "09:00"), shippedAt: null, deliveredAt: at("2018-02-20", "12:00"), route: SP_TO_RJ, merchant: POLICY };
    const ab = addDelivery(addDelivery(emptyLaneStats(), a), b);
    const ba = addDelivery(addDelivery(emptyLaneStats(), b), a);
    const key = "BR-SP>BR-RJ";
    expect(ba.lanes[key]?.day).toBe(ab.lanes[key]?.day);
    ab.lanes[key]?.total.forEach((w, i) => expect(ba.lanes[key]?.total[i]).toBeCloseTo(w, 12));
  });

  it("updates without mutating, touches only the chain's rows, and survives JSON", () => {
    const stats = tenDeliveries();
    const frozen = JSON.stringify(stats);
    const delivery = { orderedAt: at("2018-03-12", "09:00"), shippedAt: null, deliveredAt: at("2018-03-19", "12:00"), route: SP_TO_RJ, merchant: POLICY };
    const next = addDelivery(stats, delivery);
    expect(JSON.stringify(stats)).toBe(frozen);
    expect(Object.keys(laneUpdates(stats, delivery))).toEqual(["BR-SP>BR-RJ", ">BR-RJ", "*"]);
    expect(next.lanes["BR-SP>BR-RJ"]?.count).toBe(11);
    expect(JSON.parse(JSON.stringify(next))).toEqual(next);
  });
});

describe("lookup with fall-backs", () => {
  const stats = tenDeliveries();
  const prior = [1];

  it("names the lane when it has enough recent deliveries", () => {
    const lookup = lookupLane(stats, laneChain(SP_TO_RJ), "total", today, prior, EXACT_BLEND);
    // Ten deliveries three days old with a 60-day half-life: 10 · 2^(-3/60) = 9.66.
    expect(lookup.basis).toEqual({ level: "lane", label: "SP→RJ", deliveries: 9.7 });
  });

  it("falls back to the destination when the lane is unknown, and to everything when the state is empty", () => {
    const fromMinas: Route = { ...SP_TO_RJ, origin: { ...SP, region: "MG" } };
    expect(lookupLane(stats, laneChain(fromMinas), "total", today, prior, EXACT_BLEND).basis).toMatchObject({ level: "destination", label: "to RJ" });
    const unknown: Route = { ...SP_TO_RJ, destination: { ...RJ, region: null } };
    expect(lookupLane(stats, laneChain(unknown), "total", today, prior, EXACT_BLEND).basis).toMatchObject({ level: "global", label: "all" });
  });

  it("falls back to the carrier when neither lane nor destination has history", () => {
    const byCorreios = tenDeliveries({ ...SP_TO_RJ, carrier: "correios", service: null });
    const toBahia: Route = { origin: SP, destination: { ...RJ, region: "BA" }, carrier: "correios", service: null };
    expect(lookupLane(byCorreios, laneChain(toBahia), "total", today, prior, EXACT_BLEND).basis).toMatchObject({ level: "carrier", label: "correios" });
  });

  it("uses the prior when there is no history at all", () => {
    const lookup = lookupLane(emptyLaneStats(), laneChain(SP_TO_RJ), "total", today, [0, 0, 1, 1], EXACT_BLEND);
    expect(lookup.basis).toEqual({ level: "prior", label: "none", deliveries: 0 });
    expect(quantileFrom(lookup.weights, 0.5)).toBe(2);
    expect(quantileFrom(lookup.weights, 0.51)).toBe(3);
  });

  it("lets a thin lane only nudge its parents (shrinkage with strength 20)", () => {
    // Two SP→MG deliveries at index 1 on top of the ten SP→RJ ones.
    let mixed = stats;
    for (const hour of ["09:00", "10:00"]) {
      mixed = addDelivery(mixed, {
        orderedAt: at("2018-03-15", hour),
        shippedAt: null,
        deliveredAt: at("2018-03-16", "14:00"),
        route: { ...SP_TO_RJ, destination: { ...RJ, region: "MG" } },
        merchant: POLICY,
      });
    }
    const chain = laneChain({ ...SP_TO_RJ, destination: { ...RJ, region: "MG" } });
    // Looked up on the delivery day itself, so every weight is exactly 1.
    const deliveryDay = toDayNumber("2018-03-16");
    const lookup = lookupLane(mixed, chain, "total", deliveryDay, prior, EXACT_BLEND);
    // global: 2/12 at index 1; destination: (2 + 20·2/12)/22 = 0.2424; lane: (2 + 20·0.2424)/22 = 0.3113.
    expect(lookup.weights[1]).toBeCloseTo(0.3113, 4);
    expect(quantileFrom(lookup.weights, 0.3)).toBe(1);
    // The global level alone would say 3 (P(X ≤ 2) = 3/12 < 0.3).
    const globalOnly = lookupLane(mixed, chain.slice(-1), "total", deliveryDay, prior, EXACT_BLEND);
    expect(quantileFrom(globalOnly.weights, 0.3)).toBe(3);
    // Neither the lane nor the destination has the 10 recent deliveries the reason line wants to name.
    expect(lookup.basis).toEqual({ level: "global", label: "all", deliveries: 12 });
  });
});
