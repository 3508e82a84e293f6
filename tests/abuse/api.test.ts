import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { abuseContext } from "./support/context";
import { EXTREME_DATES, hostileText, mutated, rawBytes, rawJsonText } from "./support/hostile";
import { closeDatabase, expectHealthy, flushFigures, probe, runProperty, send, snapshot, type Hostile } from "./support/probe";

const RUNS = Number(process.env.ABUSE_RUNS ?? 1);

const ORDER = {
  orderNumber: "AB-1",
  placedAt: "2026-12-01T10:00:00Z",
  promisedBy: "2026-12-09",
  shopper: { name: "Robin Shopper", email: "robin@example.com", phone: "+13125550199", timeZone: "America/Chicago" },
  destination: { street: "1 Main St", city: "Chicago", region: "IL", postalCode: "60601", country: "US" },
  shipments: [{ carrier: "UPS", service: "Ground", trackingNumber: "1ZAB0001", carrierUrl: "https://example.com/t/1" }],
};
const ORDER_UPDATE = { shopper: { name: "Robin", email: "robin@example.com", phone: "+13125550199", timeZone: "America/Chicago" }, destination: { city: "Chicago", country: "US" } };
const SHIPMENT = { carrier: "UPS", service: "Ground", trackingNumber: "1ZAB0002", carrierUrl: "https://example.com/t/2" };
/** Another shopper than ORDER's, so an erasure that succeeds leaves the base order as it was. */
const PRIVACY_SUBJECT = { email: "someone-else@example.com", phone: "+13125550111" };
const BRANDING = { name: "Abuse shop", brandColor: "#112233", accentColor: "#445566", logoUrl: null, supportEmail: "help@example.com", supportUrl: "https://example.com", defaultLocale: "en" };

/** Every /api/v1 endpoint, with a valid key, fed hostile bodies, ids and query strings. */
describe("abuse: the merchant REST API", () => {
  let orderId = "";
  let shipmentId = "";
  const authorized = (request: Hostile): Hostile => ({
    ...request,
    path: `/api/v1${request.path}`,
    headers: { authorization: `Bearer ${abuseContext().apiKey}`, "content-type": "application/json", ...request.headers },
  });

  beforeAll(async () => {
    await snapshot();
    const created = await send(authorized({ method: "POST", path: "/orders", body: JSON.stringify(ORDER) }));
    if (created.status !== 201) throw new Error(`Could not create the base order: ${created.status} ${created.text}`);
    const order = JSON.parse(created.text) as { id: string; shipments: { id: string }[] };
    orderId = order.id;
    shipmentId = order.shipments[0]!.id;
  });
  afterAll(async () => {
    flushFigures();
    await closeDatabase();
  });

  const json = (value: unknown) => JSON.stringify(value);

  it("bodies: one field at a time replaced by a hostile value, on every endpoint that takes one", async () => {
    const cases = fc.oneof(
      mutated(ORDER).map((body) => ({ method: "POST", path: "/orders", body: json(body) })),
      mutated(ORDER_UPDATE).map((body) => ({ method: "PATCH", path: `/orders/${orderId}`, body: json(body) })),
      mutated(SHIPMENT).map((body) => ({ method: "POST", path: `/orders/${orderId}/shipments`, body: json(body) })),
      mutated(SHIPMENT).map((body) => ({ method: "PATCH", path: `/shipments/${shipmentId}`, body: json(body) })),
      mutated(BRANDING).map((body) => ({ method: "PATCH", path: "/branding", body: json(body) })),
      mutated({ secret: "a-long-enough-webhook-secret" }).map((body) => ({ method: "PUT", path: "/connections/easypost", body: json(body) })),
      mutated(PRIVACY_SUBJECT).map((body) => ({ method: "POST", path: "/privacy/export", body: json(body) })),
      mutated(PRIVACY_SUBJECT).map((body) => ({ method: "POST", path: "/privacy/erasure", body: json(body) })),
    );
    await runProperty(cases, 300 * RUNS, (request) => probe("api bodies", authorized(request)));
    await expectHealthy();
  });

  it("raw bodies: broken JSON, deep nesting, invalid UTF-8, over the 256 KB limit", async () => {
    const encoder = new TextEncoder();
    const cases = fc.record({
      target: fc.constantFrom(
        { method: "POST", path: "/orders" },
        { method: "PATCH", path: "/orders/{order}" },
        { method: "POST", path: "/orders/{order}/shipments" },
        { method: "PATCH", path: "/shipments/{shipment}" },
        { method: "PATCH", path: "/branding" },
        { method: "PUT", path: "/connections/generic" },
        { method: "POST", path: "/privacy/export" },
        { method: "POST", path: "/privacy/erasure" },
      ),
      body: fc.oneof(rawJsonText.map((text) => encoder.encode(text)), rawBytes, fc.constant(new Uint8Array(300 * 1024).fill(0x20))),
    });
    await runProperty(cases, 100 * RUNS, ({ target, body }) =>
      probe("api raw bodies", authorized({ method: target.method, path: target.path.replace("{order}", orderId).replace("{shipment}", shipmentId), body })),
    );
    await expectHealthy();
  });

  it("ids in URLs and query strings", async () => {
    const id = hostileText.map((text) => encodeURIComponent(text.slice(0, 2_000).toWellFormed()));
    const query = fc.dictionary(fc.constantFrom("status", "delayed", "exception", "createdAfter", "createdBefore", "limit", "cursor", "x"), fc.oneof(hostileText, fc.constantFrom(...EXTREME_DATES)), { maxKeys: 4 });
    const cases = fc.oneof(
      fc.tuple(fc.constantFrom("GET /orders/{id}", "PATCH /orders/{id}", "POST /orders/{id}/shipments", "GET /shipments/{id}", "PATCH /shipments/{id}", "GET /shipments/{id}/subscriptions", "GET /shipments/{id}/notifications", "PUT /connections/{id}"), id).map(([route, value]) => {
        const [method, path] = route.split(" ") as [string, string];
        return { method, path: path.replace("{id}", value), body: method === "GET" ? undefined : json(method === "PUT" ? { secret: "a-long-enough-webhook-secret" } : SHIPMENT) };
      }),
      fc.tuple(fc.constantFrom("/orders", "/shipments", "/connections", "/branding", "/openapi.json"), query).map(([path, params]) => ({
        method: "GET",
        path: `${path}?${new URLSearchParams(Object.fromEntries(Object.entries(params).map(([key, value]) => [key, value.slice(0, 4_000).toWellFormed()]))).toString()}`,
      })),
    );
    await runProperty(cases, 200 * RUNS, (request) => probe("api ids and queries", authorized(request)));
    await expectHealthy();
  });
});
