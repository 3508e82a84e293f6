/**
 * The fast lane (scripts/serve.ts answers webhooks before Next.js: lib/server/before-next.ts) against the
 * route handler, over real HTTP on one database: every request of the shared set gets the same answer
 * from both, and leaves the same stored delivery. The production build's own comparison, with Next.js's
 * headers, is tests/abuse/webhook-doors.test.ts.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { securityHeaders } from "../../../lib/http/security-headers";
import { answerBeforeNext } from "../../../lib/server/before-next";
import { AcceptBreaker } from "../../../lib/webhooks/accept-breaker";
import { setAcceptRefusing } from "../../../lib/webhooks/accept-refusing";
import nextConfig from "../../../next.config";
import { comparable, doorCases, sendCase } from "../../support/webhook-door-cases";
import { merchantWithConnections, registerShipment, SECRETS } from "../support/demo-merchant";
import { resetDatabase } from "../support/reset-database";
import { serveWebhooks, type WebhookServer } from "../support/serve-webhooks";
import { signGeneric } from "../support/webhook-signing";

const SLUG = "doors-shop";
const TRACKING = "1Z0000000000000077";

/** The node:http server as scripts/serve.ts runs it, with a 404 where Next.js would take over. */
async function serveFront(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    if (!answerBeforeNext(request, response, { hops: 0, fastLane: true })) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The newest stored delivery, as far as two requests with the same bytes can agree on it. */
async function newestDelivery() {
  return db.webhookDelivery.findFirst({
    orderBy: { receivedAt: "desc" },
    select: { provider: true, outcome: true, error: true, body: true, headers: true, signature: true, attempts: true, merchantId: true },
  });
}

describe("webhook fast lane: the same answers and rows as the route", () => {
  let route: WebhookServer;
  let front: Awaited<ReturnType<typeof serveFront>>;

  beforeAll(async () => {
    await resetDatabase();
    const merchant = await merchantWithConnections(SLUG);
    await registerShipment(merchant.id, "D-1", "ups", TRACKING);
    route = await serveWebhooks({ process: "manual" });
    front = await serveFront();
  });
  afterAll(async () => {
    await route.close();
    await front.close();
  });

  for (const item of doorCases(SECRETS, TRACKING)) {
    it(item.name, async () => {
      const path = `/api/webhooks/${item.provider}/${item.slug ?? SLUG}`;
      const before = await db.webhookDelivery.count();
      const viaRoute = await comparable(await sendCase(route.url, path, item));
      const storedViaRoute = (await db.webhookDelivery.count()) - before;
      const rowViaRoute = storedViaRoute ? await newestDelivery() : null;
      const viaFastLane = await comparable(await sendCase(front.url, path, item));
      const storedViaFastLane = (await db.webhookDelivery.count()) - before - storedViaRoute;
      const rowViaFastLane = storedViaFastLane ? await newestDelivery() : null;

      // The route adapter of the integration suite adds no next.config headers: compare the answer's own.
      const own = ({ status, body, headers }: typeof viaFastLane) => ({
        status, body, contentType: headers["content-type"], cacheControl: headers["cache-control"], retryAfter: headers["retry-after"],
      });
      expect(own(viaFastLane)).toEqual(own(viaRoute));
      expect(viaFastLane.status).toBeLessThan(500);
      expect(storedViaFastLane).toBe(storedViaRoute);
      expect(rowViaFastLane).toEqual(rowViaRoute);
    });
  }

  it("the fast lane's answers carry exactly the headers next.config.ts gives every path, as Next.js adds them", async () => {
    const rules = await nextConfig.headers!();
    // A rule that would reach the webhook URL other than the one for every path would need adding to the fast lane.
    const reaching = rules.filter((rule) => rule.source === "/:path*" || "/api/webhooks/".startsWith(rule.source.split(":")[0]!));
    expect(reaching.map((rule) => rule.source)).toEqual(["/:path*"]);
    expect(reaching[0]!.headers).toEqual(securityHeaders(false));
    const body = JSON.stringify({ carrier: "ups", trackingNumber: TRACKING, events: [] });
    const response = await fetch(`${front.url}/api/webhooks/generic/${SLUG}`, { method: "POST", body, headers: { "parcelpage-signature": signGeneric(body, "wrong-secret-0001") } });
    expect(response.status).toBe(401);
    for (const { key, value } of securityHeaders(false)) expect(response.headers.get(key)).toBe(value);
  });

  it("while the database is known down: the route, the fast lane and the early refusal give the same 503", async () => {
    const store = globalThis as unknown as { parcelpageAcceptBreaker?: AcceptBreaker; parcelpageAcceptQueue?: unknown };
    let down = true;
    store.parcelpageAcceptBreaker = new AcceptBreaker(() => (down ? Promise.reject(new Error("down")) : Promise.resolve()), setAcceptRefusing);
    store.parcelpageAcceptQueue = undefined;
    try {
      store.parcelpageAcceptBreaker.trip();
      const item = doorCases(SECRETS, TRACKING)[0]!;
      const path = `/api/webhooks/generic/${SLUG}`;
      const before = await db.webhookDelivery.count();
      // The breaker is open, but serve.ts's flag is not: the fast lane itself answers.
      setAcceptRefusing(false);
      const viaRoute = await comparable(await sendCase(route.url, path, item));
      const viaFastLane = await comparable(await sendCase(front.url, path, item));
      setAcceptRefusing(true);
      const viaEarlyRefusal = await comparable(await sendCase(front.url, path, item));
      expect(viaRoute).toMatchObject({ status: 503, headers: { "retry-after": "5" } });
      expect(JSON.parse(viaRoute.body)).toEqual({ error: { code: "service_unavailable", message: "Temporarily unavailable, please retry." } });
      expect(viaFastLane).toEqual({ ...viaRoute, headers: { ...viaRoute.headers, ...Object.fromEntries(securityHeaders(false).map(({ key, value }) => [key.toLowerCase(), value])) } });
      expect(viaEarlyRefusal).toEqual(viaFastLane);
      expect(await db.webhookDelivery.count()).toBe(before);
    } finally {
      down = false;
      setAcceptRefusing(false);
      store.parcelpageAcceptBreaker = undefined;
      store.parcelpageAcceptQueue = undefined;
    }
  });

  it("a client trickling its body holds nothing: another delivery is accepted meanwhile, and the trickle is answered when it ends", async () => {
    const body = JSON.stringify({ carrier: "ups", trackingNumber: TRACKING, events: [{ status: "IN_TRANSIT", description: "Trickled", occurredAt: "2026-11-28T10:15:00-06:00" }] });
    const { port } = new URL(front.url);
    const trickle = http.request({ host: "127.0.0.1", port, method: "POST", path: `/api/webhooks/generic/${SLUG}`, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "parcelpage-signature": signGeneric(body, SECRETS.generic) } });
    const trickled = new Promise<number>((resolve, reject) => {
      trickle.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      trickle.on("error", reject);
    });
    trickle.write(body.slice(0, 10));
    const other = doorCases(SECRETS, TRACKING)[0]!;
    expect((await sendCase(front.url, `/api/webhooks/generic/${SLUG}`, other)).status).toBe(202);
    trickle.end(body.slice(10));
    expect(await trickled).toBe(202);
  });

  it("while the server drains, the fast lane's answer retires its connection", async () => {
    const key = Symbol.for("parcelpage.draining");
    const store = globalThis as { [key: symbol]: boolean | undefined };
    store[key] = true;
    try {
      const response = await sendCase(front.url, `/api/webhooks/generic/${SLUG}`, doorCases(SECRETS, TRACKING)[0]!);
      expect(response.status).toBe(202);
      expect(response.headers.get("connection")).toBe("close");
    } finally {
      store[key] = undefined;
    }
  });
});
