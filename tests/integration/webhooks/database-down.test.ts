import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, disconnectDb } from "../../../lib/db";
import { reloadEnv } from "../../../lib/env";
import { acceptBreaker } from "../../../lib/webhooks/accept-breaker";
import { processPendingDeliveries } from "../../../lib/webhooks/process-pending";
import { resetDatabase } from "../support/reset-database";
import { merchantWithConnections, SECRETS } from "../support/demo-merchant";
import { serveWebhooks, type WebhookServer } from "../support/serve-webhooks";
import { signGeneric } from "../support/webhook-signing";

const SENDERS = 16;

/**
 * Points the app's database client at a stand-in server for the length of `run`, then back at the test
 * database. The stand-in counts every connection the app opens to it.
 */
async function withDatabaseAt(onConnection: (socket: net.Socket) => void, run: (attempts: () => number) => Promise<void>) {
  let attempts = 0;
  const sockets = new Set<net.Socket>();
  const standIn = net.createServer((socket) => {
    attempts++;
    sockets.add(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => standIn.listen(0, "127.0.0.1", resolve));
  const realUrl = process.env.DATABASE_URL;
  await disconnectDb();
  process.env.DATABASE_URL = `postgresql://postgres@127.0.0.1:${(standIn.address() as net.AddressInfo).port}/postgres`;
  reloadEnv();
  try {
    await run(() => attempts);
  } finally {
    for (const socket of sockets) socket.destroy();
    standIn.close();
    await disconnectDb();
    process.env.DATABASE_URL = realUrl;
    reloadEnv();
  }
}

// Issue #11: while the database is down every webhook gets 503 + Retry-After at once, not after a chain of
// connection attempts. Asserted on the mechanism (connections the app opens, the breaker's state), not on
// times: bench:ingest-faults scenario c measures those.
describe("the accept path while the database is down", () => {
  let server: WebhookServer;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveWebhooks({ process: "manual" });
    await merchantWithConnections("down-shop");
  });
  afterAll(() => server.close());

  let sent = 0;
  const generic = (label: string) => {
    const description = `${label} ${sent++}`;
    const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
    const body = JSON.stringify({ carrier: "ups", trackingNumber: "1ZDOWN0001", events: [{ status: "IN_TRANSIT", occurredAt, description }] });
    return fetch(`${server.url}/api/webhooks/generic/down-shop`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "Parcelpage-Signature": signGeneric(body, SECRETS.generic) },
    });
  };
  const wave = async (label: string) => {
    const responses = await Promise.all(Array.from({ length: SENDERS }, () => generic(label)));
    return Promise.all(responses.map(async (response) => ({ status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.text() })));
  };

  it("connections dropped (a crashed server): every request 503, one connection attempt finds it down, then a probe every half second, not an attempt per request; back once a probe gets through", async () => {
    expect((await generic("before")).status).toBe(202);
    const storedBefore = await db.webhookDelivery.count();

    await withDatabaseAt((socket) => socket.destroy(), async (attempts) => {
      const answers = [];
      // 16 senders at once, again and again (as providers retry), until the breaker has probed twice: the
      // connection cache (1.5 s) has expired by then, so every request needs the database for its lookup.
      const deadline = Date.now() + 60_000;
      while (acceptBreaker().probes < 2 && Date.now() < deadline) {
        answers.push(...(await wave("while down")));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(acceptBreaker().probes).toBeGreaterThanOrEqual(2);
      expect(answers.length).toBeGreaterThan(SENDERS * 2);
      expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([503]));
      expect(answers.every((answer) => answer.retryAfter === "5")).toBe(true);
      expect(JSON.parse(answers[0]!.body)).toMatchObject({ error: { code: "service_unavailable" } });
      expect(acceptBreaker().open).toBe(true);
      // One touch found it down: the first wave's batched INSERT, or its one shared connection lookup if the
      // cached connection had expired (two if it expired in the middle of the wave). After that only the
      // probes opened connections. Before the breaker each refusal lasted 1 s, then every request's lookup
      // tried on its own: 16 attempts a wave.
      expect(attempts()).toBeLessThanOrEqual(2 + acceptBreaker().probes);
    });

    // The database is back: the next probe closes the breaker, and a delivery is accepted again.
    await vi.waitFor(() => expect(acceptBreaker().open).toBe(false), { timeout: 10_000, interval: 50 });
    expect((await generic("after")).status).toBe(202);
    // Nothing of the refused deliveries was stored.
    expect(await db.webhookDelivery.count()).toBe(storedBefore + 1);
    await processPendingDeliveries();
  });

  it("a database that accepts connections and never answers: the first wave waits once for the pool's connection timeout, later requests are refused without opening a connection", async () => {
    expect((await generic("before hung")).status).toBe(202);
    await withDatabaseAt(() => {}, async (attempts) => {
      const first = await wave("hung");
      expect(new Set(first.map((answer) => answer.status))).toEqual(new Set([503]));
      expect(acceptBreaker().open).toBe(true);
      const opened = attempts();
      const second = await wave("hung again");
      expect(new Set(second.map((answer) => answer.status))).toEqual(new Set([503]));
      // The second wave opened no connection (only a probe may have, once a second): the pool's connection
      // timeout (5 s) is paid once, by the wave that found the database hung, not by every request.
      expect(attempts()).toBeLessThanOrEqual(opened + acceptBreaker().probes);
    });
    await vi.waitFor(() => expect(acceptBreaker().open).toBe(false), { timeout: 15_000, interval: 50 });
    expect((await generic("after hung")).status).toBe(202);
    await processPendingDeliveries();
  }, 60_000);
});
