/**
 * `npm run bench:ingest-profile` — where one processing batch spends its time, in process, no build:
 * the bench:ingest workload's merchant (lane history, a subscriber per order) with deliveries stored as
 * pending, drained by processPendingDeliveries while every SQL statement is counted and timed by the
 * pipeline step it belongs to (claim, events, status, estimate, delays, alerts, mark processed).
 * Timing figures are for comparing two versions in one session, never a pass/fail test.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { freshDatabase } from "./bench-server";
import { BASE_TIME, bodyFor, LANES, SHIPMENTS, trackingNumber, Workload } from "./ingest-workload";

const DELIVERIES = Number(process.env.PROFILE_DELIVERIES ?? 3_000);
/** Deliveries per batch: the workers' default on PostgreSQL (DEFAULT_BATCH_SIZE) unless set. */
const BATCH = process.env.PROFILE_BATCH;
/**
 * "bench" (default): bench:ingest's own workload (ingest-workload.ts: multi-scan deliveries, duplicates,
 * out of order); "simple": one scan per delivery round-robin, the first a label event (the figures
 * recorded before 2026-12-07 03:00).
 */
const WORKLOAD = process.env.PROFILE_WORKLOAD ?? "bench";
/** Where to write a CPU profile of the drain alone (Chrome DevTools / speedscope format), if set. */
const CPU_PROFILE = process.env.PROFILE_CPU;
/** Stop after this many batches and keep the database (its URL printed) for EXPLAIN ANALYZE by hand. */
const STOP_AFTER = process.env.PROFILE_STOP_AFTER ? Number(process.env.PROFILE_STOP_AFTER) : undefined;

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

/**
 * CPU seconds the database's server processes for this database have used (Linux /proc, same machine;
 * null where unreadable). Far steadier than wall time on a shared machine: what the work costs, not how
 * long it waited for a core.
 */
async function serverCpu(db: { $queryRaw: (query: TemplateStringsArray) => Promise<unknown> }): Promise<Map<number, number> | null> {
  const rows = (await db.$queryRaw`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`) as { pid: number }[];
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      return null;
    }
  }
  return cpu;
}

const cpuSpent = (before: Map<number, number> | null, after: Map<number, number> | null) =>
  before && after ? Math.round([...after].reduce((sum, [pid, seconds]) => sum + seconds - (before.get(pid) ?? 0), 0) * 100) / 100 : null;

async function main() {
  const database = await freshDatabase();
  const { db, disconnectDb } = await import("../../lib/db");
  const { createMerchant } = await import("../../lib/merchants/create-merchant");
  const { newTrackingToken } = await import("../../lib/shipments/tokens");
  const { recordDeliveryHistory } = await import("../../lib/estimates-store/record-delivery");
  const { demoDeliveryHistory } = await import("../../prisma/demo-history");
  const { DEFAULT_BATCH_SIZE, processPendingDeliveries } = await import("../../lib/webhooks/process-pending");
  const batchSize = BATCH ? Number(BATCH) : DEFAULT_BATCH_SIZE;
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
          shipments: { create: { merchantId: merchant.id, carrier: lane.carrier, service: lane.service, trackingNumber: trackingNumber(i), token: newTrackingToken() } },
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
    const workload = new Workload();
    const bodies = Array.from({ length: DELIVERIES }, (_, k) => {
      if (WORKLOAD === "bench") return bodyFor(workload.next());
      // Round-robin, one scan per delivery, the first a label event.
      const shipment = k % SHIPMENTS;
      const scan = Math.floor(k / SHIPMENTS);
      return JSON.stringify({
        carrier: LANES[shipment % LANES.length]!.carrier,
        trackingNumber: trackingNumber(shipment),
        events: [{
          status: scan === 0 ? "INFO_RECEIVED" : "IN_TRANSIT", description: `Scan ${scan}`,
          occurredAt: new Date(BASE_TIME + scan * 3_600_000).toISOString(), location: { city: "Louisville", region: "KY", country: "US" },
        }],
      });
    });
    await db.$executeRaw`
      INSERT INTO "WebhookDelivery" ("id", "merchantId", "provider", "headers", "body", "signature", "receivedAt", "outcome")
      SELECT md5(random()::text || b), ${merchant.id}, 'generic', '{}'::jsonb, b, 'profile', now(), 'RECEIVED' FROM unnest(${bodies}::text[]) AS b`;

    // As autovacuum would have by the time a real backlog is drained (bench:ingest's accept phase lasts
    // longer than its naptime): the claim's plan depends on knowing how many rows are pending.
    await db.$executeRaw`ANALYZE "WebhookDelivery"`;
    instrument();
    const session = CPU_PROFILE ? new Session() : null;
    if (session) {
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.start");
    }
    const server0 = await serverCpu(db);
    const cpu0 = (process.cpuUsage().user + process.cpuUsage().system) / 1e6;
    const t0 = performance.now();
    const stats = await processPendingDeliveries({ batchSize, maxBatches: STOP_AFTER });
    const seconds = (performance.now() - t0) / 1000;
    if (session) {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(CPU_PROFILE!, JSON.stringify(profile));
      session.disconnect();
    }
    const cpuSeconds = (process.cpuUsage().user + process.cpuUsage().system) / 1e6 - cpu0;
    const serverCpuSeconds = cpuSpent(server0, await serverCpu(db));
    const perBatch = (value: number) => Math.round((value / stats.batches) * 10) / 10;
    console.log(JSON.stringify({
      workload: WORKLOAD, batchSize, cpuSeconds: Math.round(cpuSeconds * 100) / 100, serverCpuSeconds, deliveries: stats.deliveries, eventsAdded: stats.eventsAdded, batches: stats.batches, failed: stats.failed, seconds: Math.round(seconds * 100) / 100,
      eventsPerSecond: Math.round(stats.eventsAdded / seconds),
      alertOutboxRows: await db.outboxMessage.count(),
      perBatch: Object.fromEntries([...steps].sort((a, b) => b[1].ms - a[1].ms).map(([step, entry]) => [step, { statements: perBatch(entry.statements), ms: perBatch(entry.ms) }])),
    }, null, 2));
  } finally {
    await disconnectDb();
    if (STOP_AFTER === undefined) await database.drop();
    else console.log(`kept ${database.url}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
