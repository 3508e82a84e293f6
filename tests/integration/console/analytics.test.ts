import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { getAnalytics } from "../../../lib/analytics/queries";
import { recordPageView } from "../../../lib/analytics/record-page-view";
import { createOrder } from "../../../lib/shipments/create-order";
import { resetDatabase } from "../support/reset-database";
import { addDelay, merchantWithKey, orderBody } from "../support/api-fixtures";

describe("analytics: the numbers that show WISMO fell", () => {
  let merchantId: string;
  const now = new Date("2026-11-20T18:00:00Z");
  const period = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") };
  const shipments: { id: string; token: string }[] = [];

  beforeAll(async () => {
    await resetDatabase();
    merchantId = (await merchantWithKey("analytics-shop")).merchant.id;
    for (let i = 0; i < 4; i++) {
      const order = await createOrder(merchantId, orderBody(`AN-${i}`, [`AN${i}`]));
      shipments.push(order.shipments[0]!);
      await db.order.update({ where: { id: order.id }, data: { createdAt: new Date("2026-11-10T12:00:00Z") } });
      await db.shipment.update({ where: { id: order.shipments[0]!.id }, data: { createdAt: new Date("2026-11-10T12:00:00Z") } });
    }
    // 0: delivered on time; 1: delivered late; 2: ran late, viewed after the delay; 3: exception, viewed after it.
    await db.shipment.update({ where: { id: shipments[0]!.id }, data: { status: "DELIVERED", deliveredAt: new Date("2026-11-14T20:00:00Z"), promisedLatest: new Date("2026-11-14") } });
    await db.shipment.update({ where: { id: shipments[1]!.id }, data: { status: "DELIVERED", deliveredAt: new Date("2026-11-16T20:00:00Z"), promisedLatest: new Date("2026-11-15") } });
    await addDelay(shipments[2]!.id);
    await db.delay.updateMany({ where: { shipmentId: shipments[2]!.id }, data: { createdAt: new Date("2026-11-12T10:00:00Z") } });
    await db.trackingEvent.create({
      data: { shipmentId: shipments[3]!.id, status: "EXCEPTION", rawStatus: "weather", description: "Weather delay", occurredAt: new Date("2026-11-12T09:00:00Z"), createdAt: new Date("2026-11-12T09:05:00Z"), dedupeKey: "x", source: "test" },
    });
    // Views: shipment 0 twice on one day, 2 and 3 once each, after their delay / exception.
    await recordPageView(shipments[0]!.token, new Date("2026-11-11T08:00:00Z"));
    await recordPageView(shipments[0]!.token, new Date("2026-11-11T09:00:00Z"));
    await recordPageView(shipments[2]!.token, new Date("2026-11-13T09:00:00Z"));
    await recordPageView(shipments[3]!.token, new Date("2026-11-13T10:00:00Z"));
    // A view before the delay does not count as avoided contact.
    await recordPageView(shipments[1]!.token, new Date("2026-11-11T10:00:00Z"));
    await recordPageView("AAAAAAAAAAAAAAAAAAAAAAAA", now);
    await recordPageView("not a token", now);
    // One opted-in order.
    await db.alertSubscription.create({
      data: {
        merchantId, orderId: (await db.shipment.findUniqueOrThrow({ where: { id: shipments[0]!.id }, select: { orderId: true } })).orderId,
        channel: "EMAIL", address: "robin@example.com", scope: "ALL", status: "ACTIVE", locale: "en", consentText: "yes", consentAt: now,
      },
    });
  });

  it("counts views per shipment and day without anything about the visitor", async () => {
    const rows = await db.pageView.findMany({ orderBy: { day: "asc" }, select: { shipmentId: true, day: true, views: true } });
    expect(rows.find((row) => row.shipmentId === shipments[0]!.id)).toMatchObject({ views: 2 });
    expect(rows).toHaveLength(4);
  });

  it("computes every figure over the chosen period", async () => {
    const data = await getAnalytics(merchantId, period, "UTC");
    expect(data.views).toMatchObject({ total: 5, uniqueShipments: 4, perShipment: 1.25 });
    expect(data.views.byDay).toEqual([
      { day: "2026-11-11", views: 3, shipments: 2 },
      { day: "2026-11-13", views: 2, shipments: 2 },
    ]);
    expect(data.optIn).toEqual({ orders: 4, optedIn: 1, rate: 0.25 });
    expect(data.onTime).toEqual({ delivered: 2, withPromise: 2, onTime: 1, rate: 0.5 });
    expect(data.ranLate).toEqual({ shipments: 4, late: 1, share: 0.25 });
    expect(data.contactsAvoided).toEqual({ estimate: 2, afterDelay: 1, afterException: 1 });
  });

  it("judges on-time in the merchant's time zone", async () => {
    // 2026-11-14T20:00Z is still the 14th in Los Angeles and already the 15th in Tokyo.
    expect((await getAnalytics(merchantId, period, "America/Los_Angeles")).onTime.onTime).toBe(1);
    expect((await getAnalytics(merchantId, period, "Asia/Tokyo")).onTime.onTime).toBe(0);
  });

  it("an empty period has zeros and no rates", async () => {
    const data = await getAnalytics(merchantId, { from: new Date("2025-01-01"), to: new Date("2025-02-01") }, "UTC");
    expect(data.views.uniqueShipments).toBe(0);
    expect(data.optIn.rate).toBeNull();
    expect(data.onTime.rate).toBeNull();
  });
});
