/**
 * `npm run bench:ingest` — webhook ingestion against a production build on PostgreSQL, in three parts:
 *  1. Accept: 16 concurrent senders post signed generic webhooks for 1,000 shipments (10% duplicates, 10%
 *     out of order) with no worker running, alternating with the same bodies to a no-op route of the same
 *     server, A-B-B-A (no-op, accept, accept, no-op; BENCH_SECONDS split between them), so drift in a
 *     shared machine's load hits both alike. Accepted events/s, p50/p99, ratio to the no-op.
 *  2. Processing: the backlog those left is drained by 1 worker process until half is left, then by 2:
 *     events/s each (estimates and alerts included).
 *  3. End to end: senders post again while 2 workers run; for sampled deliveries, the time from the 202 to
 *     the event's text on the tracking page (p50/p95).
 * Then the database is checked: zero lost, zero duplicated, every accepted delivery processed exactly once.
 *
 * The workload is a production one, not an empty shop: the merchant ships from Oregon with 240 past
 * deliveries of lane history (the demo's), so every re-estimate reads real lane statistics; every order
 * has an active email subscriber, so status changes write alert outbox rows; parcels go to the lanes the
 * history covers; one delivery in five carries two or three scans (aggregators batch them); duplicate
 * deliveries are counted apart from new events.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { ensureBuild, freshDatabase, percentile, startServer } from "./bench-server";
import { runIngestFaults } from "./faults/run-ingest-faults";
import { BASE_TIME, bodyFor, laneOf, newEvents, SHIPMENTS, trackingNumber, Workload, type Send } from "./ingest-workload";

const SENDERS = Number(process.env.BENCH_SENDERS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3901);
const SECRET = randomBytes(24).toString("hex");

function sign(body: string): string {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac("sha256", SECRET).update(`${t}.${body}`).digest("hex")}`;
}

interface PhaseResult {
  /** Deliveries accepted (2xx). */
  accepted: number;
  failed: number;
  seconds: number;
  latencies: number[];
  acceptedSends: Send[];
}

