/**
 * `npm run bench:track-link` — does /{merchant}/track/{number} answer an unknown number as fast as another
 * merchant's real one? Both are 404s; if the second took longer, response time would tell a stranger which
 * numbers exist at Parcelpage at all. Both run the same two queries (lib/tracking/public-view.ts). Malformed
 * numbers are refused before the database (they can exist nowhere): their figure is shown for comparison.
 * The same pair spelt in lower case is answered with a 308 to the canonical URL (lib/tracking/track-link-canonical.ts),
 * decided before the database too: those two medians must not differ either.
 * Production build on PostgreSQL, demo data plus a second merchant, A-B-B-A interleaving after a warm-up,
 * each request from its own address (TRUST_PROXY_HOPS=1) so the per-address limit does not interfere.
 * Options: BENCH_ROUNDS (default 200), BENCH_PORT (default 3912), --rebuild.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { BENCH_DIST_DIR, ensureBuild, freshDatabase, percentile, startServer } from "./bench-server";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WARMUP = 20;
const PORT = Number(process.env.BENCH_PORT ?? 3912);
const goalMs = (a: number, b: number) => Math.max(3, 0.25 * Math.max(a, b));

if (!existsSync(path.join(BENCH_DIST_DIR, "BUILD_ID"))) process.argv.push("--rebuild");
ensureBuild();
const database = await freshDatabase();
const { seedDemo } = await import("../../prisma/seed");
const seeded = await seedDemo(new Date());
const { createMerchant } = await import("../../lib/merchants/create-merchant");
const { createOrder } = await import("../../lib/shipments/create-order");
const other = await createMerchant({ slug: "bench-other", name: "Other shop", timeZone: undefined, defaultLocale: undefined });
await createOrder(other.id, { orderNumber: "O-1", destination: { country: "US" }, shipments: [{ carrier: "UPS", trackingNumber: "1ZBENCHFOREIGN01" }] });
const { disconnectDb } = await import("../../lib/db");
await disconnectDb();

const server = await startServer(PORT, { DATABASE_URL: database.url, APP_URL: `http://127.0.0.1:${PORT}`, TRUST_PROXY_HOPS: "1" });
let visitor = 0;
try {
  const time = async (number: string, expected: number) => {
    visitor += 1;
    const started = performance.now();
    const response = await fetch(`${server.url}/${seeded.merchantSlug}/track/${number}`, {
      headers: { "x-forwarded-for": `10.${(visitor >> 16) & 255}.${(visitor >> 8) & 255}.${visitor & 255}` },
      redirect: "manual",
    });
    await response.arrayBuffer();
    if (response.status !== expected) throw new Error(`${number} answered ${response.status}, not ${expected}`);
    return performance.now() - started;
  };
  const samples = { unknown: [] as number[], foreign: [] as number[], malformed: [] as number[], unknownSpelt: [] as number[], foreignSpelt: [] as number[] };
  const order = ["unknown", "foreign", "malformed", "unknownSpelt", "foreignSpelt"] as const;
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const kinds = round % 2 === 0 ? order : order.toReversed();
    for (const kind of kinds) {
      const unknown = `1ZBENCHNONE${String(round).padStart(5, "0")}`;
      const number = { unknown, foreign: "1ZBENCHFOREIGN01", malformed: `bad!${round}`, unknownSpelt: unknown.toLowerCase(), foreignSpelt: "1zbenchforeign01" }[kind];
      const ms = await time(number, kind.endsWith("Spelt") ? 308 : 404);
      if (round >= WARMUP) samples[kind].push(ms);
    }
  }
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50: Number(percentile(sorted, 50).toFixed(2)), p90: Number(percentile(sorted, 90).toFixed(2)) };
  };
  const [unknown, foreign, malformed] = [stats(samples.unknown), stats(samples.foreign), stats(samples.malformed)];
  const [unknownSpelt, foreignSpelt] = [stats(samples.unknownSpelt), stats(samples.foreignSpelt)];
  const difference = Math.abs(unknown.p50 - foreign.p50);
  const allowed = goalMs(unknown.p50, foreign.p50);
  const redirectDifference = Math.abs(unknownSpelt.p50 - foreignSpelt.p50);
  const redirectAllowed = goalMs(unknownSpelt.p50, foreignSpelt.p50);
  const pass = difference < allowed && redirectDifference < redirectAllowed;
  console.log(`bench:track-link — ${ROUNDS} rounds after ${WARMUP} warm-up rounds, production build on PostgreSQL`);
  console.log(`  unknown number:             p50 ${unknown.p50} ms, p90 ${unknown.p90} ms`);
  console.log(`  another merchant's number:  p50 ${foreign.p50} ms, p90 ${foreign.p90} ms`);
  console.log(`  malformed (no database):    p50 ${malformed.p50} ms, p90 ${malformed.p90} ms`);
  console.log(`  unknown, lower case (308):  p50 ${unknownSpelt.p50} ms, p90 ${unknownSpelt.p90} ms`);
  console.log(`  foreign, lower case (308):  p50 ${foreignSpelt.p50} ms, p90 ${foreignSpelt.p90} ms`);
  console.log(`  unknown vs foreign median difference ${difference.toFixed(2)} ms (goal < ${allowed.toFixed(2)} ms), their redirects ${redirectDifference.toFixed(2)} ms (goal < ${redirectAllowed.toFixed(2)} ms): ${pass ? "PASS" : "FAIL"}`);
  console.log(JSON.stringify({ bench: "track-link", rounds: ROUNDS, unknownMs: unknown, foreignMs: foreign, malformedMs: malformed, unknownSpeltMs: unknownSpelt, foreignSpeltMs: foreignSpelt, medianDifferenceMs: Number(difference.toFixed(2)), redirectMedianDifferenceMs: Number(redirectDifference.toFixed(2)), pass }));
  process.exitCode = pass ? 0 : 1;
} finally {
  await server.stop();
  await database.drop();
}
