import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import type { CompletedDelivery } from "../../../lib/estimates";
import { reestimatePromised } from "../../../lib/estimates-store";
import { announcePendingDelays } from "../../../lib/notifications/outbox/announce-delays";
import { getTrackingView } from "../../../lib/shipments/queries";
import { pageReason } from "../../../lib/tracking/reason-line";
import { resetDatabase } from "../support/reset-database";
import { at, chicagoMerchant, delaysOf, ingest, orderTo, scan, seedHistory, steadyHistory, windowOf } from "./support";

/**
 * A lane where half the parcels take two business days of transit and half three: handed over Tue
 * 2027-03-09 16:00, half arrive Thu 03-11, half Fri 03-12. A shop that promised Thu has a coin flip
 * until Thursday is over; on Friday morning, still not delivered, it has no chance left — the early
 * warning's moment, with the window itself unchanged (Fri).
 */
function splitHistory(): CompletedDelivery[] {
  return steadyHistory(200).map((delivery, index) => {
    if (index % 2 === 1) return delivery;
    // One business day sooner: the steady history's deliveries are Mon–Fri, so step back over weekends.
    const sooner = new Date(delivery.deliveredAt.getTime() - 86_400_000);
    while (sooner.getUTCDay() === 0 || sooner.getUTCDay() === 6) sooner.setTime(sooner.getTime() - 86_400_000);
    return { ...delivery, deliveredAt: sooner, scanTimes: delivery.scanTimes?.filter((time) => time < sooner) };
  });
}

