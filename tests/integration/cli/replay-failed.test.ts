/**
 * `webhooks:replay --failed` on a delivery that really failed: it arrived over HTTP, was stored and
 * acknowledged (202), and its processing behind the request broke in the database (a trigger plays a
 * failing disk). Once the cause is gone the operator's replay finishes the job, and only failed deliveries
 * are touched.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "../../../lib/db";
import { resetDatabase } from "../support/reset-database";
import { eventsOf, merchantWithConnections, registerShipment, SECRETS } from "../support/demo-merchant";
import { serveWebhooks, type WebhookServer } from "../support/serve-webhooks";
import { signGeneric } from "../support/webhook-signing";

function replay(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("node_modules/.bin/tsx", ["scripts/cli.ts", "webhooks:replay", ...args], {
      env: { ...process.env, DATABASE_URL: inject("databaseUrl"), LOG_LEVEL: "silent" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() }));
  });
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

async function breakEventWrites() {
  await repairEventWrites();
  await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION pp_test_refuse_events() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'could not extend file: No space left on device (test)'; END $$ LANGUAGE plpgsql`);
  await db.$executeRawUnsafe(`CREATE TRIGGER pp_test_refuse_events BEFORE INSERT ON "TrackingEvent" FOR EACH ROW EXECUTE FUNCTION pp_test_refuse_events()`);
}

async function repairEventWrites() {
  await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS pp_test_refuse_events ON "TrackingEvent"`);
  await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS pp_test_refuse_events()`);
}

describe("npm run cli -- webhooks:replay --failed, on a delivery whose processing failed", () => {
  let server: WebhookServer;
  let merchantId: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveWebhooks();
    merchantId = (await merchantWithConnections("replay-failed-shop")).id;
  });
  afterAll(async () => {
    await repairEventWrites();
    await server.close();
  });

  async function deliver(body: string) {
    const response = await fetch(`${server.url}/api/webhooks/generic/replay-failed-shop`, {
      method: "POST",
      body,
      headers: { "Parcelpage-Signature": signGeneric(body, SECRETS.generic) },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it("replays the failed delivery once the database is healthy, leaves processed ones alone, and a second run finds nothing new", { timeout: 120_000 }, async () => {
    const shipment = await registerShipment(merchantId, "RF-1", "ups", "1ZREPLAYFAIL0001");
    const other = await registerShipment(merchantId, "RF-2", "ups", "1ZREPLAYFAIL0002");

    // A healthy delivery first: processed, not to be replayed.
    const healthy = await deliver(JSON.stringify({ carrier: "ups", trackingNumber: "1ZREPLAYFAIL0002", events: [{ status: "IN_TRANSIT", occurredAt: hoursAgo(30), description: "Picked up" }] }));
    expect(healthy.status).toBe(202);

    // The failing one: stored and acknowledged (the provider is done with it); processing fails behind
    // the request and records FAILED with the reason.
    await breakEventWrites();
    const failing = await deliver(JSON.stringify({
      carrier: "ups",
      trackingNumber: "1ZREPLAYFAIL0001",
      events: [
        { status: "IN_TRANSIT", occurredAt: hoursAgo(20), description: "Departed facility" },
        { status: "OUT_FOR_DELIVERY", occurredAt: hoursAgo(2), description: "Out for delivery" },
      ],
    }));
    expect(failing.status).toBe(202);
    const failed = await db.webhookDelivery.findFirstOrThrow({ where: { merchantId, outcome: "FAILED" }, select: { id: true, error: true, attempts: true } });
    expect(failed.error).toMatch(/No space left on device/);
    expect(await eventsOf(shipment.id)).toHaveLength(0);

    // Still broken: the replay says so on its exit status and keeps the delivery failed.
    const tooSoon = await replay("--failed");
    expect(tooSoon.code, tooSoon.stderr).toBe(1);
    expect(JSON.parse(tooSoon.stdout)).toEqual({ replayed: 1, unavailable: 1 });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: failed.id }, select: { outcome: true } })).toEqual({ outcome: "FAILED" });

    await repairEventWrites();
    const processedBefore = await db.webhookDelivery.findFirstOrThrow({ where: { merchantId, outcome: "PROCESSED" }, select: { id: true, attempts: true, processedAt: true } });
    const fixed = await replay("--failed", "--merchant", "replay-failed-shop");
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(JSON.parse(fixed.stdout)).toEqual({ replayed: 1, processed: 1 });
    expect((await eventsOf(shipment.id)).map((event) => event.status)).toEqual(["IN_TRANSIT", "OUT_FOR_DELIVERY"]);
    expect(await db.shipment.findUniqueOrThrow({ where: { id: shipment.id }, select: { status: true } })).toEqual({ status: "OUT_FOR_DELIVERY" });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: failed.id }, select: { outcome: true, error: true, eventsAdded: true } })).toEqual({
      outcome: "PROCESSED", error: null, eventsAdded: 2,
    });
    // The processed delivery was not touched, and the other parcel kept its one event.
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: processedBefore.id }, select: { id: true, attempts: true, processedAt: true } })).toEqual(processedBefore);
    expect(await eventsOf(other.id)).toHaveLength(1);

    const again = await replay("--failed");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ replayed: 0 });
    expect(await eventsOf(shipment.id)).toHaveLength(2);
  });

  it("--merchant limits the replay to that merchant's failed deliveries", { timeout: 120_000 }, async () => {
    await merchantWithConnections("replay-failed-other");
    await breakEventWrites();
    try {
      const stored = await deliver(JSON.stringify({ carrier: "ups", trackingNumber: "1ZREPLAYFAIL0001", events: [{ status: "DELIVERED", occurredAt: hoursAgo(1), description: "Delivered" }] }));
      expect(stored.status).toBe(202);
    } finally {
      await repairEventWrites();
    }
    const elsewhere = await replay("--failed", "--merchant", "replay-failed-other");
    expect(JSON.parse(elsewhere.stdout)).toEqual({ replayed: 0 });
    const mine = await replay("--failed", "--merchant", "replay-failed-shop");
    expect(JSON.parse(mine.stdout)).toEqual({ replayed: 1, processed: 1 });
  });
});
