/**
 * `npm run bench:ingest-faults` (also run at the end of `npm run bench:ingest`): webhook ingestion through
 * faults, on a private PostgreSQL cluster this script creates (initdb/pg_ctl, port 5442 by default) and
 * deletes, so restarting it disturbs nobody:
 *  a. ingest workers SIGKILLed mid-batch; b. the app SIGKILLed mid-accept; c. PostgreSQL crashed and
 *  restarted under load; d. PostgreSQL frozen (SIGSTOP) under load, then thawed (only with --only d: it
 *  reports times, it does not judge them). Each must end with 0 lost, 0 duplicated, every accepted delivery
 *  processed once, and while the database is down every answer must be a 503 with Retry-After (scenarios.ts).
 * Prints one JSON report; exits 1 when a scenario did not end clean.
 *
 *   tsx scripts/bench/ingest-faults.ts [--size small|bench] [--app next|route] [--port 4210] [--pg-port 5442] [--only a,b,c,d]
 *
 * `--app next` (default) serves the production build (built into .next-bench if stale); `--app route` serves
 * the webhook route alone (scripts/bench/faults/webhook-app.ts): what the CI test uses, no build needed.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { reloadEnv } from "../../lib/env";
import { applyMigrations } from "../../lib/migrations/apply-migrations";
import { ensureBuild } from "./bench-server";
import { privatePostgresUnavailable, startPrivatePostgres } from "./faults/private-postgres";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "bench" },
    app: { type: "string", default: "next" },
    port: { type: "string", default: process.env.BENCH_FAULTS_PORT ?? "4210" },
    "pg-port": { type: "string", default: process.env.BENCH_FAULTS_PG_PORT ?? "5442" },
    only: { type: "string", default: "a,b,c" },
  },
  strict: true,
});
if (values.size !== "small" && values.size !== "bench") throw new Error("--size must be small or bench");
if (values.app !== "next" && values.app !== "route") throw new Error("--app must be next or route");
const only = new Set(values.only.split(","));

async function main() {
  const unavailable = privatePostgresUnavailable();
  if (unavailable) throw new Error(`cannot start a private PostgreSQL: ${unavailable}`);
  if (values.app === "next") ensureBuild();
  const cluster = startPrivatePostgres(Number(values["pg-port"]));
  try {
    await applyMigrations(cluster.url, "prisma/migrations");
    process.env.DATABASE_URL = cluster.url;
    process.env.APP_SECRET ??= randomBytes(32).toString("hex");
    reloadEnv();
    // Imported after DATABASE_URL points at the private cluster: lib/db reads it on first use.
    const { SIZES, workerKilled, appKilled, databaseRestarted, databaseFrozen } = await import("./faults/scenarios");
    const { disconnectDb } = await import("../../lib/db");
    const setting = {
      size: SIZES[values.size as "small" | "bench"],
      app: values.app as "next" | "route",
      appPort: Number(values.port),
      cluster,
      env: { DATABASE_URL: cluster.url, APP_SECRET: process.env.APP_SECRET!, DB_POOL_MAX: "8" },
    };
    const report: Record<string, unknown> = { size: values.size, app: values.app, sizes: setting.size, machine: "2 cores, shared" };
    try {
      if (only.has("a")) report.workerKilledMidBatch = await workerKilled(setting);
      if (only.has("b")) report.appKilledMidAccept = await appKilled(setting);
      if (only.has("c")) report.databaseRestarted = await databaseRestarted(setting);
      if (only.has("d")) report.databaseFrozen = await databaseFrozen(setting);
    } finally {
      await disconnectDb();
    }
    console.log(JSON.stringify(report, null, 2));
    const failed = Object.values(report).some((value) => typeof value === "object" && value !== null && "ok" in value && value.ok === false);
    if (failed) process.exitCode = 1;
  } finally {
    cluster.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
