/**
 * `npm run bench:cluster` — what the proxy and a second app instance cost or buy, in one run on one
 * machine: tracking pages/s and webhooks accepted/s
 *   direct:   straight to app instance 1 (no proxy),
 *   caddy×1:  through Caddy (HTTPS, internal CA) to app instance 1 only,
 *   caddy×2:  through Caddy to app instances 1 and 2 (round robin),
 * on one topology (scripts/cluster/topology.ts: 2 app instances on the production build, no workers —
 * the accept path alone, as in bench:ingest part 1 — and a second Caddy with instance 1 as its only
 * upstream), against a fresh PostgreSQL database. Each target is measured twice in A-B-C-C-B-A order (a
 * shared machine drifts; the mean of the two counts), with autocannon from this process.
 *
 * Pages: 200 shipments, each view a uniformly chosen one (all cached after the first view: the proxy's
 * and the instance's own cost, not rendering). Polls: an open tab's freshness check
 * (/api/tracking/{token}/version, answered from the instance's memory). Webhooks: signed generic
 * deliveries, a new scan each. Afterwards: storage per row of the main tables (for docs/scaling.md).
 * Reports requests/s, p50/p99 and the ratios caddy×1/direct (the proxy's overhead) and caddy×2/caddy×1
 * (the second instance). Options: BENCH_SECONDS (10), BENCH_CONNECTIONS (20), CLUSTER_BENCH_PORT (4520:
 * ports 4520–4533 and 4540–4553), NEXT_DIST_DIR (.next-cluster), --rebuild.
 */
import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon, { type Options, type Result } from "autocannon";
import { ensureBuild, freshDatabase } from "./bench-server";
import { findCaddy, startCaddy } from "../cluster/caddy";
import { clusterPorts, startCluster } from "../cluster/topology";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const BASE_PORT = Number(process.env.CLUSTER_BENCH_PORT ?? 4520);
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next-cluster";
const PLATFORM_HOST = "parcelpage.test";
const SHIPMENTS = 200;
const SECRET = randomBytes(24).toString("hex");

interface Target {
  name: "direct" | "caddy×1" | "caddy×2";
  url: string;
  tls: boolean;
}

interface Run {
  target: Target["name"];
  kind: "pages" | "polls" | "webhooks";
  rps: number;
  p50: number;
  p99: number;
  bad: number;
}

async function seed() {
  const { db } = await import("../../lib/db");
  const { createMerchant } = await import("../../lib/merchants/create-merchant");
  const { setProviderConnection } = await import("../../lib/merchants/set-provider-connection");
  const { newTrackingToken } = await import("../../lib/shipments/tokens");
  const merchant = await createMerchant({ slug: "bench-cluster", name: "Bench Cluster", timeZone: "America/Chicago", defaultLocale: undefined });
  await setProviderConnection(merchant.id, "generic", SECRET);
  const tokens: string[] = [];
  const trackingNumbers: string[] = [];
  for (let index = 0; index < SHIPMENTS; index++) {
    const token = newTrackingToken();
    const trackingNumber = `1ZBENCHCL${String(index).padStart(5, "0")}`;
    await db.order.create({
      data: {
        merchantId: merchant.id, orderNumber: `BC-${index}`, destCountry: "US", destRegion: "IL", placedAt: new Date(Date.now() - 86_400_000),
        shipments: { create: { merchantId: merchant.id, carrier: "ups", service: "Ground", trackingNumber, token } },
      },
    });
    tokens.push(token);
    trackingNumbers.push(trackingNumber);
  }
  return { slug: merchant.slug, tokens, trackingNumbers };
}

async function measure(target: Target, kind: Run["kind"], data: Awaited<ReturnType<typeof seed>>): Promise<Run> {
  const host = new URL(target.url).host;
  let scan = 0;
  const options: Options & { servername?: string } = {
    url: target.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: target.tls ? { host: `${PLATFORM_HOST}:${new URL(target.url).port}` } : { host },
    ...(target.tls ? { servername: PLATFORM_HOST } : {}),
    requests: [
      kind === "pages"
        ? { method: "GET", setupRequest: (request) => ({ ...request, path: `/t/${data.tokens[Math.floor(Math.random() * data.tokens.length)]}` }) }
        : kind === "polls"
        ? { method: "GET", setupRequest: (request) => ({ ...request, path: `/api/tracking/${data.tokens[Math.floor(Math.random() * data.tokens.length)]}/version` }) }
        : {
            method: "POST",
            setupRequest: (request) => {
              const trackingNumber = data.trackingNumbers[Math.floor(Math.random() * data.trackingNumbers.length)]!;
              const body = JSON.stringify({ carrier: "ups", trackingNumber, events: [{ status: "IN_TRANSIT", description: `Cluster bench ${++scan}`, occurredAt: new Date(Date.now() - 1_000).toISOString() }] });
              const t = Math.floor(Date.now() / 1000);
              const signature = `t=${t},v1=${createHmac("sha256", SECRET).update(`${t}.${body}`).digest("hex")}`;
              return { ...request, path: `/api/webhooks/generic/${data.slug}`, body, headers: { ...request.headers, "content-type": "application/json", "parcelpage-signature": signature } };
            },
          },
    ],
  };
  const result: Result = await autocannon(options);
  return { target: target.name, kind, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, bad: result.non2xx + result.errors + result.timeouts };
}

