import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { clearCurrentCurvesCache, loadCurrentCurves } from "../../../lib/estimates-store/current-curves-store";
import { planReestimate } from "../../../lib/estimates-store/estimate-writes";
import { estimateKeys, readEstimateState } from "../../../lib/estimates-store/lane-store";
import { loadShipmentFacts, routeOf } from "../../../lib/estimates-store/shipment-facts";
import { reestimateShipment } from "../../../lib/estimates-store";
import { currentInput } from "../../../lib/estimates/current-curves-replay";
import { resetDatabase } from "../support/reset-database";
import { at, chicagoMerchant, ingest, orderTo, scan, seedHistory, steadyHistory, weekdaysAfter } from "./support";

// The lane history (steadyHistory): 1 business day of handling, 3 of transit, every time. The slow merchant's
// recent parcels were handed over the business day after their order — and then not one has arrived, up
// to 18 business days later: the completed history has not seen the slowdown yet, the open parcels have.
const NOW = at("2027-03-15", "10:00");
const ORDER_DAYS = Array.from({ length: 19 }, (_, n) => weekdaysAfter("2027-02-15", n)).filter((day) => day < "2027-03-12");
const PER_DAY = 6;

async function openParcels(merchantId: string, days: readonly string[], perDay: number) {
  for (const day of days) {
    for (let n = 0; n < perDay; n += 1) {
      const { shipment } = await orderTo(merchantId, at(day, "09:00"));
      await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at(weekdaysAfter(day, 1), "16:00"))]);
    }
  }
}

/** The window the product stores now, and the one the same facts and lane rows give without the curves. */
async function windowsOf(shipmentId: string) {
  return db.$transaction(async (tx) => {
    const facts = (await loadShipmentFacts(tx, shipmentId))!;
    const state = await readEstimateState(tx, facts.merchantId, estimateKeys(routeOf(facts)));
    const off = planReestimate(facts, state, NOW).estimate!;
    const on = (await reestimateShipment(tx, shipmentId, NOW)).estimate!;
    return { on: { earliest: on.earliest, latest: on.latest }, off: { earliest: off.earliest, latest: off.latest }, current: state.current };
  });
}

describe("the product's estimates follow the merchant's open parcels (current curves)", () => {
  let slow: string;
  let sparse: string;
  let neighbour: string;

  beforeAll(async () => {
    await resetDatabase();
    clearCurrentCurvesCache();
    slow = (await chicagoMerchant()).id;
    sparse = (await chicagoMerchant()).id;
    neighbour = (await chicagoMerchant()).id;
    for (const id of [slow, sparse, neighbour]) await seedHistory(id, steadyHistory(200));
    await openParcels(slow, ORDER_DAYS, PER_DAY);
    // Too few parcels for any age to have 30 at risk: the curves must say nothing.
    await openParcels(sparse, ORDER_DAYS.slice(0, 4), 1);
    clearCurrentCurvesCache();
  }, 240_000);

  it("a merchant whose recent parcels are all still out gets a later window than its completed history gives", async () => {
    const { shipment } = await orderTo(slow, NOW);
    const { on, off } = await windowsOf(shipment.id);
    // Without the curves: 1 day of handling and 3 of transit, as every delivery so far.
    expect(off.latest).toBe("2027-03-19");
    // Recently no parcel arrived up to 13 business days after its hand-off: the window moves past that.
    expect(on.latest >= weekdaysAfter(off.latest, 10)).toBe(true);
    const stored = await db.shipment.findUniqueOrThrow({ where: { id: shipment.id }, select: { etaLatest: true } });
    expect(stored.etaLatest?.toISOString().slice(0, 10)).toBe(on.latest);
  });

  it("a parcel already in transit is moved the same way, through the processing batch", async () => {
    const { shipment } = await orderTo(slow, at("2027-03-12", "09:00"));
    await ingest(slow, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-15", "09:55"))]);
    const stored = await db.shipment.findUniqueOrThrow({ where: { id: shipment.id }, select: { etaLatest: true } });
    const { off } = await windowsOf(shipment.id);
    expect(off.latest).toBe("2027-03-18");
    expect(stored.etaLatest!.toISOString().slice(0, 10) > off.latest).toBe(true);
  });

  it("with too few parcels the window is exactly today's", async () => {
    const { shipment } = await orderTo(sparse, NOW);
    const { on, off, current } = await windowsOf(shipment.id);
    expect(current ?? null).toBeNull();
    expect(on).toEqual(off);
    expect(on.latest).toBe("2027-03-19");
  });

  it("one merchant's open parcels never move another merchant's estimate", async () => {
    const { shipment } = await orderTo(neighbour, NOW);
    const { on, off } = await windowsOf(shipment.id);
    expect(on).toEqual(off);
    const curves = await db.$transaction(async (tx) => {
      const facts = (await loadShipmentFacts(tx, shipment.id))!;
      return loadCurrentCurves(tx, facts, NOW);
    });
    // The neighbour's only parcel is this one: nothing of the slow merchant's hundred is in its curves.
    expect(curves?.parts.total.open.reduce((sum, n) => sum + n, 0) ?? 0).toBeLessThanOrEqual(1);
    expect(currentInput(curves, (await db.$transaction((tx) => readEstimateState(tx, neighbour, ["*"]))).lanes)).toBeNull();
  });
});
