import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { CALIBRATION_KEY, CARRIER_TRACK_KEY } from "../../../lib/estimates-store";
import { ingestBatch, type IngestItem } from "../../../lib/webhooks/pipeline";
import { resetDatabase } from "../support/reset-database";
import { at, chicagoMerchant, ingest, orderTo, scan, seedHistory, steadyHistory } from "./support";

const LANE = "US-IL>US-TX|ups/ground";
const OTHER_LANE = "US-IL>US-CA|ups/ground";

interface Entry {
  day: number;
  count: number;
  total: number[];
  transit: number[];
  quiet: number[];
}

async function row(merchantId: string, laneKey: string) {
  const found = await db.laneStat.findUnique({ where: { merchantId_laneKey: { merchantId, laneKey } }, select: { stats: true, updatedAt: true } });
  return found ? { stats: found.stats as unknown as Entry, updatedAt: found.updatedAt } : null;
}

async function deliver(merchantId: string, trackingNumber: string, pickedUp: Date, delivered: Date, carrierEstimate?: Date) {
  await ingest(merchantId, trackingNumber, [scan("IN_TRANSIT", pickedUp, "Picked up")], { carrierEstimate: carrierEstimate ?? null });
  await ingest(merchantId, trackingNumber, [scan("DELIVERED", delivered, "Delivered")]);
}

