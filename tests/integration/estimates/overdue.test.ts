import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { estimateMissingWindows, reestimateOverdue } from "../../../lib/estimates-store";
import { announcePendingDelays } from "../../../lib/notifications/outbox/announce-delays";
import { resetDatabase } from "../support/reset-database";
import { at, chicagoMerchant, delaysOf, ingest, orderTo, scan, seedHistory, steadyHistory, windowOf } from "./support";

const date = (day: string) => new Date(`${day}T00:00:00Z`);

describe("undelivered parcels past their window get a fresh one", () => {
  let merchantId: string;

  beforeAll(async () => {
    await resetDatabase();
    merchantId = (await chicagoMerchant()).id;
    await seedHistory(merchantId, steadyHistory(200));
  });

  it("tells 'today' by the destination's zone", async () => {
    const zoned = (await chicagoMerchant()).id;
    await seedHistory(zoned, steadyHistory(50));
    const chicago = await orderTo(zoned, at("2027-03-10", "09:00"));
    const honolulu = await orderTo(zoned, at("2027-03-10", "09:00"), { shopperTimeZone: "Pacific/Honolulu" });
    for (const { shipment } of [chicago, honolulu]) {
      await ingest(zoned, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-11", "16:00"))]);
      // As if the shopper had been shown a window ending Monday 03-15.
      await db.shipment.update({ where: { id: shipment.id }, data: { etaEarliest: date("2027-03-15"), etaLatest: date("2027-03-15") } });
    }
    // Tue 03-16 02:00 in Chicago is still Mon 03-15 (21:00) in Honolulu.
    const result = await reestimateOverdue(at("2027-03-16", "02:00"), { merchantId: zoned });
    expect(result).toMatchObject({ checked: 2, reestimated: 1, delays: 1 });
    expect((await windowOf(chicago.shipment.id)).earliest).toBe("2027-03-16");
    expect(await windowOf(honolulu.shipment.id)).toMatchObject({ earliest: "2027-03-15", latest: "2027-03-15" });
  });

  it("re-estimates overdue parcels (running late, never in the past) and records the slip once; others are left alone", async () => {
    // Handed over Tue 03-09: shown Fri 03-12, then nothing more from the carrier.
    const late = await orderTo(merchantId, at("2027-03-08", "09:00"));
    const subscription = await db.alertSubscription.create({
      data: {
        merchantId, orderId: late.order.id, channel: "EMAIL", address: "overdue@example.com", scope: "KEY", status: "ACTIVE", locale: "en",
        consentText: "test", consentAt: at("2027-03-08", "09:00"), confirmedAt: at("2027-03-08", "09:00"),
      },
    });
    await ingest(merchantId, late.shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-09", "16:00"))]);
    expect(await windowOf(late.shipment.id)).toMatchObject({ earliest: "2027-03-12", latest: "2027-03-12" });
    // Three more overdue parcels (shown as ending Fri 03-12 or earlier), to page through.
    const more = [];
    for (const placed of ["2027-03-01", "2027-03-02", "2027-03-03"]) {
      const { shipment } = await orderTo(merchantId, at(placed, "09:00"));
      await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at(placed, "17:00"))]);
      more.push(shipment.id);
    }
    // Handed over Thu 03-11: shown Tue 03-16, which is today: not overdue.
    const onTime = await orderTo(merchantId, at("2027-03-10", "09:00"));
    await ingest(merchantId, onTime.shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-11", "16:00"))]);
    const onTimeBefore = await windowOf(onTime.shipment.id);
    expect(onTimeBefore.latest).toBe("2027-03-16");
    // Delivered with a window in the past: nothing to re-estimate.
    const delivered = await orderTo(merchantId, at("2027-03-01", "09:00"));
    await ingest(merchantId, delivered.shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-02", "16:00")), scan("DELIVERED", at("2027-03-05", "12:00"))]);
    const deliveredBefore = await windowOf(delivered.shipment.id);

    const now = at("2027-03-16", "10:00");
    const result = await reestimateOverdue(now, { pageSize: 2, merchantId });
    expect(result).toMatchObject({ reestimated: 4, delays: 4 });

    const window = await windowOf(late.shipment.id);
    // Never a window in the past: it can at the earliest come today.
    expect(window.earliest).toBe("2027-03-16");
    expect(window.latest! >= window.earliest!).toBe(true);
    expect(window.flags).toContain("running_late");
    expect(window.reason).toMatch(/^Running late: past the promised 2027-03-12/);
    expect(window.computedAt?.toISOString()).toBe(now.toISOString());
    expect(window.promisedLatest).toBe("2027-03-12");
    const delays = await delaysOf(late.shipment.id);
    expect(delays.map(({ previous, next }) => ({ previous, next }))).toEqual([
      { previous: ["2027-03-12", "2027-03-12"], next: [window.earliest, window.latest] },
    ]);
    for (const id of more) expect((await windowOf(id)).earliest).toBe("2027-03-16");

    expect(await windowOf(onTime.shipment.id)).toEqual(onTimeBefore);
    expect(await windowOf(delivered.shipment.id)).toEqual(deliveredBefore);

    // The worker's delay sweep announces what the overdue sweep recorded.
    await announcePendingDelays(new Date(now.getTime() + 5_000));
    const messages = await db.outboxMessage.findMany({ where: { subscriptionId: subscription.id }, select: { trigger: true, payload: true } });
    expect(messages.map((message) => message.trigger)).toEqual(["DELAY"]);
    expect(messages[0]!.payload).toMatchObject({ delay: { previousLatest: "2027-03-12", newEarliest: "2027-03-16", newLatest: window.latest } });

    // A second sweep the same day finds nothing overdue.
    expect(await reestimateOverdue(new Date(now.getTime() + 60_000), { merchantId })).toMatchObject({ reestimated: 0, delays: 0 });
    expect(await delaysOf(late.shipment.id)).toHaveLength(1);
  });

  it("gives an open parcel that never had a window its first one", async () => {
    const { order } = await orderTo(merchantId, at("2027-03-08", "09:00"));
    // As if created before estimates were stored: no window at all.
    const bare = await db.shipment.create({
      data: { merchantId, orderId: order.id, carrier: "ups", service: "Ground", trackingNumber: "1ZBARE0001", token: `bare-${Date.now()}` },
      select: { id: true },
    });
    expect(await estimateMissingWindows(at("2027-03-08", "10:00"), { merchantId })).toBe(1);
    expect(await windowOf(bare.id)).toMatchObject({ earliest: "2027-03-12", latest: "2027-03-12", stage: "ordered", promisedLatest: "2027-03-12" });
    expect(await estimateMissingWindows(at("2027-03-08", "10:00"), { merchantId })).toBe(0);
  });
});
