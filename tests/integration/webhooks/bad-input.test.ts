import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../../../lib/db";
import { reloadEnv } from "../../../lib/env";
import { resetDatabase } from "../support/reset-database";
import { merchantWithConnections, registerShipment, SECRETS } from "../support/demo-merchant";
import { serveWebhooks, type WebhookServer } from "../support/serve-webhooks";
import { signGeneric } from "../support/webhook-signing";

const event = (overrides: Record<string, unknown> = {}) => ({
  status: "IN_TRANSIT",
  description: "Arrived at facility",
  occurredAt: "2026-11-28T09:15:00-06:00",
  location: { city: "Chicago", region: "IL" },
  ...overrides,
});

// Every answer a stranger can get, checked over HTTP together with what the database then holds.
describe("webhook answers to bad input", () => {
  let server: WebhookServer;
  let shipmentId: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveWebhooks();
    const merchant = await merchantWithConnections("bad-input-shop");
    shipmentId = (await registerShipment(merchant.id, "B-1", "ups", "1Z0000000000000001")).id;
  });
  afterAll(() => server.close());

  let deliveriesBefore = 0;
  beforeEach(async () => {
    deliveriesBefore = await db.webhookDelivery.count();
  });

  const send = (body: string, { slug = "bad-input-shop", provider = "generic", secret = SECRETS.generic, signature }: { slug?: string; provider?: string; secret?: string; signature?: string } = {}) =>
    fetch(`${server.url}/api/webhooks/${provider}/${slug}`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "Parcelpage-Signature": signature ?? signGeneric(body, secret) },
    });
  const json = (value: unknown) => JSON.stringify(value);
  const valid = (events = [event()], trackingNumber = "1Z0000000000000001") => json({ carrier: "ups", trackingNumber, events });

  it("a wrong signature: 401, nothing stored, nothing changed", async () => {
    const response = await send(valid(), { secret: "not-the-secret" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Signature verification failed." } });
    expect(await db.webhookDelivery.count()).toBe(deliveriesBefore);
    expect(await db.trackingEvent.count({ where: { shipmentId } })).toBe(0);
  });

  it("a signature older than 5 minutes (a replay): 401", async () => {
    const body = valid();
    const response = await send(body, { signature: signGeneric(body, SECRETS.generic, new Date(Date.now() - 6 * 60_000)) });
    expect(response.status).toBe(401);
    expect(await db.webhookDelivery.count()).toBe(deliveriesBefore);
  });

  it("an unknown merchant and an unknown provider: 404 with the very same body as a bad signature (docs/webhooks.md)", async () => {
    const body = valid();
    const wrong = await send(body, { signature: signGeneric(body, "not-the-secret-at-all", new Date()) });
    expect(wrong.status).toBe(401);
    const unauthorized = await wrong.text();
    for (const target of [{ slug: "no-such-shop" }, { provider: "fedex-direct" }]) {
      const response = await send(valid(), target);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(unauthorized);
    }
    expect(await db.webhookDelivery.count()).toBe(deliveriesBefore);
  });

  it("a body that is not JSON: 400 naming it; the delivery is kept, marked failed", async () => {
    const response = await send("carrier=ups&status=delivered");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_payload", message: expect.stringMatching(/JSON/) } });
    const stored = await db.webhookDelivery.findFirstOrThrow({ orderBy: { receivedAt: "desc" }, select: { outcome: true, error: true, body: true } });
    expect(stored).toMatchObject({ outcome: "FAILED", body: "carrier=ups&status=delivered" });
    expect(stored.error).toMatch(/JSON/);
  });

  it("JSON of the wrong shape: 400 with a message naming the field, and no event written", async () => {
    const response = await send(valid([event({ occurredAt: "yesterday" })]));
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { message: string } };
    expect(error.message).toMatch(/occurredAt/);
    expect(await db.trackingEvent.count({ where: { shipmentId } })).toBe(0);
  });

  it("an unknown status value: 400 naming the field", async () => {
    const response = await send(valid([event({ status: "TELEPORTED" })]));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/status/);
  });

  it("a body over 1 MB: 413 and nothing stored", async () => {
    const huge = valid([event({ description: "x".repeat(1024 * 1024) })]);
    const response = await send(huge);
    expect(response.status).toBe(413);
    expect(await db.webhookDelivery.count()).toBe(deliveriesBefore);
  });

  it("a valid event for a tracking number nobody knows: 202, stored as unmatched, no shipment invented", async () => {
    const shipmentsBefore = await db.shipment.count();
    const response = await send(valid([event()], "UNKNOWN0000000001"));
    expect(response.status).toBe(202);
    expect(await db.shipment.count()).toBe(shipmentsBefore);
    const stored = await db.webhookDelivery.findFirstOrThrow({ orderBy: { receivedAt: "desc" }, select: { outcome: true } });
    expect(stored.outcome).toBe("UNMATCHED");
  });

  it("an unknown tracker that names one of the merchant's orders exactly joins that order", async () => {
    const merchant = await db.merchant.findFirstOrThrow({ where: { slug: "bad-input-shop" }, select: { id: true } });
    await db.order.create({ data: { merchantId: merchant.id, orderNumber: "B-2" } });
    const body = json({ carrier: "usps", trackingNumber: "9400100000000000000001", orderNumber: "B-2", events: [event()] });
    const response = await send(body);
    expect(response.status).toBe(202);
    const created = await db.shipment.findFirstOrThrow({
      where: { trackingNumber: "9400100000000000000001" },
      select: { status: true, token: true, order: { select: { orderNumber: true } } },
    });
    expect(created).toMatchObject({ status: "IN_TRANSIT", order: { orderNumber: "B-2" } });
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it("unknown trackers whose free-text reference matches no order each get an order of their own", async () => {
    for (const trackingNumber of ["9400100000000000000002", "9400100000000000000003"]) {
      const response = await send(json({ carrier: "usps", trackingNumber, orderNumber: "gift", events: [event()] }));
      expect(response.status).toBe(202);
    }
    const created = await db.shipment.findMany({
      where: { trackingNumber: { in: ["9400100000000000000002", "9400100000000000000003"] } },
      select: { orderId: true, trackingNumber: true, order: { select: { orderNumber: true } } },
    });
    expect(created).toHaveLength(2);
    expect(created[0]!.orderId).not.toBe(created[1]!.orderId);
    expect(created.map((shipment) => shipment.order.orderNumber).sort()).toEqual(["9400100000000000000002", "9400100000000000000003"]);
    expect(await db.order.count({ where: { orderNumber: "gift" } })).toBe(0);
  });

  it("the database is unreachable: 503 so the provider retries, with no stack trace", async () => {
    const realUrl = process.env.DATABASE_URL;
    await disconnectDb();
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/postgres";
    reloadEnv();
    try {
      const response = await send(valid());
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: "service_unavailable" } });
      expect(text).not.toMatch(/at .*\.ts|ECONNREFUSED/);
    } finally {
      await disconnectDb();
      process.env.DATABASE_URL = realUrl;
      reloadEnv();
    }
    expect(await db.trackingEvent.count({ where: { shipmentId } })).toBe(0);
  });
});
