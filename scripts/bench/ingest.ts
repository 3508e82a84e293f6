/**
 * `npm run bench:ingest` — webhook ingestion throughput against a production build on PostgreSQL.
 * 16 concurrent senders post signed generic webhooks for 1,000 shipments (several events each, 10%
 * duplicates, 10% out of order) for 20 s; in the same run, the same senders post the same kind of
 * bodies to a no-op route of the same server. Then the database is checked: zero lost, zero duplicated.
 */
import { createHmac, randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { ensureBuild, freshDatabase, percentile, startServer } from "./bench-server";

const SENDERS = Number(process.env.BENCH_SENDERS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SHIPMENTS = 1_000;
const PORT = Number(process.env.BENCH_PORT ?? 3901);
const SECRET = randomBytes(24).toString("hex");
const BASE_TIME = Date.UTC(2026, 10, 1, 8);

const trackingNumber = (k: number) => `BENCH${String(k).padStart(6, "0")}`;

interface Send {
  shipment: number;
  scan: number;
}

/** Walks shipments round-robin, one scan each; 10% of scans swapped with the next (out of order), 10% re-sent (duplicates). */
class Workload {
  private nextScan = new Array<number>(SHIPMENTS).fill(0);
  private held = new Map<number, number>();
  private cursor = 0;
  private sent: Send[] = [];
  private random = mulberry32(42);

  next(): Send {
    if (this.sent.length > 0 && this.random() < 0.1) return this.sent[Math.floor(this.random() * this.sent.length)]!;
    const shipment = this.cursor++ % SHIPMENTS;
    const heldScan = this.held.get(shipment);
    let send: Send;
    if (heldScan !== undefined) {
      this.held.delete(shipment);
      send = { shipment, scan: heldScan };
    } else {
      const scan = this.nextScan[shipment]!++;
      if (scan > 0 && this.random() < 0.1) {
        // Send the later scan first; the held one follows on this shipment's next turn.
        this.held.set(shipment, scan);
        send = { shipment, scan: this.nextScan[shipment]!++ };
      } else send = { shipment, scan };
    }
    this.sent.push(send);
    return send;
  }
}

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bodyFor({ shipment, scan }: Send): string {
  return JSON.stringify({
    carrier: "ups",
    trackingNumber: trackingNumber(shipment),
    events: [
      {
        status: scan === 0 ? "INFO_RECEIVED" : "IN_TRANSIT",
        description: `Scan ${scan}`,
        occurredAt: new Date(BASE_TIME + scan * 3_600_000).toISOString().replace("Z", "+00:00"),
        location: { city: "Louisville", region: "KY", country: "US" },
      },
    ],
  });
}

function sign(body: string): string {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac("sha256", SECRET).update(`${t}.${body}`).digest("hex")}`;
}

interface PhaseResult {
  accepted: number;
  failed: number;
  seconds: number;
  latencies: number[];
  acceptedSends: Send[];
}

async function phase(url: string): Promise<PhaseResult> {
  const workload = new Workload();
  const result: PhaseResult = { accepted: 0, failed: 0, seconds: 0, latencies: [], acceptedSends: [] };
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (performance.now() < deadline) {
        const send = workload.next();
        const body = bodyFor(send);
        const t0 = performance.now();
        const response = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", "Parcelpage-Signature": sign(body) } });
        await response.arrayBuffer();
        result.latencies.push(performance.now() - t0);
        if (response.ok) {
          result.accepted++;
          result.acceptedSends.push(send);
        } else result.failed++;
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  result.latencies.sort((a, b) => a - b);
  return result;
}

async function main() {
  ensureBuild();
  const database = await freshDatabase();
  const { db, disconnectDb } = await import("../../lib/db");
  const { createMerchant } = await import("../../lib/merchants/create-merchant");
  const { setProviderConnection } = await import("../../lib/merchants/set-provider-connection");
  const { newTrackingToken } = await import("../../lib/shipments/tokens");

  const merchant = await createMerchant({ slug: "bench-shop", name: "Bench Shop", timeZone: undefined, defaultLocale: undefined });
  await setProviderConnection(merchant.id, "generic", SECRET);
  for (let k = 0; k < SHIPMENTS; k += 100) {
    await db.$transaction(async (tx) => {
      for (let i = k; i < k + 100; i++) {
        await tx.order.create({
          data: {
            merchantId: merchant.id,
            orderNumber: `B-${i}`,
            destCountry: "US",
            shipments: { create: { merchantId: merchant.id, carrier: "ups", trackingNumber: trackingNumber(i), token: newTrackingToken() } },
          },
        });
      }
    });
  }

  const server = await startServer(PORT, { BENCH_NOOP: "1", DB_POOL_MAX: "10" });
  try {
    // Warm both routes so compilation and connection set-up are not measured.
    for (let i = 0; i < 50; i++) {
      const body = bodyFor({ shipment: 0, scan: 100_000 + i });
      await fetch(`${server.url}/api/noop`, { method: "POST", body, headers: { "Parcelpage-Signature": sign(body) } });
    }
    await db.trackingEvent.deleteMany({});

    const noop = await phase(`${server.url}/api/noop`);
    const ingest = await phase(`${server.url}/api/webhooks/generic/bench-shop`);

    // Check the database against what was accepted.
    const expected = new Set(ingest.acceptedSends.map((send) => `${trackingNumber(send.shipment)}|Scan ${send.scan}`));
    const rows = await db.trackingEvent.findMany({ select: { description: true, shipment: { select: { trackingNumber: true } } } });
    const stored = rows.map((row) => `${row.shipment.trackingNumber}|${row.description}`);
    const storedSet = new Set(stored);
    const lost = [...expected].filter((key) => !storedSet.has(key)).length;
    const duplicated = stored.length - storedSet.size;
    const unaccepted = [...storedSet].filter((key) => !expected.has(key)).length;
    const delivered = await db.shipment.count({ where: { status: "IN_TRANSIT" } });

    const rate = (r: PhaseResult) => r.accepted / r.seconds;
    const report = {
      senders: SENDERS,
      seconds: SECONDS,
      database: "PostgreSQL",
      noop: { eventsPerSecond: round(rate(noop)), p50Ms: round(percentile(noop.latencies, 50)), p99Ms: round(percentile(noop.latencies, 99)), failed: noop.failed },
      ingest: {
        eventsPerSecond: round(rate(ingest)),
        p50Ms: round(percentile(ingest.latencies, 50)),
        p99Ms: round(percentile(ingest.latencies, 99)),
        accepted: ingest.accepted,
        failed: ingest.failed,
        uniqueEventsAccepted: expected.size,
        duplicatesAndReorderedSent: ingest.accepted - expected.size,
      },
      ratioToNoop: round(rate(ingest) / rate(noop), 3),
      check: { eventsInDatabase: stored.length, lost, duplicated, storedButNotAcknowledged: unaccepted, shipmentsInTransit: delivered },
      goals: {
        "ratio >= 0.5": rate(ingest) / rate(noop) >= 0.5,
        "p99 < 150 ms": percentile(ingest.latencies, 99) < 150,
        "zero lost": lost === 0,
        "zero duplicated": duplicated === 0,
      },
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await server.stop();
    await disconnectDb();
    await database.drop();
  }
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
