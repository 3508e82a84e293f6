import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { DEFAULT_ESTIMATE_OPTIONS } from "../../../lib/estimates";
import { addShipment } from "../../../lib/shipments/add-shipment";
import { resetDatabase } from "../support/reset-database";
import { at, chicagoMerchant, delaysOf, ingest, orderTo, scan, seedHistory, steadyHistory, weekdaysAfter, windowOf } from "./support";

// Every delivery on the lane took 1 business day of handling and 3 of transit, so:
// ordered Mon 2027-03-08 09:00 (before the 14:00 cutoff) → delivered 4 business days later, Fri 03-12;
// handed over Tue 03-09 → 3 business days later, Fri 03-12.
describe("re-estimating on every event", () => {
  let merchantId: string;

  beforeAll(async () => {
    await resetDatabase();
    merchantId = (await chicagoMerchant()).id;
    await seedHistory(merchantId, steadyHistory(200));
  });

  it("gives a new order its first window when it is created, and records it as the promise", async () => {
    const { shipment } = await orderTo(merchantId, at("2027-03-08", "09:00"));
    const window = await windowOf(shipment.id);
    expect(window).toMatchObject({ earliest: "2027-03-12", latest: "2027-03-12", stage: "ordered", promisedLatest: "2027-03-12" });
    expect(window.flags).toEqual([]);
    expect(window.reason).toMatch(/IL→TX/);
    expect(window.computedAt?.toISOString()).toBe(at("2027-03-08", "09:00").toISOString());
  });

  it("an order placed after the cutoff starts being handled the next business day", async () => {
    const { shipment } = await orderTo(merchantId, at("2027-03-08", "15:30"));
    expect(await windowOf(shipment.id)).toMatchObject({ earliest: "2027-03-15", latest: "2027-03-15", stage: "ordered" });
  });

  it("a parcel added to an existing order gets its window too (and the API answer shows it)", async () => {
    const { order } = await orderTo(merchantId, at("2027-03-08", "09:00"));
    const added = await addShipment(merchantId, order.id, { carrier: "UPS", service: "Ground", trackingNumber: "1ZADDED0001" }, at("2027-03-08", "10:00"));
    expect(added.estimate).toMatchObject({ earliest: "2027-03-12", latest: "2027-03-12", stage: "ordered", promisedLatest: "2027-03-12" });
  });

  it("a carrier event re-estimates and writes the window, from the hand-off", async () => {
    const { shipment } = await orderTo(merchantId, at("2027-03-08", "09:00"));
    // Handed over a day late (Wed): three business days from then is Mon 03-15.
    await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-10", "16:00"), "Picked up")]);
    const window = await windowOf(shipment.id);
    expect(window).toMatchObject({ earliest: "2027-03-15", latest: "2027-03-15", stage: "in_transit", promisedLatest: "2027-03-12" });
    expect(window.computedAt?.toISOString()).toBe(at("2027-03-10", "16:05").toISOString());
    // The promise slipped from Fri to Mon: one Delay, old and new window.
    expect((await delaysOf(shipment.id)).map(({ previous, next }) => ({ previous, next }))).toEqual([
      { previous: ["2027-03-12", "2027-03-12"], next: ["2027-03-15", "2027-03-15"] },
    ]);
  });

  it("out for delivery narrows the window to today, which is not a delay", async () => {
    const { shipment } = await orderTo(merchantId, at("2027-03-08", "09:00"));
    await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-09", "16:00"))]);
    expect(await windowOf(shipment.id)).toMatchObject({ earliest: "2027-03-12", latest: "2027-03-12", stage: "in_transit" });
    await ingest(merchantId, shipment.trackingNumber, [scan("OUT_FOR_DELIVERY", at("2027-03-11", "08:00"), "Out for delivery")]);
    const window = await windowOf(shipment.id);
    expect(window).toMatchObject({ earliest: "2027-03-11", latest: "2027-03-11", stage: "out_for_delivery", promisedLatest: "2027-03-12" });
    expect(window.confidence).toBeGreaterThanOrEqual(0.9);
    expect(await delaysOf(shipment.id)).toEqual([]);
  });

  it("an exception widens the window and flags it; the slip is recorded once, with the old and new dates", async () => {
    const { shipment } = await orderTo(merchantId, at("2027-03-08", "09:00"));
    await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-09", "16:00"))]);
    await ingest(merchantId, shipment.trackingNumber, [scan("EXCEPTION", at("2027-03-10", "11:00"), "Weather delay")]);

    // `latest` moves to the 98% quantile of transit (3 business days) plus the widening pad.
    const widened = weekdaysAfter("2027-03-09", 3 + DEFAULT_ESTIMATE_OPTIONS.widenPadDays);
    const window = await windowOf(shipment.id);
    expect(window).toMatchObject({ earliest: "2027-03-12", latest: widened, stage: "exception", promisedLatest: "2027-03-12" });
    expect(window.flags).toContain("exception");
    const delays = await delaysOf(shipment.id);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toMatchObject({ previous: ["2027-03-12", "2027-03-12"], next: ["2027-03-12", widened] });
    expect(delays[0]!.reason).toMatch(/Carrier reported a problem/);
    expect(delays[0]!.createdAt.toISOString()).toBe(at("2027-03-10", "11:05").toISOString());

    // Moving again narrows the window back: not a delay. A replay of the exception adds nothing.
    await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-11", "06:00"), "Departed facility")]);
    expect(await windowOf(shipment.id)).toMatchObject({ earliest: "2027-03-12", latest: "2027-03-12", stage: "in_transit", flags: [] });
    await ingest(merchantId, shipment.trackingNumber, [scan("EXCEPTION", at("2027-03-10", "11:00"), "Weather delay")]);
    expect(await delaysOf(shipment.id)).toHaveLength(1);
  });

  it("a delay recorded by the estimate is announced by the alerts hook in the same transaction", async () => {
    const { order, shipment } = await orderTo(merchantId, at("2027-03-08", "09:00"));
    const subscription = await db.alertSubscription.create({
      data: {
        merchantId, orderId: order.id, channel: "EMAIL", address: "late@example.com", scope: "KEY", status: "ACTIVE", locale: "en",
        consentText: "test", consentAt: at("2027-03-08", "09:00"), confirmedAt: at("2027-03-08", "09:00"),
      },
    });
    await ingest(merchantId, shipment.trackingNumber, [scan("IN_TRANSIT", at("2027-03-09", "16:00"))]);
    await ingest(merchantId, shipment.trackingNumber, [scan("EXCEPTION", at("2027-03-10", "11:00"))]);
    const [delay] = await db.delay.findMany({ where: { shipmentId: shipment.id } });
    expect(delay?.announcedAt?.toISOString()).toBe(at("2027-03-10", "11:05").toISOString());
    const messages = await db.outboxMessage.findMany({ where: { subscriptionId: subscription.id }, select: { trigger: true, payload: true } });
    // The exception alert carries the slip (the alerts layer folds a delay into a waiting status message).
    expect(messages).toHaveLength(1);
    expect(messages[0]!.payload).toMatchObject({
      delay: { previousLatest: "2027-03-12", newEarliest: "2027-03-12", newLatest: weekdaysAfter("2027-03-09", 3 + DEFAULT_ESTIMATE_OPTIONS.widenPadDays) },
    });
  });

  it("a tracker first heard of through a carrier event (its order created on the fly) gets a window", async () => {
    await ingest(merchantId, "1ZUNREGISTERED01", [scan("IN_TRANSIT", at("2027-03-09", "16:00"))], { orderNumber: "PG-FROM-CARRIER" });
    const shipment = await db.shipment.findFirstOrThrow({ where: { merchantId, trackingNumber: "1ZUNREGISTERED01" }, select: { id: true } });
    // No destination state on such an order: everything the merchant delivered still says 3 days.
    expect(await windowOf(shipment.id)).toMatchObject({ earliest: "2027-03-12", latest: "2027-03-12", stage: "in_transit" });
  });

  it("without any delivery history the window comes from the prior and says so", async () => {
    const fresh = (await chicagoMerchant()).id;
    const { shipment } = await orderTo(fresh, at("2027-03-08", "09:00"));
    const window = await windowOf(shipment.id);
    expect(window.flags).toContain("no_history");
    expect(window.stage).toBe("ordered");
    // Not before the merchant can hand it over (handling: 1 business day → Tue 03-09), and a real range.
    expect(window.earliest! >= "2027-03-09").toBe(true);
    expect(window.latest! > window.earliest!).toBe(true);
  });
});
