import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, disconnectDb } from "../../../lib/db";
import { reloadEnv } from "../../../lib/env";
import { startDatabaseProxy, type DatabaseProxy } from "../../support/stand-ins/database-proxy";
import { merchantWithConnections, SECRETS } from "../support/demo-merchant";
import { resetDatabase } from "../support/reset-database";
import { serveWebhooks, type WebhookServer } from "../support/serve-webhooks";
import { signGeneric } from "../support/webhook-signing";

/** The kernel's view of this process's connections to `port`: one line each, with its timer (ss -o). */
function connectionsTo(port: number): string[] {
  const ss = spawnSync("ss", ["-tnoH", "state", "established", `( dport = :${port} )`], { encoding: "utf8" });
  if (ss.error) throw new Error(`ss (iproute2) is needed for this test: ${ss.error.message}`);
  return ss.stdout.split("\n").filter((line) => line.trim() !== "");
}

// lib/pg-keepalive.ts: a connection whose host vanished must error, not look open for ever. Asserted on
// the sockets themselves: the kernel runs a keepalive timer on every connection the app opened (the Prisma
// pool's, for the connection lookup, and the accept pool's, for the INSERT). Through a proxy on a port of
// its own, so only this test's connections are listed.
describe("TCP keepalive on the app's database connections", () => {
  let server: WebhookServer;
  let proxy: DatabaseProxy;
  let realUrl: string;

  beforeAll(async () => {
    await resetDatabase();
    await merchantWithConnections("keepalive-shop");
    realUrl = process.env.DATABASE_URL!;
    proxy = await startDatabaseProxy(realUrl);
    await disconnectDb();
    process.env.DATABASE_URL = proxy.url;
    reloadEnv();
    server = await serveWebhooks({ process: "manual" });
  });
  afterAll(async () => {
    await server.close();
    await disconnectDb();
    await proxy.close();
    process.env.DATABASE_URL = realUrl;
    reloadEnv();
  });

  it("every connection the accept path opened runs a keepalive timer", async () => {
    const body = JSON.stringify({ carrier: "ups", trackingNumber: "1ZKEEP0001", events: [{ status: "IN_TRANSIT", occurredAt: new Date().toISOString(), description: "kept alive" }] });
    const send = () =>
      fetch(`${server.url}/api/webhooks/generic/keepalive-shop`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "Parcelpage-Signature": signGeneric(body, SECRETS.generic) },
      });
    // Sent again after a 503, as a provider would: on a machine loaded by other work the first INSERT over a
    // new connection can outlive the accept deadline (then the breaker's probe lets the next one through).
    await vi.waitFor(async () => expect((await send()).status).toBe(202), { timeout: 20_000, interval: 600 });
    await db.$queryRaw`SELECT 1`;
    const connections = connectionsTo(Number(new URL(proxy.url).port));
    // The lookup's (Prisma pool) and the INSERT's (accept pool) at least.
    expect(connections.length).toBeGreaterThanOrEqual(2);
    for (const connection of connections) expect(connection).toMatch(/timer:\(keepalive,/);
  });
});
