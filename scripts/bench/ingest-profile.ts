/**
 * `npm run bench:ingest-profile` — where one processing batch spends its time, in process, no build:
 * the bench:ingest workload's merchant (lane history, a subscriber per order) with deliveries stored as
 * pending, drained by processPendingDeliveries while every SQL statement is counted and timed by the
 * pipeline step it belongs to (claim, events, status, estimate, delays, alerts, mark processed).
 * Timing figures are for comparing two versions in one session, never a pass/fail test.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { freshDatabase } from "./bench-server";

const SHIPMENTS = Number(process.env.PROFILE_SHIPMENTS ?? 1_000);
const DELIVERIES = Number(process.env.PROFILE_DELIVERIES ?? 3_000);
const BATCH = Number(process.env.PROFILE_BATCH ?? 100);
const BASE_TIME = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 36 * 3_600_000;
const LANES = [
  { region: "WA", carrier: "ups", service: "Ground" },
  { region: "CA", carrier: "fedex", service: "Ground" },
  { region: "TX", carrier: "ups", service: "Ground" },
  { region: "IL", carrier: "usps", service: "Priority Mail" },
  { region: "GA", carrier: "fedex", service: "Home Delivery" },
] as const;

/** The step a statement belongs to, from its text (first match wins). */
const STEPS: [string, RegExp][] = [
  ["transaction", /^(BEGIN|COMMIT|ROLLBACK)/i],
  // The merchant's current curves (current-curves-store.ts), rebuilt on a cache miss.
  ["current curves: zone check (once per process)", /pg_timezone_names/],
  ["current curves", /AS "ordered"/],
  ["claim", /FROM "WebhookDelivery"[\s\S]*SKIP LOCKED/],
  ["mark processed", /UPDATE "WebhookDelivery"/],
  ["alerts", /"OutboxMessage"|"AlertSubscription"|pg_notify|UPDATE "Delay"/],
  ["lock shipments", /FROM "Shipment"[\s\S]*FOR UPDATE/],
  ["status", /UPDATE "Shipment" AS s SET\s+"status"/],
  ["delays", /"Delay"/],
  ["estimate", /"LaneStat"|to_char\(s\."carrierEstimate"|UPDATE "Shipment"|"etaEarliest"/],
  ["events", /"TrackingEvent"/],
];

const steps = new Map<string, { statements: number; ms: number }>();
function instrument() {
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === "string" ? first : ((first as { text?: string } | undefined)?.text ?? "");
    const step = STEPS.find(([, pattern]) => pattern.test(text))?.[0] ?? "other";
    const entry = steps.get(step) ?? { statements: 0, ms: 0 };
    steps.set(step, entry);
    entry.statements++;
    const t0 = performance.now();
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      return (result as Promise<unknown>).finally(() => (entry.ms += performance.now() - t0));
    }
    return result;
  } as typeof pg.Client.prototype.query;
}

async function main() {
  const database = await freshDatabase();
  const { db, disconnectDb } = await import("../../lib/db");
  const { createMerchant } = await import("../../lib/merchants/create-merchant");
  const { newTrackingToken } = await import("../../lib/shipments/tokens");
  const { recordDeliveryHistory } = await import("../../lib/estimates-store/record-delivery");
  const { demoDeliveryHistory } = await import("../../prisma/demo-history");
  const { processPendingDeliveries } = await import("../../lib/webhooks/process-pending");
  try {
    const merchant = await createMerchant({ slug: "profile-shop", name: "Profile Shop", timeZone: "America/Los_Angeles", defaultLocale: undefined });
    await db.merchant.update({ where: { id: merchant.id }, data: { originRegion: "OR", originCountry: "US" } });
    const historyNow = new Date(BASE_TIME);
    await db.$transaction((tx) => recordDeliveryHistory(tx, merchant.id, demoDeliveryHistory(historyNow), historyNow));
    for (let i = 0; i < SHIPMENTS; i++) {
      const lane = LANES[i % LANES.length]!;
      await db.order.create({
        data: {
          merchantId: merchant.id, orderNumber: `P-${i}`, destCountry: "US", destRegion: lane.region, placedAt: new Date(BASE_TIME - 86_400_000),
          shipments: { create: { merchantId: merchant.id, carrier: lane.carrier, service: lane.service, trackingNumber: `PROF${i}`, token: newTrackingToken() } },
          alertSubscriptions: {
            create: {
              merchantId: merchant.id, channel: "EMAIL", address: `shopper${i}@example.com`, scope: "ALL", status: "ACTIVE", locale: "en",
              consentText: "profile", consentAt: new Date(BASE_TIME), confirmedAt: new Date(BASE_TIME),
            },
          },
        },
        select: { id: true },
      });
    }
    // Round-robin scans as bench:ingest sends them (one per delivery, the first a label event).
    const bodies = Array.from({ length: DELIVERIES }, (_, k) => {
      const shipment = k % SHIPMENTS;
      const scan = Math.floor(k / SHIPMENTS);
      return JSON.stringify({
        carrier: LANES[shipment % LANES.length]!.carrier,
        trackingNumber: `PROF${shipment}`,
        events: [{
          status: scan === 0 ? "INFO_RECEIVED" : "IN_TRANSIT", description: `Scan ${scan}`,
          occurredAt: new Date(BASE_TIME + scan * 3_600_000).toISOString(), location: { city: "Louisville", region: "KY", country: "US" },
        }],
      });
    });
    await db.$executeRaw`
      INSERT INTO "WebhookDelivery" ("id", "merchantId", "provider", "headers", "body", "signature", "receivedAt", "outcome")
      SELECT md5(random()::text || b), ${merchant.id}, 'generic', '{}'::jsonb, b, 'profile', now(), 'RECEIVED' FROM unnest(${bodies}::text[]) AS b`;

    instrument();
    const t0 = performance.now();
    const stats = await processPendingDeliveries({ batchSize: BATCH });
    const seconds = (performance.now() - t0) / 1000;
    const perBatch = (value: number) => Math.round((value / stats.batches) * 10) / 10;
    console.log(JSON.stringify({
      deliveries: stats.deliveries, eventsAdded: stats.eventsAdded, batches: stats.batches, failed: stats.failed, seconds: Math.round(seconds * 100) / 100,
      eventsPerSecond: Math.round(stats.eventsAdded / seconds),
      alertOutboxRows: await db.outboxMessage.count(),
      perBatch: Object.fromEntries([...steps].sort((a, b) => b[1].ms - a[1].ms).map(([step, entry]) => [step, { statements: perBatch(entry.statements), ms: perBatch(entry.ms) }])),
    }, null, 2));
  } finally {
    await disconnectDb();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
