import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { env } from "../../../lib/env";
import { processPendingDeliveries } from "../../../lib/webhooks/process-pending";
import { resetDatabase } from "../support/reset-database";
import { eventsOf, merchantWithConnections, registerShipment, SECRETS } from "../support/demo-merchant";
import { serveWebhooks, type WebhookServer } from "../support/serve-webhooks";
import { signGeneric } from "../support/webhook-signing";

// On pglite-server every connection shares one session, so no transaction can hold a row against another.
const onPostgres = process.env.INTEGRATION_DB === "postgres";

describe.skipIf(!onPostgres)("a shipment another worker holds", () => {
  let server: WebhookServer;
  let merchantId: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveWebhooks({ process: "manual" });
    merchantId = (await merchantWithConnections("busy-shop")).id;
  });
  afterAll(() => server.close());

  const send = async (trackingNumber: string, description: string) => {
    const body = JSON.stringify({
      carrier: "ups", trackingNumber, events: [{ status: "IN_TRANSIT", occurredAt: new Date(Date.now() - 3_600_000).toISOString(), description }],
    });
    const response = await fetch(`${server.url}/api/webhooks/generic/busy-shop`, {
      method: "POST", body, headers: { "content-type": "application/json", "Parcelpage-Signature": signGeneric(body, SECRETS.generic) },
    });
    expect(response.status).toBe(202);
    return ((await response.json()) as { deliveryId: string }).deliveryId;
  };
  const deliveryState = (id: string) =>
    db.webhookDelivery.findUniqueOrThrow({ where: { id }, select: { outcome: true, attempts: true, eventsAdded: true } });

  it("is not waited for: its delivery stays pending, the rest of the batch commits, and a later batch takes it", async () => {
    const held = await registerShipment(merchantId, "B-1", "ups", "1ZBUSY0001");
    const free = await registerShipment(merchantId, "B-2", "ups", "1ZBUSY0002");
    const heldDelivery = await send("1ZBUSY0001", "Held elsewhere");
    const freeDelivery = await send("1ZBUSY0002", "Free to go");

    // Another worker's open transaction holding the shipment's row.
    const other = new pg.Client({ connectionString: env().DATABASE_URL });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(`SELECT "id" FROM "Shipment" WHERE "id" = $1 FOR UPDATE`, [held.id]);

      const stats = await processPendingDeliveries({ maxBatches: 1 });
      expect(stats).toMatchObject({ deliveries: 1, deferred: 1, failed: 0, eventsAdded: 1 });
      expect(await deliveryState(freeDelivery)).toEqual({ outcome: "PROCESSED", attempts: 1, eventsAdded: 1 });
      expect(await deliveryState(heldDelivery)).toEqual({ outcome: "RECEIVED", attempts: 0, eventsAdded: 0 });
      expect(await eventsOf(held.id)).toHaveLength(0);
      expect(await eventsOf(free.id)).toHaveLength(1);
    } finally {
      await other.query("ROLLBACK");
      await other.end();
    }

    expect(await processPendingDeliveries()).toMatchObject({ deliveries: 1, deferred: 0, eventsAdded: 1 });
    expect(await deliveryState(heldDelivery)).toEqual({ outcome: "PROCESSED", attempts: 1, eventsAdded: 1 });
    expect((await db.shipment.findUniqueOrThrow({ where: { id: held.id }, select: { status: true } })).status).toBe("IN_TRANSIT");
  });
});
