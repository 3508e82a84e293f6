/**
 * The early refusal scripts/serve.ts gives webhooks while the database is known down, over a real socket:
 * the same status, Retry-After and body as the route's own 503, and only for webhook POSTs.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { REFUSAL_BODY, RETRY_AFTER_SECONDS, refuseWebhookEarly, setAcceptRefusing } from "@/lib/webhooks/accept-refusing";

const server = http.createServer((request, response) => {
  if (refuseWebhookEarly(request.method, request.url, response)) return;
  response.writeHead(299).end("passed on");
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => setAcceptRefusing(false));

const post = (path: string) => fetch(`${base}${path}`, { method: "POST", body: JSON.stringify({ events: [] }), headers: { "content-type": "application/json" } });

describe("webhooks refused before Next.js while the database is known down", () => {
  it("answers a webhook POST with the route's 503, Retry-After and error body", async () => {
    setAcceptRefusing(true);
    for (const path of ["/api/webhooks/generic/acme", "/api/webhooks/shippo/acme?token=abc", "/api/webhooks/nope/acme"]) {
      const response = await post(path);
      expect(response.status, path).toBe(503);
      expect(response.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
      expect(await response.json()).toEqual(REFUSAL_BODY);
    }
    expect(REFUSAL_BODY).toMatchObject({ error: { code: "service_unavailable" } });
  });

  it("passes everything else on: other paths, other methods, and webhooks once the database is back", async () => {
    setAcceptRefusing(true);
    for (const path of ["/api/webhooks/generic", "/api/webhooks/generic/acme/", "/api/webhooks/generic/acme/extra", "/api/shops/shopify/acme", "/api/health", "/acme/lookup"]) {
      expect((await post(path)).status, path).toBe(299);
    }
    expect((await fetch(`${base}/api/webhooks/generic/acme`)).status).toBe(299);
    setAcceptRefusing(false);
    expect((await post("/api/webhooks/generic/acme")).status).toBe(299);
  });
});
