import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "../../../lib/db";
import { resetDatabase } from "../support/reset-database";
import { eventsOf, merchantWithConnections, registerShipment, SECRETS } from "../support/demo-merchant";
import { serveWebhooks, type WebhookServer } from "../support/serve-webhooks";
import { signGeneric } from "../support/webhook-signing";

function replay(...args: string[]) {
  const result = spawnSync("npx", ["tsx", "scripts/cli.ts", "webhooks:replay", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: inject("databaseUrl"), LOG_LEVEL: "silent" },
  });
  return { status: result.status, output: result.stdout.trim(), error: result.stderr.trim() };
}

// Stored deliveries can be processed again (after a fix, or once a shipment is registered), idempotently.
// Each CLI run starts tsx afresh (over 10 s on a loaded machine), so these tests get more than the default 30 s.
describe("npm run cli -- webhooks:replay", { timeout: 120_000 }, () => {
  let server: WebhookServer;
  let merchantId: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveWebhooks();
    merchantId = (await merchantWithConnections("replay-shop")).id;
  });
  afterAll(() => server.close());

  it("processes a delivery that arrived before its shipment was registered, and a second replay adds nothing", async () => {
    const body = JSON.stringify({
      carrier: "ups",
      trackingNumber: "1ZREPLAY00000001",
      events: [
        { status: "IN_TRANSIT", occurredAt: "2026-11-20T08:00:00-05:00", description: "Picked up" },
        { status: "OUT_FOR_DELIVERY", occurredAt: "2026-11-21T07:00:00-05:00", description: "Out for delivery" },
      ],
    });
    const early = await fetch(`${server.url}/api/webhooks/generic/replay-shop`, {
      method: "POST",
      body,
      headers: { "Parcelpage-Signature": signGeneric(body, SECRETS.generic) },
    });
    expect(early.status).toBe(202);

    const shipment = await registerShipment(merchantId, "R-1", "ups", "1ZREPLAY00000001");
    const first = replay("--since", "2026-01-01");
    expect(first.status).toBe(0);
    expect(JSON.parse(first.output)).toEqual({ replayed: 1, processed: 1 });
    expect(await eventsOf(shipment.id)).toHaveLength(2);
    expect((await db.shipment.findUniqueOrThrow({ where: { id: shipment.id }, select: { status: true } })).status).toBe("OUT_FOR_DELIVERY");

    const second = replay("--since", "2026-01-01");
    expect(JSON.parse(second.output)).toEqual({ replayed: 1, processed: 1 });
    expect(await eventsOf(shipment.id)).toHaveLength(2);
  });

  it("--failed picks only failed (and still pending) deliveries; a bad --since is named", async () => {
    expect(JSON.parse(replay("--failed").output)).toEqual({ replayed: 0 });

    // One delivery whose processing failed (a bug since fixed) beside the processed one from the test above.
    const body = JSON.stringify({
      carrier: "ups",
      trackingNumber: "1ZREPLAY00000001",
      events: [{ status: "DELIVERED", occurredAt: "2026-11-22T14:00:00-05:00", description: "Delivered" }],
    });
    const sent = await fetch(`${server.url}/api/webhooks/generic/replay-shop`, {
      method: "POST",
      body,
      headers: { "Parcelpage-Signature": signGeneric(body, SECRETS.generic) },
    });
    expect(sent.status).toBe(202);
    const failed = await db.webhookDelivery.findFirstOrThrow({ where: { merchantId }, orderBy: { receivedAt: "desc" } });
    await db.webhookDelivery.update({ where: { id: failed.id }, data: { outcome: "FAILED", error: "simulated bug" } });

    const retried = replay("--failed");
    expect(retried.status).toBe(0);
    expect(JSON.parse(retried.output)).toEqual({ replayed: 1, processed: 1 });
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: failed.id } })).outcome).toBe("PROCESSED");
    expect(JSON.parse(replay("--failed").output)).toEqual({ replayed: 0 });

    const bad = replay("--since", "last tuesday");
    expect(bad.status).toBe(1);
    expect(bad.error).toMatch(/--since "last tuesday" is not a date/);
  });
});
