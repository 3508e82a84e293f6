/**
 * The e2e server: a production build of the app on a fresh database (a new embedded PGlite, or a
 * fresh database on TEST_DATABASE_URL when E2E_DB=postgres), migrated and seeded with the demo data.
 * Writes what the specs need (tokens, the demo webhook secret) to test-results/e2e-demo.json.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "../../../lib/migrations/apply-migrations";
import { reloadEnv } from "../../../lib/env";
import { startEmbeddedDatabase } from "../../../scripts/embedded-db";
import { createFreshDatabase } from "../../../scripts/fresh-database";
import { E2E_TWILIO_AUTH_TOKEN } from "./alerts-env";
import { startDnsStandIn } from "../../support/stand-ins/dns";
import { DEMO_FILE, DNS_FILE } from "./demo";

const port = Number(process.env.E2E_PORT ?? 3100);
const stops: (() => Promise<void>)[] = [];

async function database(): Promise<string> {
  if (process.env.E2E_DB === "postgres" && process.env.TEST_DATABASE_URL) {
    const fresh = await createFreshDatabase(process.env.TEST_DATABASE_URL, "parcelpage_e2e");
    stops.push(fresh.drop);
    return fresh.url;
  }
  const dataDir = path.resolve(`.data/e2e-pglite-${port}`);
  rmSync(dataDir, { recursive: true, force: true });
  const embedded = await startEmbeddedDatabase(Number(process.env.E2E_PGLITE_PORT ?? port + 10_000), dataDir);
  stops.push(embedded.stop);
  return embedded.url;
}

const url = await database();
process.env.DATABASE_URL = url;
process.env.APP_SECRET ??= randomBytes(32).toString("hex");
process.env.APP_URL ??= `http://127.0.0.1:${port}`;
process.env.PORT = String(port);
// Alerts e2e: the key the Twilio webhook's signatures are checked with (the spec signs with it too).
process.env.TWILIO_AUTH_TOKEN = E2E_TWILIO_AUTH_TOKEN;
reloadEnv();

await applyMigrations(url, "prisma/migrations");
const { seedDemo } = await import("../../../prisma/seed");
const seeded = await seedDemo(new Date());
const { disconnectDb } = await import("../../../lib/db");
await disconnectDb();
mkdirSync(path.dirname(DEMO_FILE), { recursive: true });
writeFileSync(DEMO_FILE, JSON.stringify({ databaseUrl: url, appSecret: process.env.APP_SECRET, ...seeded }, null, 2));

// Custom-domain proofs look up TXT records here: a DNS stand-in answering from DNS_FILE.
rmSync(DNS_FILE, { force: true });
const dns = await startDnsStandIn({ txtFile: DNS_FILE });
stops.push(dns.close);
process.env.DNS_SERVERS = dns.server;

const distDir = process.env.NEXT_DIST_DIR || ".next";
if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`No production build in ${distDir}: run \`npm run build\` first (npm test does).`);
// The app's own server (scripts/serve.ts), as `npm start` runs it. TRUST_PROXY_HOPS=1: the specs play the
// one trusted reverse proxy in front of it, so a spec names its visitor's address in X-Forwarded-For the
// way Caddy or nginx would (lookup.spec.ts gives each visitor its own rate-limit counter that way).
const web = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "--port", String(port), "--hostname", "127.0.0.1"], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TRUST_PROXY_HOPS: "1" },
});

// The ingest worker beside it, as `npm start` runs one: webhooks are only stored by the request (202) and
// processed here, polling the embedded database. Alerts stay with the specs (they drive the outbox themselves).
const ingest = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts", "--only", "ingest"], {
  stdio: "inherit",
  env: { ...process.env, DB_POOL_MAX: "2" },
});

async function shutdown() {
  ingest.kill("SIGTERM");
  web.kill("SIGTERM");
  for (const stop of stops) await stop();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
web.on("exit", () => void shutdown());
