/**
 * scripts/serve.ts on a production build, stopped with SIGTERM: it keeps accepting for a grace only when a
 * health check has been polling /api/ready (lib/server/drain-grace.ts). One instance, no proxy in front —
 * `npm start` on one box, the e2e server — must not wait 2 s for a load balancer that is not there; one
 * whose readiness is being polled (Caddy, tests/cluster/cluster.test.ts) keeps its grace and answers that
 * poll 503 inside it. Needs PostgreSQL and the production build, like the rest of tests/cluster (no Caddy).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase, type FreshDatabase } from "../../scripts/fresh-database";
import { startProcess, stopLiveProcesses, waitForStatus, type ManagedProcess } from "../../scripts/cluster/managed-process";
import { DIST_DIR, SERVER_URL } from "./support/cluster-env";

const PORT = Number(process.env.SERVE_STOP_TEST_PORT ?? 4530);

async function postgresMissing(): Promise<string | null> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return null;
  } catch {
    return `No PostgreSQL at ${new URL(SERVER_URL).host}: the serve stop tests are skipped (set TEST_DATABASE_URL).`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const skipReason = await postgresMissing();
if (skipReason) console.warn(`\n(${skipReason})\n`);

describe.skipIf(skipReason !== null)("scripts/serve.ts on SIGTERM", () => {
  let database: FreshDatabase;
  let logDir: string;

  beforeAll(async () => {
    database = await createFreshDatabase(SERVER_URL, "serve_stop");
    logDir = mkdtempSync(path.join(os.tmpdir(), "parcelpage-serve-stop-"));
  }, 120_000);

  afterAll(async () => {
    await stopLiveProcesses();
    await database?.drop();
    if (logDir) rmSync(logDir, { recursive: true, force: true });
  });

  function start(name: string, env: Record<string, string> = {}): { server: ManagedProcess; log: () => string } {
    const logPath = path.join(logDir, `${name}.log`);
    const server = startProcess(
      name,
      process.execPath,
      ["--import", "tsx", "scripts/serve.ts", "--port", String(PORT), "--hostname", "127.0.0.1"],
      { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: DIST_DIR, DATABASE_URL: database.url, APP_SECRET: "serve-stop-test-app-secret-0123456789abcdef", TRUST_PROXY_HOPS: "0", LOG_LEVEL: "warn", DB_POOL_MAX: "2", ...env },
      { kind: "file", path: logPath },
    );
    return { server, log: () => readFileSync(logPath, "utf8") };
  }

  /** SIGTERM; the milliseconds until the process is gone (a figure for the log, not a pass/fail bound). */
  async function terminate(server: ManagedProcess): Promise<number> {
    const sent = Date.now();
    server.child.kill("SIGTERM");
    await server.exited;
    return Date.now() - sent;
  }

  it("stops without a grace when nothing polled /api/ready", async () => {
    const { server, log } = start("unwatched");
    // Started the way `npm start`'s user or the e2e launcher sees it: a page answers; readiness never asked.
    await waitForStatus(`http://127.0.0.1:${PORT}/api/health`, 200, server, 120_000);
    const ms = await terminate(server);
    console.log(`serve-stop: unwatched instance gone ${ms} ms after SIGTERM`);
    expect(log()).toMatch(/SIGTERM: draining, grace 0 ms \(nothing polled \/api\/ready in the last 10 s\)/);
    expect(log()).toMatch(/SIGTERM: drained in \d+ ms \(every request finished\)/);
    expect(server.child.exitCode).toBe(0);
  }, 150_000);

  it("keeps its 2 s grace when a health check is polling /api/ready, and answers that poll 503 inside it", async () => {
    const { server, log } = start("watched");
    await waitForStatus(`http://127.0.0.1:${PORT}/api/ready`, 200, server, 120_000);
    const sent = Date.now();
    server.child.kill("SIGTERM");
    // The health check's next poll: the listener is still open, and the answer takes the instance out.
    await waitForStatus(`http://127.0.0.1:${PORT}/api/ready`, 503, server, 1_500);
    await server.exited;
    console.log(`serve-stop: watched instance gone ${Date.now() - sent} ms after SIGTERM`);
    expect(log()).toMatch(/SIGTERM: draining, grace 2000 ms \(\/api\/ready polled \d+ ms before the signal: a health check is watching\)/);
    expect(server.child.exitCode).toBe(0);
  }, 150_000);

  it("takes DRAIN_GRACE_MS as given, polled or not", async () => {
    const { server, log } = start("configured", { DRAIN_GRACE_MS: "0" });
    await waitForStatus(`http://127.0.0.1:${PORT}/api/ready`, 200, server, 120_000);
    await terminate(server);
    expect(log()).toMatch(/SIGTERM: draining, grace 0 ms \(DRAIN_GRACE_MS\)/);
  }, 150_000);
});
