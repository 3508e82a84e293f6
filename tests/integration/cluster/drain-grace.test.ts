/**
 * What decides how long a stopping server keeps accepting (lib/server/drain-grace.ts), over real HTTP:
 * a GET /api/ready through the real route handler is what marks the instance as watched by a health
 * check, and scripts/graceful-stop.ts then keeps the listener open for the grace that implies — none when
 * nothing polled, so a stop does not wait for a load balancer that is not there.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as ready from "@/app/api/ready/route";
import { gracefulStop } from "../../../scripts/graceful-stop";
import { drainGrace, lastReadinessPollAt, WATCH_WINDOW_MS, WATCHED_GRACE_MS } from "../../../lib/server/drain-grace";

const POLLED = Symbol.for("parcelpage.readiness-polled-at");
const DRAINING = Symbol.for("parcelpage.draining");

let server: http.Server;
let base: string;

beforeEach(async () => {
  delete (globalThis as Record<symbol, unknown>)[POLLED];
  server = http.createServer(async (incoming, outgoing) => {
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/api/ready") {
      const response = await ready.GET();
      outgoing.writeHead(response.status, { "content-type": "application/json" });
      outgoing.end(await response.text());
      return;
    }
    outgoing.end("ok");
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  delete (globalThis as Record<symbol, unknown>)[POLLED];
  delete (globalThis as Record<symbol, unknown>)[DRAINING];
});

/** A keep-alive connection that has answered once and now sits idle (what a proxy's pool holds). */
async function idleKeepAliveConnection(): Promise<http.Agent> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  await new Promise<void>((resolve, reject) => {
    http.get(`${base}/`, { agent }, (response) => response.resume().on("end", resolve)).on("error", reject);
  });
  return agent;
}

describe("the drain grace, decided by whether /api/ready is being polled", () => {
  it("is none when nothing polled /api/ready: the listener closes at once, past an idle keep-alive connection", async () => {
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    expect(lastReadinessPollAt()).toBeNull();
    const grace = drainGrace(undefined, lastReadinessPollAt(), Date.now());
    expect(grace.ms).toBe(0);

    const agent = await idleKeepAliveConnection();
    let acceptedDuringStop = 0;
    server.on("request", () => acceptedDuringStop++);
    const report = await gracefulStop(server, { graceMs: grace.ms, deadlineMs: 10_000 });
    expect(report).toEqual({ finished: true, abandoned: 0 });
    expect(server.listening).toBe(false);
    expect(acceptedDuringStop).toBe(0);
    agent.destroy();
  });

  it("is 2 s once a health check polled /api/ready: the stopping server still answers, with /api/ready 503", async () => {
    expect((await fetch(`${base}/api/ready`)).status).toBe(200);
    const polledAt = lastReadinessPollAt();
    expect(polledAt).not.toBeNull();
    const grace = drainGrace(undefined, polledAt, Date.now());
    expect(grace.ms).toBe(WATCHED_GRACE_MS);
    // The same poll, seen from past the watch window, no longer counts.
    expect(drainGrace(undefined, polledAt, polledAt! + WATCH_WINDOW_MS + 1).ms).toBe(0);

    (globalThis as Record<symbol, unknown>)[DRAINING] = true;
    const stopping = gracefulStop(server, { graceMs: grace.ms, deadlineMs: 10_000 });
    // Inside the grace the listener is open: the health check gets its 503, so the balancer takes the instance out.
    const during = await fetch(`${base}/api/ready`);
    expect(during.status).toBe(503);
    expect(((await during.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe("draining");
    expect(server.listening).toBe(true);
    expect(await stopping).toEqual({ finished: true, abandoned: 0 });
    expect(server.listening).toBe(false);
  });
});
