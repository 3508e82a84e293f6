import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { resetDatabase } from "../support/reset-database";
import { eventsAddedBy, eventsOf, merchantWithConnections, registerShipment, SECRETS } from "../support/demo-merchant";
import { serveWebhooks, type WebhookServer } from "../support/serve-webhooks";
import { signGeneric } from "../support/webhook-signing";

// Events arrive late, twice and out of order (AfterShip retries for days): none lost, none doubled.
describe("ordering and concurrency", () => {
  let server: WebhookServer;
  let merchantId: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveWebhooks();
    merchantId = (await merchantWithConnections("ordering-shop")).id;
  });
  afterAll(() => server.close());

  const send = (trackingNumber: string, events: { status: string; occurredAt: string; description: string }[]) => {
    const body = JSON.stringify({ carrier: "fedex", trackingNumber, events });
    return fetch(`${server.url}/api/webhooks/generic/ordering-shop`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "Parcelpage-Signature": signGeneric(body, SECRETS.generic) },
    });
  };

  it("a delivered parcel stays delivered when an older in-transit event arrives afterwards; the timeline is by time", async () => {
    const shipment = await registerShipment(merchantId, "O-1", "fedex", "700000000001");
    await send("700000000001", [{ status: "IN_TRANSIT", occurredAt: "2026-11-20T08:00:00-05:00", description: "Picked up" }]);
    await send("700000000001", [{ status: "DELIVERED", occurredAt: "2026-11-22T14:00:00-05:00", description: "Delivered" }]);
    const late = await send("700000000001", [{ status: "IN_TRANSIT", occurredAt: "2026-11-21T09:00:00-05:00", description: "Departed hub" }]);
    expect(late.status).toBe(202);

    const stored = await db.shipment.findUniqueOrThrow({ where: { id: shipment.id }, select: { status: true, deliveredAt: true } });
    expect(stored.status).toBe("DELIVERED");
    expect(stored.deliveredAt?.toISOString()).toBe("2026-11-22T19:00:00.000Z");
    expect((await eventsOf(shipment.id)).map((event) => event.description)).toEqual(["Picked up", "Departed hub", "Delivered"]);
  });

  it("the same event twice is kept once, and keeps its local offset", async () => {
    const shipment = await registerShipment(merchantId, "O-2", "fedex", "700000000002");
    const scan = { status: "IN_TRANSIT", occurredAt: "2026-11-20T08:00:00-08:00", description: "Picked up" };
    const first = await send("700000000002", [scan]);
    const second = await send("700000000002", [scan]);
    expect(await eventsAddedBy(first)).toBe(1);
    expect(await eventsAddedBy(second)).toBe(0);
    const events = await eventsOf(shipment.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.utcOffsetMinutes).toBe(-480);
    expect(events[0]!.occurredAt.toISOString()).toBe("2026-11-20T16:00:00.000Z");
  });

  it("concurrent deliveries for one shipment lose no event and end on the newest status", async () => {
    const shipment = await registerShipment(merchantId, "O-3", "fedex", "700000000003");
    const scans = Array.from({ length: 12 }, (_, index) => ({
      status: index === 11 ? "OUT_FOR_DELIVERY" : "IN_TRANSIT",
      occurredAt: new Date(Date.UTC(2026, 10, 20, 8 + index)).toISOString().replace("Z", "+00:00"),
      description: `Scan ${index}`,
    }));
    // Every scan in its own delivery, all at once, plus a duplicate of each.
    const responses = await Promise.all([...scans, ...scans].map((scan) => send("700000000003", [scan])));
    expect(responses.map((response) => response.status)).toEqual(Array(24).fill(202));

    const events = await eventsOf(shipment.id);
    expect(events.map((event) => event.description)).toEqual(scans.map((scan) => scan.description));
    const stored = await db.shipment.findUniqueOrThrow({ where: { id: shipment.id }, select: { status: true, lastEventAt: true } });
    expect(stored.status).toBe("OUT_FOR_DELIVERY");
    expect(stored.lastEventAt?.toISOString()).toBe("2026-11-20T19:00:00.000Z");
    const added = await db.webhookDelivery.aggregate({ _sum: { eventsAdded: true }, where: { events: { some: { shipmentId: shipment.id } } } });
    expect(added._sum.eventsAdded).toBe(12);
  });

  it("two first deliveries racing to create the same unregistered tracker make one shipment", async () => {
    const body = (description: string) => ({ status: "IN_TRANSIT", occurredAt: "2026-11-20T08:00:00+00:00", description });
    const responses = await Promise.all(
      ["A", "B", "C", "D"].map((name) => {
        const payload = JSON.stringify({ carrier: "dhl", trackingNumber: "RACE0001", orderNumber: "O-RACE", events: [body(name)] });
        return fetch(`${server.url}/api/webhooks/generic/ordering-shop`, {
          method: "POST",
          body: payload,
          headers: { "content-type": "application/json", "Parcelpage-Signature": signGeneric(payload, SECRETS.generic) },
        });
      }),
    );
    expect(responses.map((response) => response.status)).toEqual([202, 202, 202, 202]);
    const shipments = await db.shipment.findMany({ where: { trackingNumber: "RACE0001" }, select: { id: true } });
    expect(shipments).toHaveLength(1);
    expect(await db.trackingEvent.count({ where: { shipmentId: shipments[0]!.id } })).toBe(4);
  });
});
