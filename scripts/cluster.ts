/**
 * `npm run cluster`: the multi-instance topology on this machine — APP_INSTANCES (default 2) production
 * servers, WORKERS (default 2) workers and, when installed, Caddy in front (deploy/Caddyfile, its internal
 * CA for the platform host and on-demand certificates for proven custom domains). Needs DATABASE_URL: the
 * embedded PGlite server has one session for every connection, so several processes on it add nothing
 * but contention (docs/scaling.md). Builds into NEXT_DIST_DIR (default .next) when the build is missing or
 * stale. Ctrl+C / SIGTERM stops everything, each app instance draining first.
 *
 *   DATABASE_URL=postgresql://… [APP_INSTANCES=2] [WORKERS=2] [CLUSTER_BASE_PORT=3000] [PLATFORM_HOST=localhost] npm run cluster
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { ensureBuild } from "./bench/bench-server";
import { findCaddy } from "./cluster/caddy";
import { clusterPorts, MAX_APP_INSTANCES, startCluster, type Cluster } from "./cluster/topology";

const settings = z
  .object({
    DATABASE_URL: z.string({ error: "is not set" }).regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
    APP_INSTANCES: z.coerce.number().int().min(1).max(MAX_APP_INSTANCES).default(2),
    WORKERS: z.coerce.number().int().min(0).max(32).default(2),
    CLUSTER_BASE_PORT: z.coerce.number().int().min(1).max(65_000).default(3000),
    PLATFORM_HOST: z.string().regex(/^[a-z0-9.-]{1,253}$/, "must be a host name").default("localhost"),
    NEXT_DIST_DIR: z.string().default(".next"),
  })
  .safeParse(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== "")));

if (!settings.success) {
  const issue = settings.error.issues[0]!;
  const name = issue.path.join(".");
  console.error(
    name === "DATABASE_URL"
      ? `✖ DATABASE_URL ${issue.message}: the cluster needs a real PostgreSQL server (the embedded PGlite database has one session for all connections, so several instances would only queue behind each other). Example: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/parcelpage npm run cluster`
      : `✖ ${name} ${issue.message}`,
  );
  process.exit(1);
}
const config = settings.data;

let cluster: Cluster | null = null;
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\n• Stopping: app instances drain (≤ 10 s), workers finish what they hold, then Caddy.");
  await cluster?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  const report = await applyMigrations(config.DATABASE_URL, "prisma/migrations");
  if (report.applied.length) console.log(`• Applied migrations: ${report.applied.join(", ")}`);
  ensureBuild(config.NEXT_DIST_DIR);
  const caddyBinary = findCaddy();
  if (!caddyBinary) console.log("• Caddy is not installed (apt-get install -y caddy): the app instances run without a proxy in front.");
  const dataDir = path.resolve(".data", "caddy");
  mkdirSync(dataDir, { recursive: true });
  cluster = await startCluster({
    databaseUrl: config.DATABASE_URL,
    appInstances: config.APP_INSTANCES,
    workers: config.WORKERS,
    basePort: config.CLUSTER_BASE_PORT,
    distDir: config.NEXT_DIST_DIR,
    caddyBinary,
    platformHost: config.PLATFORM_HOST,
    caddyDataDir: dataDir,
  });
  const ports = clusterPorts(config.CLUSTER_BASE_PORT);
  console.log(`\nParcelpage cluster: ${config.APP_INSTANCES} app instance(s), ${config.WORKERS} worker(s)${caddyBinary ? ", Caddy" : ""}\n`);
  if (cluster.publicUrl) {
    console.log(`  Public (Caddy, HTTPS):   ${cluster.publicUrl}   (internal CA: ${cluster.caddy!.rootCertificatePath}; log: ${path.join(dataDir, "caddy.log")})`);
    console.log(`  Custom domains:          https://<proven domain>:${ports.https}/t/<token> (certificate on first visit)`);
  }
  for (let index = 0; index < config.APP_INSTANCES; index++) console.log(`  App instance ${index + 1}:          ${cluster.appUrl(index)}   (/api/health, /api/ready)`);
  console.log("\nPress Ctrl+C to stop.");
  for (const app of cluster.apps) void app?.exited.then(() => !stopping && console.error(`✖ ${app.name} exited; the others keep serving.`));
} catch (error) {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
