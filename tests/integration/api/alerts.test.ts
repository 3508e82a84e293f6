import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { resetDatabase } from "../support/reset-database";
import { apiClient, serveApi, type ApiServer } from "../support/serve-api";
import { merchantWithKey, orderBody } from "../support/api-fixtures";

describe("API: a shipment's alert subscriptions and notifications", () => {
  let server: ApiServer;
  let asA: ReturnType<typeof apiClient>;
  let asB: ReturnType<typeof apiClient>;
  let shipmentId: string;
  let otherShipmentId: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveApi();
    const a = await merchantWithKey("alerts-a");
    asA = apiClient(server.url, a.key);
    asB = apiClient(server.url, (await merchantWithKey("alerts-b")).key);
    const order = (await asA("POST", "/orders", orderBody("AL-1", ["AL1", "AL2"]))).body;
    shipmentId = order.shipments[0].id;
    otherShipmentId = order.shipments[1].id;
    const subscription = await db.alertSubscription.create({
      data: {
        merchantId: a.merchant.id, orderId: order.id, channel: "SMS", address: "+13125550199", scope: "ALL", status: "ACTIVE",
        locale: "en", consentText: "Text me updates", consentAt: new Date(),
      },
      select: { id: true },
    });
    const base = { subscriptionId: subscription.id, channel: "SMS" as const, payload: {}, dueAt: new Date() };
    await db.outboxMessage.createMany({
      data: [
        { ...base, shipmentId: null, trigger: "CONFIRMATION", status: "SENT", dedupeKey: "confirm", content: "Reply STOP to end", sentAt: new Date() },
        { ...base, shipmentId, trigger: "SHIPPED", status: "SENT", dedupeKey: "shipped-1", content: "Your order shipped", sentAt: new Date() },
        { ...base, shipmentId: otherShipmentId, trigger: "DELIVERED", status: "PENDING", dedupeKey: "delivered-2" },
      ],
    });
  });
  afterAll(() => server.close());

  it("lists the order's subscriptions for a shipment", async () => {
    const response = await asA("GET", `/shipments/${shipmentId}/subscriptions`);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([expect.objectContaining({ channel: "SMS", address: "+13125550199", status: "ACTIVE", scope: "ALL" })]);
  });

  it("lists this shipment's messages and the order's confirmation, not the other parcel's", async () => {
    const response = await asA("GET", `/shipments/${shipmentId}/notifications`);
    expect(response.status).toBe(200);
    expect(response.body.data.map((m: { trigger: string }) => m.trigger).sort()).toEqual(["CONFIRMATION", "SHIPPED"]);
    expect(response.body.data[0]).toHaveProperty("to", "+13125550199");
  });

  it("answers 404 to another merchant and 401 without a key", async () => {
    for (const path of [`/shipments/${shipmentId}/subscriptions`, `/shipments/${shipmentId}/notifications`]) {
      const response = await asB("GET", path);
      expect(response.status).toBe(404);
      expect(JSON.stringify(response.body)).not.toContain("+13125550199");
      expect((await apiClient(server.url, null)("GET", path)).status).toBe(401);
    }
    expect((await asA("GET", "/shipments/nope/notifications")).status).toBe(404);
  });
});
