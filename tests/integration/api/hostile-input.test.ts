import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { resetDatabase } from "../support/reset-database";
import { apiClient, serveApi, type ApiServer } from "../support/serve-api";
import { merchantWithKey, orderBody } from "../support/api-fixtures";

/** Issue 10, findings 2 and 3 on the REST API: NUL in fields and ids, and far-off dates. */
describe("API: hostile values", () => {
  let server: ApiServer;
  let api: ReturnType<typeof apiClient>;
  let orderId: string;
  let shipmentId: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveApi();
    api = apiClient(server.url, (await merchantWithKey("hostile-api-shop")).key);
    const created = await api("POST", "/orders", orderBody("HA-1", ["1ZHA0001"]));
    orderId = created.body.id;
    shipmentId = created.body.shipments[0].id;
  });
  afterAll(() => server.close());

  const counts = async () => [await db.order.count(), await db.shipment.count(), await db.idempotencyRecord.count()];

  it.each([
    ["orderNumber", { ...orderBody("HA-2"), orderNumber: "HA\u00002" }, "body.orderNumber"],
    ["shopper.name", { ...orderBody("HA-3"), shopper: { name: "Robin\u0000" } }, "body.shopper.name"],
    ["destination.city", { ...orderBody("HA-4"), destination: { country: "US", city: "Chi\u0007cago" } }, "body.destination.city"],
    ["shipments.0.carrier", { ...orderBody("HA-5"), shipments: [{ carrier: "U\u0000PS", trackingNumber: "1ZHA5" }] }, "body.shipments.0.carrier"],
  ])("POST /orders with a control character in %s → 422 naming it, nothing written", async (_field, body, where) => {
    const before = await counts();
    const response = await api("POST", "/orders", body, { "Idempotency-Key": `hostile-${where}` });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toContain(`${where}: must not contain control characters`);
    expect(await counts()).toEqual(before);
  });

  it("PATCH /orders/{id} with a NUL in the shopper's phone → 422", async () => {
    const response = await api("PATCH", `/orders/${orderId}`, { shopper: { phone: "+1312\u0000" } });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toContain("shopper.phone");
  });

  it.each([
    ["9999-12-31T23:59:59Z"],
    ["1999-12-31T23:59:59Z"],
    [new Date(Date.now() + 400 * 86_400_000).toISOString()],
  ])("POST /orders with placedAt %s → 422 at once, nothing written", async (placedAt) => {
    const before = await counts();
    const started = performance.now();
    const response = await api("POST", "/orders", { ...orderBody(`HA-${placedAt}`), placedAt });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(response.status).toBe(422);
    expect(response.body.error.message).toMatch(/placedAt: must be between 2000-01-01 and one year from now/);
    expect(await counts()).toEqual(before);
  });

  it.each([["9999-12-31"], ["0001-01-01"], ["2026-13-01"], ["2026-12-09\u0000"]])("POST /orders with promisedBy %j → 422 naming it, nothing written", async (promisedBy) => {
    const before = await counts();
    const response = await api("POST", "/orders", { ...orderBody(`HP-${promisedBy}`), promisedBy });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toContain("promisedBy");
    expect(await counts()).toEqual(before);
  });

  it("placedAt within the window is still accepted", async () => {
    const response = await api("POST", "/orders", { ...orderBody("HA-OK"), placedAt: new Date(Date.now() - 86_400_000).toISOString() });
    expect(response.status).toBe(201);
  });

  it.each([
    ["GET", "/orders/%00"],
    ["PATCH", "/orders/%00"],
    ["POST", "/orders/%00/shipments"],
    ["GET", "/shipments/%00"],
    ["PATCH", "/shipments/%00"],
    ["GET", "/shipments/%00/subscriptions"],
    ["GET", "/shipments/%00/notifications"],
    ["GET", `/orders/${"x".repeat(65)}`],
    ["GET", "/orders/a%20b"],
  ])("%s %s → 404 without a query", async (method, path) => {
    const body = method === "GET" ? undefined : { carrier: "ups", trackingNumber: "1Z1" };
    const response = await api(method, path, body);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("not_found");
    // Answered before the key is even looked up (the first query of every request): no key, still 404.
    expect((await apiClient(server.url, null)(method, path, body)).status).toBe(404);
  });

  it("a well-formed id of another shape still answers 404 (and a real id 200)", async () => {
    expect((await api("GET", "/orders/not-an-order")).status).toBe(404);
    expect((await api("GET", `/orders/${orderId}`)).status).toBe(200);
    expect((await api("GET", `/shipments/${shipmentId}`)).status).toBe(200);
  });
});