describe("lane statistics, kept up to date one delivery at a time", () => {
  let merchantId: string;

  beforeAll(async () => {
    await resetDatabase();
    merchantId = (await chicagoMerchant()).id;
    await seedHistory(merchantId, [...steadyHistory(200), ...steadyHistory(5, "CA")]);
  });

  it("keeps one row per key of the fall-back chain, built from the history", async () => {
    const keys = (await db.laneStat.findMany({ where: { merchantId }, select: { laneKey: true } })).map((r) => r.laneKey);
    expect(keys).toEqual(expect.arrayContaining([LANE, "US-IL>US-TX", ">US-TX", "|ups/ground", "*", OTHER_LANE]));
    expect((await row(merchantId, LANE))!.stats.count).toBe(200);
    expect((await row(merchantId, "*"))!.stats.count).toBe(205);
  });

  it("a delivery updates only its own lane's rows, incrementally: a second one changes the counts again without any rescan", async () => {
    // Mark the global row: a rescan of deliveries would rebuild it from shipments and lose the mark.
    const global = (await row(merchantId, "*"))!;
    await db.laneStat.update({ where: { merchantId_laneKey: { merchantId, laneKey: "*" } }, data: { stats: { ...global.stats, count: 1000 } } });
    const lane = (await row(merchantId, LANE))!;
    const other = (await row(merchantId, OTHER_LANE))!;
    expect(lane.stats.transit[2] ?? 0).toBe(0);

    // Handed over Tue 03-09, delivered Thu 03-11: transit index 2, a bin no earlier delivery used.
    const first = await orderTo(merchantId, at("2027-03-08", "09:00"));
    await deliver(merchantId, first.shipment.trackingNumber, at("2027-03-09", "16:00"), at("2027-03-11", "14:00"));

    const afterFirst = (await row(merchantId, LANE))!;
    expect(afterFirst.stats.count).toBe(201);
    expect((await row(merchantId, "*"))!.stats.count).toBe(1001);
    // The new delivery landed in bin 2 with (nearly) full weight; older weights only decayed.
    expect(afterFirst.stats.transit[2]).toBeGreaterThan(0.9);
    expect(afterFirst.stats.transit[2]).toBeLessThanOrEqual(1);
    expect(afterFirst.stats.transit[3]).toBeLessThan(lane.stats.transit[3]!);
    expect(afterFirst.stats.transit[3]).toBeGreaterThan(lane.stats.transit[3]! * 0.9);
    expect(afterFirst.stats.day).toBeGreaterThan(lane.stats.day);
    // Another lane's row is not touched.
    expect(await row(merchantId, OTHER_LANE)).toEqual(other);

    const second = await orderTo(merchantId, at("2027-03-09", "09:00"));
    await deliver(merchantId, second.shipment.trackingNumber, at("2027-03-10", "16:00"), at("2027-03-12", "14:00"));
    expect((await row(merchantId, LANE))!.stats.count).toBe(202);
    expect((await row(merchantId, "*"))!.stats.count).toBe(1002);
    expect((await row(merchantId, LANE))!.stats.transit[2]).toBeGreaterThan(afterFirst.stats.transit[2]!);

    // A replayed delivery scan teaches nothing twice.
    await ingest(merchantId, second.shipment.trackingNumber, [scan("DELIVERED", at("2027-03-12", "14:00"), "Delivered")]);
    expect((await row(merchantId, LANE))!.stats.count).toBe(202);
  });

  it("the next estimate on the lane reads the updated rows", async () => {
    const fresh = (await chicagoMerchant()).id;
    await seedHistory(fresh, steadyHistory(5));
    const before = await orderTo(fresh, at("2027-03-10", "09:00"));
    await ingest(fresh, before.shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-11", "16:00"))]);
    // Five 3-day deliveries (and the prior, with so few): handed over Thu 03-11 → not before Tue 03-16.
    const shown = await db.shipment.findUniqueOrThrow({ where: { id: before.shipment.id }, select: { etaLatest: true } });
    expect(shown.etaLatest!.toISOString().slice(0, 10) >= "2027-03-16").toBe(true);

    // Then sixty 1-day deliveries (picked up Tue, delivered Wed): the lane now says one day.
    for (let i = 0; i < 60; i += 1) {
      const { shipment } = await orderTo(fresh, at("2027-03-08", "09:00"));
      await ingest(fresh, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-09", "16:00")), scan("DELIVERED", at("2027-03-10", "14:00"))]);
    }
    expect((await row(fresh, LANE))!.stats.count).toBe(65);
    const after = await orderTo(fresh, at("2027-03-10", "09:00"));
    await ingest(fresh, after.shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-11", "16:00"))]);
    const window = await db.shipment.findUniqueOrThrow({ where: { id: after.shipment.id }, select: { etaEarliest: true, etaLatest: true } });
    expect([window.etaEarliest, window.etaLatest]).toEqual([new Date("2027-03-12T00:00:00Z"), new Date("2027-03-12T00:00:00Z")]);
  });

  it("a delivery with a carrier estimate updates the carrier's track record; a purchase promise updates the calibration", async () => {
    const { shipment } = await orderTo(merchantId, at("2027-03-08", "09:00"));
    // The carrier said Fri 03-12; it came Thu 03-11.
    await deliver(merchantId, shipment.trackingNumber, at("2027-03-09", "16:00"), at("2027-03-11", "14:00"), new Date("2027-03-12T00:00:00Z"));
    const track = await db.laneStat.findUniqueOrThrow({ where: { merchantId_laneKey: { merchantId, laneKey: CARRIER_TRACK_KEY } } });
    const carriers = (track.stats as { carriers: Record<string, { count: number; errors: number[] }> }).carriers;
    expect(carriers.ups?.count).toBe(1);
    expect(carriers.ups?.errors.reduce((sum, w) => sum + w, 0)).toBeCloseTo(1, 5);

    const calibration = await db.laneStat.findUniqueOrThrow({ where: { merchantId_laneKey: { merchantId, laneKey: CALIBRATION_KEY } } });
    // Three deliveries so far made with a purchase promise (Fri 03-12 / Mon 03-15), all delivered in time.
    const promise = (calibration.stats as { promise: { outcomes: number; recentHitRate: number; target: number } }).promise;
    expect(promise.outcomes).toBe(3);
    expect(promise.recentHitRate).toBeGreaterThan(promise.target);
  });

  it("concurrent batches delivering for several merchants, in opposite orders, lose no update and do not deadlock", async () => {
    const [a, b] = [(await chicagoMerchant()).id, (await chicagoMerchant()).id];
    const parcels: { merchantId: string; trackingNumber: string }[] = [];
    for (const merchant of [a, b]) {
      for (let i = 0; i < 8; i += 1) {
        const { shipment } = await orderTo(merchant, at("2027-03-08", "09:00"));
        parcels.push({ merchantId: merchant, trackingNumber: shipment.trackingNumber });
      }
    }
    const item = ({ merchantId, trackingNumber }: (typeof parcels)[number]): IngestItem => ({
      merchantId,
      source: "test",
      deliveryId: null,
      update: {
        carrier: "ups", trackingNumber, service: null, status: "DELIVERED", detailCode: null, carrierEstimate: null, orderNumber: null, carrierUrl: null,
        events: [scan("IN_TRANSIT", at("2027-03-09", "16:00")), scan("DELIVERED", at("2027-03-12", "14:00"))],
      },
    });
    const ofA = parcels.filter((p) => p.merchantId === a);
    const ofB = parcels.filter((p) => p.merchantId === b);
    // Four batches at once, each with parcels of both merchants; half list B first.
    const batches = [0, 1, 2, 3].map((n) => {
      const pair = [ofA[2 * n]!, ofA[2 * n + 1]!, ofB[2 * n]!, ofB[2 * n + 1]!].map(item);
      return n % 2 === 0 ? pair : pair.reverse();
    });
    await Promise.all(batches.map((items) => ingestBatch(items, at("2027-03-12", "14:05"))));
    expect((await row(a, "*"))!.stats.count).toBe(8);
    expect((await row(b, "*"))!.stats.count).toBe(8);
    expect((await row(a, LANE))!.stats.count).toBe(8);
  });
});
