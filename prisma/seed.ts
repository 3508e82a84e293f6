/**
 * Demo data: one branded merchant and orders whose parcels sit in every interesting state, with
 * histories ingested through the same code path as real carrier events. Idempotent: skips when present.
 */
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { db } from "../lib/db";
import { createOrder } from "../lib/shipments/create-order";
import { ingestUpdates } from "../lib/webhooks/pipeline";
import { setProviderConnection } from "../lib/merchants/set-provider-connection";
import type { NormalizedUpdate } from "../lib/carriers/types";
import { recordDeliveryHistory } from "../lib/estimates-store/record-delivery";
import { reestimateOverdue } from "../lib/estimates-store/reestimate-overdue";
import { DEMO_MERCHANT, DEMO_ORDERS, type DemoScan } from "./demo-data";
import { demoDeliveryHistory } from "./demo-history";

export const DEMO_CONSOLE_OWNER = "owner@northwind.example";

export interface SeedResult {
  created: boolean;
  merchantSlug: string;
  shipments: { orderNumber: string; status: string; token: string }[];
  genericSecret?: string;
}

export async function seedDemo(now: Date): Promise<SeedResult> {
  const existing = await db.merchant.findUnique({ where: { slug: DEMO_MERCHANT.slug }, select: { id: true } });
  if (existing) return { created: false, merchantSlug: DEMO_MERCHANT.slug, shipments: await listDemoShipments(existing.id) };

  const merchant = await db.merchant.create({ data: DEMO_MERCHANT, select: { id: true } });
  const genericSecret = randomBytes(24).toString("base64url");
  await setProviderConnection(merchant.id, "generic", genericSecret);
  // A console owner to sign in as: the sign-in link is sent through the alerts channels (/dev/outbox locally).
  await db.consoleUser.create({ data: { merchantId: merchant.id, email: DEMO_CONSOLE_OWNER, role: "owner", name: "Demo owner" } });

  // The merchant's past deliveries first: every window below is computed from its lane statistics.
  await db.$transaction((tx) => recordDeliveryHistory(tx, merchant.id, demoDeliveryHistory(now), now));

  for (const demo of DEMO_ORDERS) {
    const firstScan = Math.max(...demo.scans.flat().map((scan) => scan.hoursAgo));
    const placedAt = hoursBefore(now, firstScan + 20);
    const created = await createOrder(merchant.id, { ...demo.order, placedAt: placedAt.toISOString() }, placedAt);
    for (const [index, shipment] of created.shipments.entries()) {
      // One ingestion per scan, a couple of minutes after it happened: each window (and each slip,
      // recorded as a Delay) comes out as it would have on the day.
      for (const scan of demo.scans[index] ?? []) {
        const arrived = Math.min(hoursBefore(now, scan.hoursAgo).getTime() + 120_000, now.getTime());
        await ingestUpdates([toUpdate(shipment.carrier, shipment.trackingNumber, [scan], now)], {
          merchantId: merchant.id,
          source: "seed",
          deliveryId: null,
          now: new Date(arrived),
        });
      }
    }
  }
  // The demo's clock kept running since the last scans: windows that ended before today get a fresh
  // estimate, as the worker's overdue sweep would give them.
  await reestimateOverdue(now, { merchantId: merchant.id });
  return { created: true, merchantSlug: DEMO_MERCHANT.slug, shipments: await listDemoShipments(merchant.id), genericSecret };
}

function toUpdate(carrier: string, trackingNumber: string, scans: DemoScan[], now: Date): NormalizedUpdate {
  return {
    carrier,
    trackingNumber,
    service: null,
    status: scans.at(-1)?.status ?? "INFO_RECEIVED",
    detailCode: scans.at(-1)?.detail ?? null,
    carrierEstimate: null,
    orderNumber: null,
    carrierUrl: null,
    events: scans.map((scan) => ({
      status: scan.status,
      detailCode: scan.detail ?? null,
      rawStatus: scan.detail ?? scan.status.toLowerCase(),
      description: scan.description,
      location: { city: scan.city, region: scan.region, postalCode: null, country: "US" },
      occurredAt: hoursBefore(now, scan.hoursAgo),
      utcOffsetMinutes: scan.offset,
      providerEventId: null,
    })),
  };
}

function hoursBefore(now: Date, hours: number): Date {
  // Whole minutes, like real scans.
  return new Date(Math.floor((now.getTime() - hours * 3_600_000) / 60_000) * 60_000);
}

async function listDemoShipments(merchantId: string) {
  const shipments = await db.shipment.findMany({
    where: { merchantId },
    select: { token: true, status: true, order: { select: { orderNumber: true } } },
    orderBy: [{ order: { orderNumber: "asc" } }, { createdAt: "asc" }],
  });
  return shipments.map((shipment) => ({ orderNumber: shipment.order.orderNumber, status: shipment.status, token: shipment.token }));
}

// `npm run db:seed`
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { withDatabase } = await import("../scripts/with-database");
  const result = await withDatabase(() => seedDemo(new Date()));
  console.log(result.created ? "Demo data created." : "Demo data already present.");
  for (const shipment of result.shipments) console.log(`  ${shipment.orderNumber}  ${shipment.status.padEnd(18)} /t/${shipment.token}`);
  if (result.genericSecret) console.log(`\nGeneric webhook secret for "${result.merchantSlug}" (shown once): ${result.genericSecret}`);
  const { disconnectDb } = await import("../lib/db");
  await disconnectDb();
}
