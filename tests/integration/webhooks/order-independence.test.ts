import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHIPMENT_STATUSES } from "../../../lib/carriers/status";
import { db } from "../../../lib/db";
import { processPendingDeliveries } from "../../../lib/webhooks/process-pending";
import { resetDatabase } from "../support/reset-database";
import { eventsOf, merchantWithConnections, registerShipment, SECRETS } from "../support/demo-merchant";
import { serveWebhooks, type WebhookServer } from "../support/serve-webhooks";
import { signGeneric } from "../support/webhook-signing";

interface Scan {
  status: string;
  occurredAt: string;
  description: string;
}

// Issue 11, item 6: a shipment's status and timeline are a function of the SET of its events. A random
// history is split into random deliveries, sent in random order, and processed by two workers at once in
// small batches; the result must equal the same history sent as one delivery.
describe("order never matters", () => {
  let server: WebhookServer;
  let merchantId: string;
  let serial = 0;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveWebhooks({ process: "manual" });
    merchantId = (await merchantWithConnections("order-shop")).id;
  });
  afterAll(() => server.close());

  const send = async (trackingNumber: string, events: Scan[]) => {
    const body = JSON.stringify({ carrier: "ups", trackingNumber, events });
    const response = await fetch(`${server.url}/api/webhooks/generic/order-shop`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "Parcelpage-Signature": signGeneric(body, SECRETS.generic) },
    });
    expect(response.status).toBe(202);
  };

  const outcome = async (shipmentId: string) => {
    const shipment = await db.shipment.findUniqueOrThrow({
      where: { id: shipmentId },
      select: { status: true, statusDetail: true, statusAt: true, deliveredAt: true, shippedAt: true, lastEventAt: true },
    });
    const timeline = (await eventsOf(shipmentId)).map((event) => `${event.occurredAt.toISOString()} ${event.status} ${event.description}`).sort();
    return { shipment, timeline };
  };

  // Hours from a small range, so ties (same instant, different status) happen often.
  const base = Date.now() - 10 * 86_400_000;
  const scan = fc.record({
    // Mostly the main line (where late and early events disagree most), sometimes any other status.
    status: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom("INFO_RECEIVED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED") },
      { weight: 1, arbitrary: fc.constantFrom(...SHIPMENT_STATUSES.filter((status) => status !== "CANCELLED")) },
    ),
    hour: fc.integer({ min: 0, max: 8 }),
    description: fc.constantFrom("Scan", "Arrived", "Departed"),
  });
  const history = fc.array(scan, { minLength: 1, maxLength: 10 });

  it("any split into deliveries, in any order, across two workers, gives the status and timeline of the whole", async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.infiniteStream(fc.nat()), fc.integer({ min: 1, max: 2 }), async (generated, randomness, batchSize) => {
        const scans: Scan[] = generated.map(({ status, hour, description }) => ({
          status,
          occurredAt: new Date(base + hour * 3_600_000).toISOString(),
          description,
        }));
        serial++;
        const whole = await registerShipment(merchantId, `W-${serial}`, "ups", `1ZWHOLE${serial}`);
        const split = await registerShipment(merchantId, `S-${serial}`, "ups", `1ZSPLIT${serial}`);

        await send(`1ZWHOLE${serial}`, scans);
        await processPendingDeliveries();

        // Random split: each scan goes to one of up to 5 deliveries; then the deliveries are shuffled.
        const draws = randomness.take(scans.length * 2)[Symbol.iterator]();
        const next = () => draws.next().value as number;
        const groups: Scan[][] = [[], [], [], [], []];
        for (const item of scans) groups[next() % 5]!.push(item);
        const deliveries = groups.filter((group) => group.length > 0);
        for (let index = deliveries.length - 1; index > 0; index--) {
          const other = next() % (index + 1);
          [deliveries[index], deliveries[other]] = [deliveries[other]!, deliveries[index]!];
        }
        for (const delivery of deliveries) await send(`1ZSPLIT${serial}`, delivery);
        await Promise.all([processPendingDeliveries({ batchSize }), processPendingDeliveries({ batchSize })]);

        expect(await db.webhookDelivery.count({ where: { outcome: "RECEIVED" } })).toBe(0);
        expect(await outcome(split.id)).toEqual(await outcome(whole.id));
      }),
      { numRuns: 15, seed: Number(process.env.FC_SEED ?? 1106) },
    );
  });

  it("the issue's example: an in-transit scan at 08:00 then a label event at 09:00 sent alone first", async () => {
    const shipment = await registerShipment(merchantId, "EX-1", "ups", "1ZEXAMPLE1");
    const day = new Date(base).toISOString().slice(0, 10);
    await send("1ZEXAMPLE1", [{ status: "INFO_RECEIVED", occurredAt: `${day}T09:00:00Z`, description: "Label created" }]);
    await processPendingDeliveries();
    await send("1ZEXAMPLE1", [{ status: "IN_TRANSIT", occurredAt: `${day}T08:00:00Z`, description: "Picked up" }]);
    await processPendingDeliveries();
    const stored = await db.shipment.findUniqueOrThrow({ where: { id: shipment.id }, select: { status: true } });
    expect(stored.status).toBe("IN_TRANSIT");
  });
});
