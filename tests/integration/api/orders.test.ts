import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { resetDatabase } from "../support/reset-database";
import { apiClient, serveApi, type ApiServer } from "../support/serve-api";
import { merchantWithKey, orderBody } from "../support/api-fixtures";

describe("API: orders", () => {
  let server: ApiServer;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveApi();
    api = apiClient(server.url, (await merchantWithKey("orders-shop")).key);
  });
  afterAll(() => server.close());

  it("creates an order with its shipments and answers each token and tracking URL", async () => {
    const response = await api("POST", "/orders", orderBody("A-1", ["1Z0001", "1Z0002"]));
    expect(response.status).toBe(201);
    const order = response.body;
    expect(order).toMatchObject({
      orderNumber: "A-1",
      shopper: { email: "robin@example.com", phone: "+13125550199" },
      destination: { country: "US", city: "Chicago" },
    });
    expect(order.shipments).toHaveLength(2);
    for (const shipment of order.shipments) {
      expect(shipment.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(shipment.trackingUrl).toBe(`http://parcelpage.test/t/${shipment.token}`);
      expect(shipment).toMatchObject({ carrier: "ups", status: "INFO_RECEIVED", orderId: order.id, delayed: false });
    }
  });

  it.each([
    ["missing orderNumber", { ...orderBody("x"), orderNumber: undefined }, "orderNumber"],
    ["empty orderNumber", { ...orderBody("x"), orderNumber: "  " }, "orderNumber"],
    ["missing destination", { ...orderBody("x"), destination: undefined }, "destination"],
    ["three-letter country", { ...orderBody("x"), destination: { country: "USA" } }, "destination.country"],
    ["bad email", { ...orderBody("x"), shopper: { email: "not-an-email" } }, "shopper.email"],
    ["bad placedAt", { ...orderBody("x"), placedAt: "yesterday" }, "placedAt"],
    ["promisedBy as an instant", { ...orderBody("x"), promisedBy: "2026-12-09T10:00:00Z" }, "promisedBy"],
    ["promisedBy not a day of the calendar", { ...orderBody("x"), promisedBy: "2026-02-30" }, "promisedBy"],
    ["promisedBy in year 9999", { ...orderBody("x"), promisedBy: "9999-12-31" }, "promisedBy"],
    ["promisedBy before 2000", { ...orderBody("x"), promisedBy: "1999-12-31" }, "promisedBy"],
    ["promisedBy a number", { ...orderBody("x"), promisedBy: 20261209 }, "promisedBy"],
    ["tracking number with a slash (spaces and dashes are fine)", orderBody("x", ["1Z/0001"]), "shipments.0.trackingNumber"],
    ["missing carrier", { ...orderBody("x"), shipments: [{ trackingNumber: "ABC" }] }, "shipments.0.carrier"],
    ["carrierUrl not http(s)", { ...orderBody("x"), shipments: [{ carrier: "ups", trackingNumber: "ABC", carrierUrl: "javascript:alert(1)" }] }, "shipments.0.carrierUrl"],
    ["more than 20 shipments", orderBody("x", Array.from({ length: 21 }, (_, i) => `T${i}`)), "shipments"],
    ["orderNumber not a string", { ...orderBody("x"), orderNumber: 42 }, "orderNumber"],
    ["a JSON array", [], ""],
  ])("answers 422 validation_failed for %s", async (_label, body, path) => {
    const response = await api("POST", "/orders", body);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("validation_failed");
    expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it.each([
    ["malformed JSON", "{not json"],
    ["an empty body", ""],
  ])("answers 400 invalid_payload for %s", async (_label, raw) => {
    const response = await api("POST", "/orders", raw);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_payload");
  });

  it("answers 413 for a body over 256 KB", async () => {
    const response = await api("POST", "/orders", { ...orderBody("big"), padding: "x".repeat(300_000) });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe("payload_too_large");
  });

  it("answers 409 for a second order with the same number", async () => {
    expect((await api("POST", "/orders", orderBody("DUP-1", ["DUPA"]))).status).toBe(201);
    const again = await api("POST", "/orders", orderBody("DUP-1", ["DUPB"]));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
  });

  it("replays the first answer for a retry with the same Idempotency-Key and body", async () => {
    const headers = { "Idempotency-Key": "order-idem-1" };
    const first = await api("POST", "/orders", orderBody("IDEM-1"), headers);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    // Same JSON with other key order and spacing is the same request.
    const reordered = JSON.stringify({ shipments: orderBody("IDEM-1").shipments, destination: orderBody("IDEM-1").destination, shopper: orderBody("IDEM-1").shopper, orderNumber: "IDEM-1" }, null, 2);
    const retry = await api("POST", "/orders", reordered, headers);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
    expect(await db.order.count({ where: { orderNumber: "IDEM-1" } })).toBe(1);
  });

  it("answers 409 for the same Idempotency-Key with a different body", async () => {
    const headers = { "Idempotency-Key": "order-idem-2" };
    expect((await api("POST", "/orders", orderBody("IDEM-2"), headers)).status).toBe(201);
    const other = await api("POST", "/orders", orderBody("IDEM-3"), headers);
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(/different request/);
    expect(await db.order.count({ where: { orderNumber: "IDEM-3" } })).toBe(0);
  });

  it("replays a validation failure too, and rejects an unusable Idempotency-Key", async () => {
    const headers = { "Idempotency-Key": "order-idem-bad" };
    const body = { ...orderBody("x"), destination: { country: "USA" } };
    expect((await api("POST", "/orders", body, headers)).status).toBe(422);
    const retry = await api("POST", "/orders", body, headers);
    expect(retry.status).toBe(422);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const tooLong = await api("POST", "/orders", orderBody("IDEM-LONG"), { "Idempotency-Key": "k".repeat(256) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe("bad_request");
  });

  it("keeps Idempotency-Keys per merchant", async () => {
    const other = apiClient(server.url, (await merchantWithKey("orders-other")).key);
    const headers = { "Idempotency-Key": "shared-key" };
    expect((await api("POST", "/orders", orderBody("SHARED-1", ["SHAREDA"]), headers)).status).toBe(201);
    const theirs = await other("POST", "/orders", orderBody("SHARED-2", ["SHAREDB"]), headers);
    expect(theirs.status).toBe(201);
    expect(theirs.body.orderNumber).toBe("SHARED-2");
  });

  it("keeps the shop's promised date (promisedBy) and answers it as a calendar date; without one it is null", async () => {
    const promisedBy = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const created = await api("POST", "/orders", { ...orderBody("PROMISED-1"), promisedBy });
    expect(created.status).toBe(201);
    expect(created.body.promisedBy).toBe(promisedBy);
    expect((await api("GET", `/orders/${created.body.id}`)).body.promisedBy).toBe(promisedBy);
    expect((await api("POST", "/orders", orderBody("PROMISED-2"))).body.promisedBy).toBeNull();
  });

  it("gets one order and answers 404 for an unknown id", async () => {
    const created = (await api("POST", "/orders", orderBody("GET-1"))).body;
    const response = await api("GET", `/orders/${created.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(created);
    const missing = await api("GET", "/orders/does-not-exist");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
  });

  it("updates shopper contact and destination, and validates the update", async () => {
    const created = (await api("POST", "/orders", orderBody("UPD-1"))).body;
    const response = await api("PATCH", `/orders/${created.id}`, { shopper: { phone: "+13125550100", email: null }, destination: { city: "Evanston" } });
    expect(response.status).toBe(200);
    expect(response.body.shopper).toMatchObject({ phone: "+13125550100", email: null, name: "Robin Shopper" });
    expect(response.body.destination).toMatchObject({ city: "Evanston", region: "IL" });
    for (const body of [{}, { shopper: { email: "nope" } }, { destination: { country: "XYZ" } }, { orderNumber: "renamed" }]) {
      const invalid = await api("PATCH", `/orders/${created.id}`, body);
      expect(invalid.status, JSON.stringify(body)).toBe(422);
      expect(invalid.body.error.code).toBe("validation_failed");
    }
    expect((await api("PATCH", "/orders/nope", { destination: { city: "X" } })).status).toBe(404);
  });

  it("adds a shipment to an order, idempotently, and refuses duplicates and bad input", async () => {
    const created = (await api("POST", "/orders", orderBody("ADD-1"))).body;
    const headers = { "Idempotency-Key": "add-1" };
    const added = await api("POST", `/orders/${created.id}/shipments`, { carrier: "USPS", trackingNumber: "9400ADD1" }, headers);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ orderId: created.id, carrier: "usps", trackingNumber: "9400ADD1" });
    expect(added.body.trackingUrl).toContain(added.body.token);
    const retry = await api("POST", `/orders/${created.id}/shipments`, { carrier: "USPS", trackingNumber: "9400ADD1" }, headers);
    expect(retry.body).toEqual(added.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect((await api("POST", `/orders/${created.id}/shipments`, { carrier: "USPS", trackingNumber: "OTHER" }, headers)).status).toBe(409);
    expect((await api("POST", `/orders/${created.id}/shipments`, { carrier: "USPS", trackingNumber: "9400ADD1" })).status).toBe(409);
    const invalid = await api("POST", `/orders/${created.id}/shipments`, { carrier: "", trackingNumber: "x/y" });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(["carrier", "trackingNumber"]));
    expect((await api("POST", "/orders/nope/shipments", { carrier: "ups", trackingNumber: "NEW1" })).status).toBe(404);
    expect((await api("GET", `/orders/${created.id}`)).body.shipments).toHaveLength(2);
  });

  it("lists orders newest first with cursor pagination and a created range", async () => {
    const fresh = apiClient(server.url, (await merchantWithKey("orders-pages")).key);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await fresh("POST", "/orders", orderBody(`P-${i}`))).body.id);
    const first = await fresh("GET", "/orders?limit=2");
    expect(first.body.data.map((o: { orderNumber: string }) => o.orderNumber)).toEqual(["P-4", "P-3"]);
    const second = await fresh("GET", `/orders?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((o: { orderNumber: string }) => o.orderNumber)).toEqual(["P-2", "P-1"]);
    const third = await fresh("GET", `/orders?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.data.map((o: { orderNumber: string }) => o.orderNumber)).toEqual(["P-0"]);
    expect(third.body.nextCursor).toBeNull();
    const future = await fresh("GET", `/orders?createdAfter=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(future.body.data).toEqual([]);
    const past = await fresh("GET", `/orders?createdBefore=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(past.body.data).toHaveLength(5);
    expect(ids).toHaveLength(5);
  });

  it.each([
    ["limit=0"], ["limit=101"], ["limit=abc"], ["status=LOST"], ["delayed=yes"], ["exception=1"], ["createdAfter=tuesday"], ["cursor=garbage"],
  ])("answers 422 for the list query %s", async (query) => {
    const response = await api("GET", `/orders?${query}`);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("validation_failed");
  });
});
