import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, disconnectDb } from "../../../lib/db";
import { reloadEnv } from "../../../lib/env";
import { GET as health } from "../../../app/api/health/route";
import { acceptBreaker } from "../../../lib/webhooks/accept-breaker";
import { processPendingDeliveries } from "../../../lib/webhooks/process-pending";
import { resetDatabase } from "../support/reset-database";
import { eventsOf, merchantWithConnections, registerShipment, SECRETS } from "../support/demo-merchant";
import { serveWebhooks, type WebhookServer } from "../support/serve-webhooks";
import { signAfterShip, signGeneric } from "../support/webhook-signing";

// The accept path only stores; these read the database after an explicit processPendingDeliveries().
describe("webhook processing behind the accept path", () => {
  let server: WebhookServer;
  let merchantId: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveWebhooks({ process: "manual" });
    merchantId = (await merchantWithConnections("processing-shop")).id;
  });
  afterAll(() => server.close());

  const post = (provider: string, body: string, headers: Record<string, string>) =>
    fetch(`${server.url}/api/webhooks/${provider}/processing-shop`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
  const generic = (trackingNumber: string, description: string, occurredAt = new Date(Date.now() - 3_600_000).toISOString()) => {
    const body = JSON.stringify({ carrier: "ups", trackingNumber, events: [{ status: "IN_TRANSIT", occurredAt, description }] });
    return post("generic", body, { "Parcelpage-Signature": signGeneric(body, SECRETS.generic) });
  };

  it("answers 202 with nothing processed; the health check shows the lag until a worker drains it", async () => {
    const shipment = await registerShipment(merchantId, "P-1", "ups", "1ZPROC0001");
    const response = await generic("1ZPROC0001", "Stored, not yet processed");
    expect(response.status).toBe(202);
    const { deliveryId } = (await response.json()) as { deliveryId: string };
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { outcome: true } })).toEqual({ outcome: "RECEIVED" });
    expect(await eventsOf(shipment.id)).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lagging = (await (await health()).json()) as { ingest: { pending: number; lagMs: number } };
    expect(lagging.ingest.pending).toBe(1);
    expect(lagging.ingest.lagMs).toBeGreaterThanOrEqual(40);

    const stats = await processPendingDeliveries();
    expect(stats).toMatchObject({ deliveries: 1, eventsAdded: 1, failed: 0 });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { outcome: true, eventsAdded: true } })).toEqual({
      outcome: "PROCESSED",
      eventsAdded: 1,
    });
    expect((await db.shipment.findUniqueOrThrow({ where: { id: shipment.id }, select: { status: true } })).status).toBe("IN_TRANSIT");
    expect(((await (await health()).json()) as { ingest: unknown }).ingest).toEqual({ pending: 0, lagMs: 0 });
  });

  it("a poison delivery is marked FAILED with its reason and does not hold back the rest of its batch", async () => {
    const good = await Promise.all(["1ZPROC0101", "1ZPROC0102", "1ZPROC0103"].map((tracking, index) => registerShipment(merchantId, `P-10${index}`, "ups", tracking)));
    await registerShipment(merchantId, "P-199", "ups", "1ZPROC0199");
    // A database-side failure no validation can foresee, for one event only.
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION poison_event() RETURNS trigger AS $$
      BEGIN IF NEW."description" = 'POISON' THEN RAISE EXCEPTION 'poisoned event refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER poison_event BEFORE INSERT ON "TrackingEvent" FOR EACH ROW EXECUTE FUNCTION poison_event()`);
    try {
      const answers = [
        await generic("1ZPROC0101", "Good 1"),
        await generic("1ZPROC0199", "POISON"),
        await generic("1ZPROC0102", "Good 2"),
        await generic("1ZPROC0103", "Good 3"),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202]);
      const poisonId = ((await answers[1]!.json()) as { deliveryId: string }).deliveryId;

      const stats = await processPendingDeliveries({ batchSize: 10 });
      expect(stats).toMatchObject({ deliveries: 3, failed: 1 });
      for (const shipment of good) expect(await eventsOf(shipment.id)).toHaveLength(1);
      const poison = await db.webhookDelivery.findUniqueOrThrow({ where: { id: poisonId }, select: { outcome: true, error: true } });
      expect(poison.outcome).toBe("FAILED");
      expect(poison.error).toMatch(/poisoned event refused/);
      expect(await db.webhookDelivery.count({ where: { outcome: "RECEIVED" } })).toBe(0);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER poison_event ON "TrackingEvent"`);
    }
  });

  it("a 4,000-event AfterShip history in one delivery is stored once (no bind-parameter limit), and again adds nothing", async () => {
    const shipment = await registerShipment(merchantId, "P-4000", "usps", "9400100000000000004000");
    const start = Date.now() - 300 * 86_400_000;
    const checkpoints = Array.from({ length: 4_000 }, (_, index) => ({
      checkpoint_time: new Date(start + index * 3_600_000).toISOString().slice(0, 19),
      message: `Scan ${index}`,
      slug: "usps",
      tag: "InTransit",
      subtag: "InTransit_001",
    }));
    const body = JSON.stringify({
      event: "tracking_update",
      event_id: "history-4000",
      msg: { id: "h4000", tracking_number: "9400100000000000004000", slug: "usps", tag: "InTransit", subtag: "InTransit_001", checkpoints },
      ts: Math.floor(Date.now() / 1000),
    });
    for (const expected of [4_000, 0]) {
      const response = await post("aftership", body, { "aftership-hmac-sha256": signAfterShip(body, SECRETS.aftership) });
      expect(response.status).toBe(202);
      expect(await processPendingDeliveries()).toMatchObject({ deliveries: 1, eventsAdded: expected, failed: 0 });
    }
    expect(await db.trackingEvent.count({ where: { shipmentId: shipment.id } })).toBe(4_000);
    expect((await db.shipment.findUniqueOrThrow({ where: { id: shipment.id }, select: { status: true } })).status).toBe("IN_TRANSIT");
  });

  it("the database hung: every request gets 503 with Retry-After, after the first without a connection attempt of its own", async () => {
    await generic("1ZPROC0001", "warm the connection cache");
    await processPendingDeliveries();
    // A server that accepts connections and never answers: without the accept path's refusal every
    // request would wait out the pool's connection timeout (5 s).
    const sockets = new Set<net.Socket>();
    const hung = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
    const realUrl = process.env.DATABASE_URL;
    await disconnectDb();
    process.env.DATABASE_URL = `postgresql://postgres@127.0.0.1:${(hung.address() as net.AddressInfo).port}/postgres`;
    reloadEnv();
    try {
      const timings: number[] = [];
      for (let index = 0; index < 6; index++) {
        const started = performance.now();
        const response = await generic("1ZPROC0001", `while down ${index}`);
        timings.push(performance.now() - started);
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      }
      // The first waits out the connection timeout; the rest are refused without trying: no connection of
      // their own (only the breaker's probe, every half second, opens one).
      expect(timings[0]!, JSON.stringify(timings)).toBeLessThan(6_000);
      expect(acceptBreaker().open).toBe(true);
      expect(sockets.size).toBeLessThanOrEqual(1 + acceptBreaker().probes);
    } finally {
      for (const socket of sockets) socket.destroy();
      hung.close();
      await disconnectDb();
      process.env.DATABASE_URL = realUrl;
      reloadEnv();
    }
    // Back up: once the breaker's probe gets through, accepted again.
    await vi.waitFor(() => expect(acceptBreaker().open).toBe(false), { timeout: 10_000, interval: 50 });
    expect((await generic("1ZPROC0001", "after the outage")).status).toBe(202);
    await processPendingDeliveries();
  });
});