/**
 * For docs/scaling.md's storage model: the webhooks the runs stored are processed here (in this process,
 * after the timed part), then each table's size on disk, indexes and TOAST included, per row.
 */
async function storagePerRow() {
  const { processPendingDeliveries } = await import("../../lib/webhooks/process-pending");
  const { db, disconnectDb } = await import("../../lib/db");
  const processed = await processPendingDeliveries({ batchSize: 100, maxBatches: 50 });
  await db.$executeRawUnsafe("VACUUM ANALYZE");
  const rows = await db.$queryRaw<{ table: string; rows: number; bytes: number }[]>`
    SELECT c.relname AS "table", c.reltuples::float8 AS "rows", pg_total_relation_size(c.oid)::float8 AS "bytes"
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname IN ('TrackingEvent', 'WebhookDelivery', 'Shipment', 'Order', 'PageView', 'OutboxMessage')`;
  console.log(`\nStorage per row after processing ${processed.deliveries} deliveries (${processed.eventsAdded} events), indexes included:`);
  for (const row of rows.toSorted((a, b) => a.table.localeCompare(b.table))) {
    if (row.rows > 0) console.log(`  ${row.table.padEnd(16)} ${Math.round(row.rows).toString().padStart(7)} rows   ${(row.bytes / row.rows).toFixed(0).padStart(6)} bytes/row`);
  }
  await disconnectDb();
}

async function main() {
  const caddyBinary = findCaddy();
  if (!caddyBinary) throw new Error("Caddy is not installed (apt-get install -y caddy): bench:cluster measures through it.");
  ensureBuild(DIST_DIR);
  const database = await freshDatabase();
  const data = await seed();
  const { disconnectDb } = await import("../../lib/db");
  await disconnectDb();
  const caddyDir = mkdtempSync(path.join(os.tmpdir(), "parcelpage-bench-caddy-"));
  // Each process's output in its own file: Caddy logs every health check, which would drown the figures.
  const logDir = path.resolve("test-results", "bench-cluster-logs");
  mkdirSync(logDir, { recursive: true });
  const cluster = await startCluster({
    databaseUrl: database.url, appInstances: 2, workers: 0, basePort: BASE_PORT, distDir: DIST_DIR, caddyBinary,
    platformHost: PLATFORM_HOST, caddyDataDir: path.join(caddyDir, "two"), env: { LOG_LEVEL: "warn", DB_POOL_MAX: "10" }, logDir,
  });
  const singlePorts = clusterPorts(BASE_PORT + 20);
  const single = await startCaddy({
    binary: caddyBinary, platformHost: PLATFORM_HOST, upstreams: [`127.0.0.1:${cluster.appPort(0)}`], ports: singlePorts,
    dataDir: path.join(caddyDir, "one"), tls: "internal", output: { kind: "file", path: path.join(logDir, "caddy-single.log") },
  }).catch(async (error: unknown) => {
    await cluster.stop();
    throw error;
  });
  const targets: Target[] = [
    { name: "direct", url: cluster.appUrl(0), tls: false },
    { name: "caddy×1", url: `https://127.0.0.1:${singlePorts.https}`, tls: true },
    { name: "caddy×2", url: `https://127.0.0.1:${cluster.httpsPort}`, tls: true },
  ];
  const runs: Run[] = [];
  try {
    console.log(`bench:cluster — ${os.cpus().length} cores (load average ${os.loadavg()[0]!.toFixed(1)} at the start), ${SECONDS} s per run, ${CONNECTIONS} connections, PostgreSQL, build ${DIST_DIR}`);
    // Warm every page on both instances (each instance has its own page cache).
    for (const target of targets) await measure(target, "pages", data).then(() => undefined);
    for (const kind of ["pages", "polls", "webhooks"] as const) {
      for (const target of [...targets, ...[...targets].reverse()]) {
        const run = await measure(target, kind, data);
        runs.push(run);
        console.log(`  ${kind.padEnd(8)} ${run.target.padEnd(8)} ${run.rps.toFixed(0).padStart(6)} req/s   p50 ${run.p50} ms   p99 ${run.p99} ms   non-2xx/errors ${run.bad}`);
      }
    }
  } finally {
    await single.process.stop(5_000);
    await cluster.stop();
    rmSync(caddyDir, { recursive: true, force: true });
    await storagePerRow().catch((error: unknown) => console.error(`(storage per row not measured: ${error instanceof Error ? error.message : String(error)})`));
    await database.drop();
  }
  const mean = (kind: Run["kind"], target: Target["name"]) => {
    const of = runs.filter((run) => run.kind === kind && run.target === target);
    return of.reduce((sum, run) => sum + run.rps, 0) / of.length;
  };
  console.log(`\nMeans of the two runs each (req/s) and ratios (load average ${os.loadavg()[0]!.toFixed(1)} at the end):`);
  for (const kind of ["pages", "polls", "webhooks"] as const) {
    const direct = mean(kind, "direct");
    const one = mean(kind, "caddy×1");
    const two = mean(kind, "caddy×2");
    console.log(`  ${kind.padEnd(8)} direct ${direct.toFixed(0)}   caddy×1 ${one.toFixed(0)}   caddy×2 ${two.toFixed(0)}   caddy×1/direct ${(one / direct).toFixed(2)}   caddy×2/caddy×1 ${(two / one).toFixed(2)}`);
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`✖ bench:cluster: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
