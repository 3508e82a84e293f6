/**
 * `npm start`: the whole product on one command. Validates configuration, starts the embedded database
 * when DATABASE_URL is unset, applies migrations, seeds demo data into the embedded database (into
 * DATABASE_URL only with `--seed-demo`), builds the app when needed, serves it (on loopback for the
 * embedded demo unless HOST says otherwise), and prints the URLs to open. Every failure is one clear line.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, statSync, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { EnvError, reloadEnv } from "../lib/env";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { adoptLocalAppSecret } from "./embedded/local-app-secret";
import { startPlan } from "./start-plan";
import { isPortFree, startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded-db";

const dev = process.argv.includes("--dev");
const children: ChildProcess[] = [];
let embedded: EmbeddedDatabase | undefined;

class StartupFailure extends Error {}

function fail(message: string): never {
  console.error(`✖ ${message}`);
  void shutdown(1);
  throw new StartupFailure(message);
}

async function shutdown(code: number) {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await embedded?.stop();
  process.exit(code);
}

async function checkDatabase(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const host = new URL(url).host;
    const reason = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
    fail(`Cannot reach the database at ${host} (${reason}). Is PostgreSQL running, and is DATABASE_URL right?`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function newestSourceTime(): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated") walk(full);
      } else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "components", "lib", "public"]) walk(dir);
  for (const file of ["next.config.ts", "package.json"]) if (existsSync(file)) newest = Math.max(newest, statSync(file).mtimeMs);
  return newest;
}

function buildIfNeeded() {
  const buildId = path.resolve(process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceTime()) return;
  console.log("• Building the app (first start or changed sources; 20–60 s)…");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (result.status !== 0) fail("The build failed (see above).");
}

async function waitForHttp(url: string, child: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail("The web server stopped while starting (see above).");
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  fail("The web server did not answer within 120 s.");
}

/**
 * The worker beside the app: it processes stored webhook deliveries (the request only stores them) and
 * sends alerts. Always one here; with PostgreSQL, `npm run worker` adds more.
 */
function startAlertsWorker() {
  const worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DB_POOL_MAX: "2" },
  });
  children.push(worker);
  worker.on("exit", (code, signal) => {
    if (signal === "SIGTERM" || code === 0) return;
    console.error(`✖ The worker stopped (${signal ?? code}); restarting it in 5 s. Stored webhooks and queued alerts wait in their tables.`);
    setTimeout(startAlertsWorker, 5_000).unref();
  });
}

async function main() {
  let env;
  try {
    env = reloadEnv();
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }
  // Who can reach it, what it seeds, which secret it needs: scripts/start-plan.ts.
  const plan = startPlan(env, process.argv);
  const host = plan.host;
  if (plan.problem) fail(plan.problem);
  if (!(await isPortFree(env.PORT, host))) fail(`Port ${env.PORT} is already in use: stop what is using it, or run with PORT=<another port>.`);

  if (!env.DATABASE_URL) {
    if (!(await isPortFree(env.PGLITE_PORT))) {
      fail(`Port ${env.PGLITE_PORT} (embedded database) is already in use: is another Parcelpage running? Stop it, or set PGLITE_PORT.`);
    }
    console.log("• Starting the embedded database (PGlite, data in .data/pglite)…");
    try {
      embedded = await startEmbeddedDatabase(env.PGLITE_PORT);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
    process.env.DATABASE_URL = embedded.url;
    adoptLocalAppSecret();
    env = reloadEnv();
  }
  const databaseUrl = env.DATABASE_URL!;
  await checkDatabase(databaseUrl);

  try {
    const report = await applyMigrations(databaseUrl, "prisma/migrations");
    if (report.applied.length) console.log(`• Applied migrations: ${report.applied.join(", ")}`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }

  const { seedDemo, DEMO_CONSOLE_OWNER } = await import("../prisma/seed");
  const seeded = plan.seed ? await seedDemo(new Date()) : null;
  if (seeded?.created) console.log(`• Created demo data for "${seeded.merchantSlug}".`);
  const { disconnectDb } = await import("../lib/db");
  await disconnectDb();

  if (!dev) buildIfNeeded();
  // Alerts (#6): with nothing to send through, messages go to .data/outbox and /dev/outbox shows them.
  if (plan.devOutbox) process.env.DEV_OUTBOX ??= "1";
  startAlertsWorker();
  // Our own server in front of Next.js stamps each request's client address (lib/lookup/client-ip.ts).
  const serveArgs = ["--import", "tsx", "scripts/serve.ts", "--port", String(env.PORT), "--hostname", host, ...(dev ? ["--dev"] : [])];
  const web = spawn(process.execPath, serveArgs, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  children.push(web);
  web.on("exit", (code) => void shutdown(code ?? 1));

  const wildcard = host === "0.0.0.0" || host === "::";
  const base = `http://${plan.urlHost}:${env.PORT}`;
  await waitForHttp(`http://${plan.urlHost === "localhost" ? "127.0.0.1" : plan.urlHost}:${env.PORT}/`, web);
  console.log(`\nParcelpage is running at ${base}${wildcard ? " (listening on all interfaces)" : host === "127.0.0.1" ? " (this machine only; set HOST=0.0.0.0 to open it to the network)" : ""}\n`);
  if (seeded) {
    console.log("Demo tracking pages:");
    for (const shipment of seeded.shipments) {
      console.log(`  ${shipment.orderNumber}  ${shipment.status.toLowerCase().replaceAll("_", " ").padEnd(21)} ${base}/t/${shipment.token}`);
    }
    console.log(`\nOrder lookup:   ${base}/${seeded.merchantSlug}/lookup`);
    console.log(`Console:        ${base}/console  (sign in as ${DEMO_CONSOLE_OWNER}; the link arrives like any alert)`);
  }
  if (process.env.DEV_OUTBOX === "1") console.log(`Alerts sent:    ${base}/dev/outbox (this machine only; no SMTP_URL or Twilio set: messages are written to .data/outbox)`);
  if (seeded?.genericSecret) console.log(`Generic webhook secret for "${seeded.merchantSlug}" (shown once): ${seeded.genericSecret}`);
  console.log("\nPress Ctrl+C to stop.");
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
main().catch((error) => {
  if (error instanceof StartupFailure) return;
  console.error(`✖ Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