async function phase(url: string, workload = new Workload(), seconds = SECONDS, sampled?: (send: Send) => void): Promise<PhaseResult> {
  const result: PhaseResult = { accepted: 0, failed: 0, seconds: 0, latencies: [], acceptedSends: [] };
  const started = performance.now();
  const deadline = started + seconds * 1000;
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
          if (sampled && result.accepted % 10 === 0) sampled(send);
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

  const { recordDeliveryHistory } = await import("../../lib/estimates-store/record-delivery");
  const { demoDeliveryHistory } = await import("../../prisma/demo-history");

  const merchant = await createMerchant({ slug: "bench-shop", name: "Bench Shop", timeZone: "America/Los_Angeles", defaultLocale: undefined });
  await db.merchant.update({ where: { id: merchant.id }, data: { originRegion: "OR", originCountry: "US" } });
  await setProviderConnection(merchant.id, "generic", SECRET);
  // Lane history: every re-estimate reads real statistics, as in a shop that has shipped before.
  const historyNow = new Date(BASE_TIME);
  await db.$transaction((tx) => recordDeliveryHistory(tx, merchant.id, demoDeliveryHistory(historyNow), historyNow));
  for (let k = 0; k < SHIPMENTS; k += 100) {
    await db.$transaction(async (tx) => {
      for (let i = k; i < k + 100; i++) {
        const lane = laneOf(i);
        const order = await tx.order.create({
          data: {
            merchantId: merchant.id,
            orderNumber: `B-${i}`,
            destCountry: "US",
            destRegion: lane.region,
            placedAt: new Date(BASE_TIME - 86_400_000),
            shipments: {
              create: { merchantId: merchant.id, carrier: lane.carrier, service: lane.service, trackingNumber: trackingNumber(i), token: newTrackingToken() },
            },
          },
          select: { id: true },
        });
        // A shopper who opted in: status changes write alert outbox rows, as they do in production.
        await tx.alertSubscription.create({
          data: {
            merchantId: merchant.id, orderId: order.id, channel: "EMAIL", address: `shopper${i}@example.com`, scope: "ALL",
            status: "ACTIVE", locale: "en", consentText: "bench", consentAt: new Date(BASE_TIME), confirmedAt: new Date(BASE_TIME),
          },
        });
      }
    });
  }

  const tokens = new Map((await db.shipment.findMany({ select: { trackingNumber: true, token: true } })).map((row) => [row.trackingNumber, row.token]));
  const server = await startServer(PORT, { BENCH_NOOP: "1", DB_POOL_MAX: "10" });
  const workers: ChildProcess[] = [];
  // Resolves once the worker says it runs, so process start-up is not counted as processing time.
  const startWorker = () => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts", "--only", "ingest"], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, LOG_LEVEL: "warn", DB_POOL_MAX: "4" },
    });
    workers.push(child);
    return new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("Ingest worker")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`ingest worker exited (${code})`)));
    });
  };
  const stopWorkers = async () => {
    await Promise.all(workers.splice(0).map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    })));
  };
  const pending = async () => db.webhookDelivery.count({ where: { outcome: "RECEIVED" } });
  const processedEvents = async () => (await db.webhookDelivery.aggregate({ _sum: { eventsAdded: true } }))._sum.eventsAdded ?? 0;
  const processedDeliveries = async () => db.webhookDelivery.count({ where: { outcome: { not: "RECEIVED" } } });
  try {
    // Warm both routes so compilation and connection set-up are not measured.
    for (let i = 0; i < 50; i++) {
      const body = bodyFor({ shipment: 0, scan: 100_000 + i, scans: 1 });
      await fetch(`${server.url}/api/noop`, { method: "POST", body, headers: { "Parcelpage-Signature": sign(body) } });
    }
    await db.trackingEvent.deleteMany({});

    // 1. Accept, A-B-B-A, no worker: the backlog waits in the table.
    const workload = new Workload();
    const quarter = SECONDS / 2;
    const noopA = await phase(`${server.url}/api/noop`, new Workload(), quarter);
    const acceptB1 = await phase(`${server.url}/api/webhooks/generic/bench-shop`, workload, quarter);
    const acceptB2 = await phase(`${server.url}/api/webhooks/generic/bench-shop`, workload, quarter);
    const noopA2 = await phase(`${server.url}/api/noop`, new Workload(), quarter);
    const noop = merge(noopA, noopA2);
    const ingest = merge(acceptB1, acceptB2);

    // 2. Processing: 1 worker until half the backlog is left, then 2.
    const backlog = await pending();
    // Counted from the moment every worker is up: what they process meanwhile is left out of both sides.
    const drain = async (count: number, until: number) => {
      await Promise.all(Array.from({ length: count }, startWorker));
      const [events0, deliveries0, t0] = [await processedEvents(), await processedDeliveries(), performance.now()];
      while ((await pending()) > until) await new Promise((resolve) => setTimeout(resolve, 100));
      const seconds = (performance.now() - t0) / 1000;
      const [events1, deliveries1] = [await processedEvents(), await processedDeliveries()];
      return { workers: count, deliveries: deliveries1 - deliveries0, events: events1 - events0, seconds: round(seconds, 2),
        deliveriesPerSecond: round((deliveries1 - deliveries0) / seconds), eventsPerSecond: round((events1 - events0) / seconds) };
    };
    const one = await drain(1, Math.floor(backlog / 2));
    await stopWorkers();
    const two = await drain(2, 0);

    // 3. End to end while 2 workers run: 202 → the event's text on the tracking page.
    const endToEnd: number[] = [];
    // Each sample's 202 and page times on the wall clock, to split the wait into processing and page parts.
    const timings: { shipment: number; scan: number; postedAt: number; seenAt: number }[] = [];
    const watchers: Promise<void>[] = [];
    const e2eLoad = await phase(`${server.url}/api/webhooks/generic/bench-shop`, workload, Math.max(5, quarter), (send) => {
      const posted = performance.now();
      const postedAt = Date.now();
      const token = tokens.get(trackingNumber(send.shipment))!;
      watchers.push((async () => {
        while (performance.now() - posted < 30_000) {
          const page = await (await fetch(`${server.url}/t/${token}?lang=en`)).text();
          if (page.includes(`>Scan ${send.scan}<`)) {
            endToEnd.push(performance.now() - posted);
            if (!send.duplicate) timings.push({ shipment: send.shipment, scan: send.scan, postedAt, seenAt: Date.now() });
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        endToEnd.push(Number.POSITIVE_INFINITY);
      })());
    });
    await Promise.all(watchers);
    while ((await pending()) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    await stopWorkers();
    endToEnd.sort((a, b) => a - b);
    const split = await splitEndToEnd(db, timings);

    // Check the database against what was accepted.
    const acceptedSends = [...ingest.acceptedSends, ...e2eLoad.acceptedSends];
    const expected = new Set(
      acceptedSends.flatMap((send) => Array.from({ length: send.scans }, (_, i) => `${trackingNumber(send.shipment)}|Scan ${send.scan + i}`)),
    );
    const rows = await db.trackingEvent.findMany({ select: { description: true, shipment: { select: { trackingNumber: true } } } });
    const stored = rows.map((row) => `${row.shipment.trackingNumber}|${row.description}`);
    const storedSet = new Set(stored);
    const lost = [...expected].filter((key) => !storedSet.has(key)).length;
    const duplicated = stored.length - storedSet.size;
    const unaccepted = [...storedSet].filter((key) => !expected.has(key)).length;
    const deliveries = await db.webhookDelivery.groupBy({ by: ["outcome"], _count: true, _max: { attempts: true } });

    const rate = (r: PhaseResult) => r.accepted / r.seconds;
    const report = {
      senders: SENDERS,
      seconds: SECONDS,
      database: "PostgreSQL",
      machine: "2 cores, shared with other work: figures vary run to run",
      accept: {
        order: "no-op, accept, accept, no-op",
        noop: { deliveriesPerSecond: round(rate(noop)), p50Ms: round(percentile(noop.latencies, 50)), p99Ms: round(percentile(noop.latencies, 99)), failed: noop.failed },
        ingest: {
          deliveriesPerSecond: round(rate(ingest)),
          newEventsPerSecond: round(newEvents(ingest.acceptedSends) / ingest.seconds),
          duplicateDeliveries: ingest.acceptedSends.filter((send) => send.duplicate).length,
          p50Ms: round(percentile(ingest.latencies, 50)),
          p99Ms: round(percentile(ingest.latencies, 99)),
          accepted: ingest.accepted,
          failed: ingest.failed,
        },
        ratioToNoop: round(rate(ingest) / rate(noop), 3),
      },
      processing: {
        backlogDeliveries: backlog,
        oneWorker: one,
        twoWorkers: two,
        alertOutboxRows: await db.outboxMessage.count(),
      },
      endToEnd: {
        samples: endToEnd.length,
        p50Ms: round(percentile(endToEnd, 50)),
        p95Ms: round(percentile(endToEnd, 95)),
        acceptedDuringMeasurement: e2eLoad.accepted,
        acceptP99Ms: round(percentile(e2eLoad.latencies, 99)),
        // 202 → the worker's batch took the event (its createdAt: the batch's clock, before its statements
        // run), then → the page showed it (the batch's commit, the page cache's re-check at most once per
        // second, a render, the watcher's 100 ms poll). New events only, not re-sent ones.
        toProcessingP50Ms: round(percentile(split.toProcessing, 50)),
        toProcessingP95Ms: round(percentile(split.toProcessing, 95)),
        processingToPageP50Ms: round(percentile(split.toPage, 50)),
        processingToPageP95Ms: round(percentile(split.toPage, 95)),
      },
      check: {
        eventsInDatabase: stored.length,
        lost,
        duplicated,
        storedButNotAcknowledged: unaccepted,
        deliveries: Object.fromEntries(deliveries.map((group) => [group.outcome, { count: group._count, maxAttempts: group._max.attempts }])),
      },
      goals: {
        "accept ratio >= 0.6": rate(ingest) / rate(noop) >= 0.6,
        "accept p99 < 100 ms": percentile(ingest.latencies, 99) < 100,
        "1 worker >= 1000 events/s": one.eventsPerSecond >= 1000,
        "2 workers faster than 1": two.eventsPerSecond > one.eventsPerSecond,
        "end to end p95 < 2 s": percentile(endToEnd, 95) < 2000,
        "zero lost": lost === 0,
        "zero duplicated": duplicated === 0,
        "none pending, each processed once": deliveries.every((group) => group.outcome !== "RECEIVED" && (group._max.attempts ?? 0) <= 1),
      },
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await stopWorkers();
    await server.stop();
    await disconnectDb();
    await database.drop();
  }
}

/** Each sample's event createdAt (the processing batch's clock) splits its wait in two; sorted lists of ms. */
async function splitEndToEnd(
  db: { $queryRaw: <T>(query: TemplateStringsArray, ...values: unknown[]) => Promise<T> },
  timings: { shipment: number; scan: number; postedAt: number; seenAt: number }[],
): Promise<{ toProcessing: number[]; toPage: number[] }> {
  const rows = await db.$queryRaw<{ trackingNumber: string; description: string; createdAt: Date | string }[]>`
    SELECT s."trackingNumber", e."description", e."createdAt" FROM "TrackingEvent" e JOIN "Shipment" s ON s."id" = e."shipmentId"
    WHERE (s."trackingNumber", e."description") IN (SELECT * FROM unnest(${timings.map((t) => trackingNumber(t.shipment))}::text[],
      ${timings.map((t) => `Scan ${t.scan}`)}::text[]))`;
  // timestamp(3) holds UTC; a raw read may give it as text without a zone.
  const utc = (value: Date | string) => (value instanceof Date ? value : new Date(`${value.replace(" ", "T")}Z`)).getTime();
  const createdAt = new Map(rows.map((row) => [`${row.trackingNumber}|${row.description}`, utc(row.createdAt)]));
  const toProcessing: number[] = [];
  const toPage: number[] = [];
  for (const t of timings) {
    const at = createdAt.get(`${trackingNumber(t.shipment)}|Scan ${t.scan}`);
    if (at === undefined) continue;
    toProcessing.push(at - t.postedAt);
    toPage.push(t.seenAt - at);
  }
  return { toProcessing: toProcessing.sort((a, b) => a - b), toPage: toPage.sort((a, b) => a - b) };
}

function merge(a: PhaseResult, b: PhaseResult): PhaseResult {
  return {
    accepted: a.accepted + b.accepted,
    failed: a.failed + b.failed,
    seconds: a.seconds + b.seconds,
    latencies: [...a.latencies, ...b.latencies].sort((x, y) => x - y),
    acceptedSends: [...a.acceptedSends, ...b.acceptedSends],
  };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

main()
  // Faults (scripts/bench/ingest-faults.ts, on a private PostgreSQL cluster of its own) after the figures; --no-faults skips them.
  .then(() => (process.argv.includes("--no-faults") ? undefined : runIngestFaults()))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