describe("the shop's promised date (promisedBy)", () => {
  let merchantId: string;

  beforeAll(async () => {
    await resetDatabase();
    merchantId = (await chicagoMerchant()).id;
    await seedHistory(merchantId, splitHistory());
  });

  it("flags running late as soon as the promised date is unlikely, records the slip once and announces it", async () => {
    const { order, shipment } = await orderTo(merchantId, at("2027-03-08", "09:00"), { promisedBy: "2027-03-11" });
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id }, select: { promisedBy: true } })).toEqual({
      promisedBy: new Date("2027-03-11T00:00:00.000Z"),
    });
    const subscription = await db.alertSubscription.create({
      data: {
        merchantId, orderId: order.id, channel: "EMAIL", address: "promise@example.com", scope: "KEY", status: "ACTIVE", locale: "en",
        consentText: "test", consentAt: at("2027-03-08", "09:00"), confirmedAt: at("2027-03-08", "09:00"),
      },
    });
    expect((await windowOf(shipment.id)).flags).toEqual([]);

    await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-09", "16:00"), "Picked up")]);
    expect(await windowOf(shipment.id)).toMatchObject({ earliest: "2027-03-11", latest: "2027-03-12", flags: [] });
    // Thursday: it may still come today.
    await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-11", "04:00"), "Arrived at facility")]);
    expect((await windowOf(shipment.id)).flags).toEqual([]);
    expect(await delaysOf(shipment.id)).toEqual([]);

    // Friday morning, not delivered: Thursday has passed without it. The window (Fri) did not move.
    await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-12", "04:00"), "Arrived at facility")]);
    const window = await windowOf(shipment.id);
    expect(window).toMatchObject({ earliest: "2027-03-12", latest: "2027-03-12" });
    expect(window.flags).toContain("running_late");
    expect(window.reason).toMatch(/^Running late: unlikely to arrive by the promised 2027-03-11/);
    const delays = await delaysOf(shipment.id);
    expect(delays.map(({ previous, next }) => ({ previous, next }))).toEqual([{ previous: ["2027-03-11", "2027-03-11"], next: ["2027-03-12", "2027-03-12"] }]);

    // The alert says "we told you by Thu, now Fri", through the usual delay path, in the same transaction.
    const messages = await db.outboxMessage.findMany({ where: { subscriptionId: subscription.id }, select: { trigger: true, payload: true } });
    expect(messages).toEqual([
      expect.objectContaining({ trigger: "DELAY", payload: expect.objectContaining({ delay: { previousLatest: "2027-03-11", newEarliest: "2027-03-12", newLatest: "2027-03-12" } }) }),
    ]);

    // Later scans while it stays late: no second slip, no second alert.
    await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-12", "06:00"), "Departed facility")]);
    expect(await delaysOf(shipment.id)).toHaveLength(1);
    expect(await db.outboxMessage.count({ where: { subscriptionId: subscription.id } })).toBe(1);
  });

  it("on a quiet day the worker's promise sweep gives the warning, and its delay sweep announces it", async () => {
    const { order, shipment } = await orderTo(merchantId, at("2027-03-08", "09:00"), { promisedBy: "2027-03-11" });
    const subscription = await db.alertSubscription.create({
      data: {
        merchantId, orderId: order.id, channel: "EMAIL", address: "quiet@example.com", scope: "KEY", status: "ACTIVE", locale: "en",
        consentText: "test", consentAt: at("2027-03-08", "09:00"), confirmedAt: at("2027-03-08", "09:00"),
      },
    });
    await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-09", "16:00"), "Picked up")]);
    await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-10", "10:00"), "Departed facility")]);
    // Thursday morning, the date is still possible: nothing to say (and a day's silence is no stall on this lane).
    expect(await reestimatePromised(at("2027-03-11", "08:00"), { merchantId })).toMatchObject({ reestimated: 1, delays: 0 });
    // Re-estimated a moment ago: left alone until the window is a few hours old.
    expect(await reestimatePromised(at("2027-03-11", "09:00"), { merchantId })).toMatchObject({ checked: 0 });
    await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-11", "10:00"), "Arrived at facility")]);
    // Friday morning, no scan since: Thursday passed without it. Only the sweep can notice.
    expect(await reestimatePromised(at("2027-03-12", "08:00"), { merchantId })).toMatchObject({ reestimated: 1, delays: 1 });
    expect((await windowOf(shipment.id)).flags).toContain("running_late");
    expect(await announcePendingDelays(at("2027-03-12", "08:01"))).toBe(1);
    const messages = await db.outboxMessage.findMany({ where: { subscriptionId: subscription.id }, select: { trigger: true, payload: true } });
    expect(messages).toEqual([
      expect.objectContaining({ trigger: "DELAY", payload: expect.objectContaining({ delay: { previousLatest: "2027-03-11", newEarliest: "2027-03-12", newLatest: "2027-03-12" } }) }),
    ]);
    // Running late now: the sweep no longer looks at it.
    expect(await reestimatePromised(at("2027-03-12", "20:00"), { merchantId })).toMatchObject({ checked: 0 });
  });

  it("an order without promisedBy on the same path is never flagged against a date", async () => {
    const { order, shipment } = await orderTo(merchantId, at("2027-03-08", "09:00"));
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id }, select: { promisedBy: true } })).toEqual({ promisedBy: null });
    await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-09", "16:00"))]);
    await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-12", "04:00"))]);
    expect((await windowOf(shipment.id)).flags).toEqual([]);
    expect(await delaysOf(shipment.id)).toEqual([]);
  });

  it("a promise the lane cannot keep from the start is flagged at creation, and the page says so in its language", async () => {
    // Ordered Mon 09:00: handed over Tue at the soonest, delivered Thu at the soonest; Tue is hopeless.
    const { shipment } = await orderTo(merchantId, at("2027-03-08", "09:00"), { promisedBy: "2027-03-09" });
    expect((await windowOf(shipment.id)).flags).toContain("running_late");
    // The shopper had one date from the shop: the slip's "before" is that day, not a window ending before it starts.
    expect((await delaysOf(shipment.id)).map((delay) => delay.previous)).toEqual([["2027-03-09", "2027-03-09"]]);

    const view = await getTrackingView(shipment.token);
    const parcel = view!.shipments[0]!;
    expect(parcel.etaReasonFacts).toMatchObject({ behindPromise: "2027-03-09", basis: { level: "lane-carrier" } });
    // Dates as the page writes them, the carrier by its name, no ISO dates or internal keys in any language.
    expect(pageReason(parcel, "en")).toMatch(/^Running late: unlikely to arrive by the promised Tue, Mar 9; based on \d+ recent deliveries from IL to TX by UPS Ground$/);
    expect(pageReason(parcel, "de")).toMatch(/^Verspätet: Ankunft bis zum zugesagten Datum \(Di\., 9\. März\) unwahrscheinlich; basierend auf \d+ kürzlichen Lieferungen von IL nach TX mit UPS Ground$/);
    for (const locale of ["es", "fr", "pt-BR"] as const) {
      const line = pageReason(parcel, locale)!;
      expect(line).not.toMatch(/\d{4}-\d{2}-\d{2}|ups\/|Running late/);
      expect(line).toContain("UPS Ground");
    }
  });
});
