/**
 * `npm run bench:page` — the tracking page's throughput against a production build on PostgreSQL.
 * A fresh database (BENCH_DATABASE_URL / TEST_DATABASE_URL, default the local server) is migrated and
 * seeded with the demo; `next start` serves it; autocannon then loads, in the same run and with the
 * same settings (20 connections, 15 s each), a static page of the build ("/") and a demo tracking page.
 * Goal: the tracking page at ≥ 80% of the static page's requests/s, with p99 under 50 ms.
 * The machine is shared and drifts, so the two are measured twice in A-B-B-A order and averaged.
 * Options: BENCH_CONNECTIONS, BENCH_SECONDS, BENCH_PORT, BENCH_ORDER (demo order, default NW-1007),
 * --rebuild to force a new build (a build older than the sources is rebuilt anyway).
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { BENCH_DIST_DIR, ensureBuild, freshDatabase, startServer } from "./bench-server";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PORT = Number(process.env.BENCH_PORT ?? 3907);
const ORDER = process.env.BENCH_ORDER ?? "NW-1007";
const GOAL_RATIO = 0.8;
const GOAL_P99_MS = 50;

/** Newest modification time under the folders a build is made from. */
function newestSource(): number {
  let newest = 0;
  const walk = (entry: string) => {
    const stat = statSync(entry, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      if (entry.endsWith("generated")) return;
      for (const child of readdirSync(entry)) walk(path.join(entry, child));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of ["app", "components", "lib", "proxy.ts", "next.config.ts", "package.json"]) walk(entry);
  return newest;
}

function buildIsStale(): boolean {
  const built = statSync(path.join(BENCH_DIST_DIR, "BUILD_ID"), { throwIfNoEntry: false });
  return !built || built.mtimeMs < newestSource();
}

interface Result {
  label: string;
  path: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(label: string, url: string, pathName: string): Promise<Result> {
  const result = await autocannon({ url: `${url}${pathName}`, connections: CONNECTIONS, duration: SECONDS });
  return {
    label,
    path: pathName,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function warm(url: string, times = 50) {
  for (let index = 0; index < times; index++) await (await fetch(url)).arrayBuffer();
}

if (buildIsStale()) process.argv.push("--rebuild");
ensureBuild();
const database = await freshDatabase();
const { seedDemo } = await import("../../prisma/seed");
const seeded = await seedDemo(new Date());
const { disconnectDb } = await import("../../lib/db");
await disconnectDb();
const token = seeded.shipments.find((shipment) => shipment.orderNumber === ORDER)?.token;
if (!token) throw new Error(`no demo order ${ORDER}`);

const server = await startServer(PORT, { DATABASE_URL: database.url, APP_URL: `http://127.0.0.1:${PORT}` });
try {
  const trackingPath = `/t/${token}`;
  const page = await fetch(`${server.url}${trackingPath}`);
  const html = await page.text();
  if (page.status !== 200 || !html.includes(`Order ${ORDER}`)) throw new Error(`the tracking page did not render (${page.status})`);
  await warm(`${server.url}/`);
  await warm(`${server.url}${trackingPath}`);

  console.log(`bench:page — ${CONNECTIONS} connections × ${SECONDS} s per run, production build on PostgreSQL, demo order ${ORDER}`);
  // A short untimed pass each, then static, tracking, tracking, static: drift on a shared machine cancels out.
  await autocannon({ url: `${server.url}/`, connections: CONNECTIONS, duration: 2 });
  await autocannon({ url: `${server.url}${trackingPath}`, connections: CONNECTIONS, duration: 2 });
  const runs = [
    await load("static page", server.url, "/"),
    await load("tracking page", server.url, trackingPath),
    await load("tracking page", server.url, trackingPath),
    await load("static page", server.url, "/"),
  ];
  for (const result of runs) {
    console.log(
      `  ${result.label.padEnd(14)} ${result.path.padEnd(32)} ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s   ` +
        `p50 ${result.p50} ms   p99 ${result.p99} ms   non-2xx ${result.non2xx}   errors ${result.errors}`,
    );
  }
  const combine = (label: string): Result => {
    const of = runs.filter((run) => run.label === label);
    const mean = (pick: (run: Result) => number) => of.reduce((sum, run) => sum + pick(run), 0) / of.length;
    return {
      label,
      path: of[0]!.path,
      requestsPerSecond: mean((run) => run.requestsPerSecond),
      p50: mean((run) => run.p50),
      p99: Math.max(...of.map((run) => run.p99)),
      non2xx: of.reduce((sum, run) => sum + run.non2xx, 0),
      errors: of.reduce((sum, run) => sum + run.errors, 0),
    };
  };
  const staticPage = combine("static page");
  const tracking = combine("tracking page");
  console.log(`  static page:   ${staticPage.requestsPerSecond.toFixed(0)} req/s (mean of 2), p99 ${staticPage.p99} ms (worst of 2)`);
  console.log(`  tracking page: ${tracking.requestsPerSecond.toFixed(0)} req/s (mean of 2), p99 ${tracking.p99} ms (worst of 2)`);
  const ratio = tracking.requestsPerSecond / staticPage.requestsPerSecond;
  const ok = ratio >= GOAL_RATIO && tracking.p99 < GOAL_P99_MS && tracking.non2xx === 0 && tracking.errors === 0;
  console.log(
    `  ratio ${(ratio * 100).toFixed(1)}% of static (goal ≥ ${GOAL_RATIO * 100}%), tracking p99 ${tracking.p99} ms (goal < ${GOAL_P99_MS} ms): ${ok ? "PASS" : "FAIL"}`,
  );
  console.log(
    JSON.stringify({
      bench: "page",
      connections: CONNECTIONS,
      secondsPerRun: SECONDS,
      staticPage: { path: staticPage.path, requestsPerSecond: Math.round(staticPage.requestsPerSecond), p99Ms: staticPage.p99 },
      trackingPage: { order: ORDER, requestsPerSecond: Math.round(tracking.requestsPerSecond), p99Ms: tracking.p99, non2xx: tracking.non2xx },
      ratio: Number(ratio.toFixed(3)),
      goal: { ratioAtLeast: GOAL_RATIO, p99BelowMs: GOAL_P99_MS },
      pass: ok,
    }),
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await server.stop();
  await database.drop();
}
