import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { resetDatabase } from "../support/reset-database";
import { eventsAddedBy, eventsOf, merchantWithConnections, registerShipment, SECRETS } from "../support/demo-merchant";
import { serveWebhooks, type WebhookServer } from "../support/serve-webhooks";
import { signAfterShip } from "../support/webhook-signing";

const fixture = (name: string) => readFileSync(`tests/fixtures/carriers/${name}`, "utf8");

// Real payloads from the providers' docs, posted to the real endpoints with real signatures.
describe("provider fixtures ingest through their endpoints", () => {
  let server: WebhookServer;
  let merchantId: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveWebhooks();
    merchantId = (await merchantWithConnections("fixture-shop")).id;
  });
  afterAll(() => server.close());

  const post = (provider: string, body: string, headers: Record<string, string>, query = "") =>
    fetch(`${server.url}/api/webhooks/${provider}/fixture-shop${query}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

  it("EasyPost: the official signed event (secret 'sécret') is accepted and its 7 scans kept", async () => {
    const shipment = await registerShipment(merchantId, "EP-1", "FedEx", "1");
    const body = fixture("easypost-tracker-updated-event-fedex.json");
    const { hmac_signature: signature } = JSON.parse(fixture("easypost-webhook-hmac-fixture.json")) as { hmac_signature: string };

    const response = await post("easypost", body, { "X-Hmac-Signature": signature });
    expect(response.status).toBe(202);
    expect(await eventsAddedBy(response)).toBe(7);

    const events = await eventsOf(shipment.id);
    expect(events).toHaveLength(7);
    expect(events[0]).toMatchObject({ status: "INFO_RECEIVED", utcOffsetMinutes: null });
    const stored = await db.shipment.findUniqueOrThrow({ where: { id: shipment.id }, select: { status: true, carrierEstimate: true, shippedAt: true } });
    expect(stored.status).toBe("IN_TRANSIT");
    expect(stored.carrierEstimate?.toISOString().slice(0, 10)).toBe("2024-08-05");
    expect(stored.shippedAt?.toISOString()).toBe("2024-07-31T19:27:00.000Z");
  });

  it("EasyPost: the same delivery again adds nothing (the full history is re-sent on every update)", async () => {
    const body = fixture("easypost-tracker-updated-event-fedex.json");
    const { hmac_signature: signature } = JSON.parse(fixture("easypost-webhook-hmac-fixture.json")) as { hmac_signature: string };
    const response = await post("easypost", body, { "X-Hmac-Signature": signature });
    expect(response.status).toBe(202);
    expect(await eventsAddedBy(response)).toBe(0);
    const shipment = await db.shipment.findFirstOrThrow({ where: { trackingNumber: "1" }, select: { id: true } });
    expect(await eventsOf(shipment.id)).toHaveLength(7);
    expect(await db.webhookDelivery.count({ where: { provider: "easypost" } })).toBe(2);
  });

  it("EasyPost: a one-byte change to the signed body is refused and nothing is stored", async () => {
    const body = fixture("easypost-tracker-updated-event-fedex.json").replace('"in_transit"', '"in_transiT"');
    const { hmac_signature: signature } = JSON.parse(fixture("easypost-webhook-hmac-fixture.json")) as { hmac_signature: string };
    const response = await post("easypost", body, { "X-Hmac-Signature": signature });
    expect(response.status).toBe(401);
    expect(await db.webhookDelivery.count({ where: { provider: "easypost" } })).toBe(2);
  });

  it("Shippo: a delivered track update with the URL token marks the parcel delivered", async () => {
    const shipment = await registerShipment(merchantId, "SH-1", "usps", "9205590164917312751089");
    const response = await post("shippo", fixture("shippo-track-updated-openapi-example.json"), {}, `?token=${SECRETS.shippo}`);
    expect(response.status).toBe(202);
    const stored = await db.shipment.findUniqueOrThrow({ where: { id: shipment.id }, select: { status: true, deliveredAt: true } });
    expect(stored.status).toBe("DELIVERED");
    expect(stored.deliveredAt).not.toBeNull();
  });

  it("Shippo: a wrong URL token is refused", async () => {
    const response = await post("shippo", fixture("shippo-track-updated-openapi-example.json"), {}, "?token=shippo-url-token-0002");
    expect(response.status).toBe(401);
  });

  it("AfterShip: a signed tracking update moves the parcel in transit", async () => {
    const shipment = await registerShipment(merchantId, "AS-1", "usps", "0000000000000000");
    const body = fixture("aftership-tracking-update-2026-07-trimmed.json");
    const response = await post("aftership", body, { "aftership-hmac-sha256": signAfterShip(body, SECRETS.aftership) });
    expect(response.status).toBe(202);
    const stored = await db.shipment.findUniqueOrThrow({ where: { id: shipment.id }, select: { status: true } });
    expect(stored.status).toBe("IN_TRANSIT");
    expect(await eventsOf(shipment.id)).toHaveLength(1);
  });

  it("records each accepted delivery with its outcome and the headers that matter", async () => {
    const deliveries = await db.webhookDelivery.findMany({ select: { provider: true, outcome: true, signature: true, headers: true } });
    expect(deliveries).toHaveLength(4);
    expect(deliveries.every((delivery) => delivery.outcome === "PROCESSED")).toBe(true);
    const easypost = deliveries.find((delivery) => delivery.provider === "easypost")!;
    expect(easypost.signature).toBe("hmac-sha256");
    expect(Object.keys(easypost.headers as object)).toContain("x-hmac-signature");
  });
});
