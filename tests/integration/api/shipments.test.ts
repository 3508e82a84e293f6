import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetDatabase } from "../support/reset-database";
import { apiClient, serveApi, type ApiServer } from "../support/serve-api";
import { addDelay, addEvent, merchantWithKey, orderBody } from "../support/api-fixtures";

describe("API: shipments", () => {
  let server: ApiServer;
  let api: ReturnType<typeof apiClient>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await resetDatabase();
    server = await serveApi();
    api = apiClient(server.url, (await merchantWithKey("ship-shop")).key);
    for (const name of ["plain", "late", "broken", "moving"]) {
      ids[name] = (await api("POST", "/orders", orderBody(`S-${name}`, [`TRK${name.toUpperCase()}`]))).body.shipments[0].id;
    }
    await addDelay(ids.late!);
    await addEvent(ids.broken!, "EXCEPTION", "address_issue");
    await addEvent(ids.moving!, "IN_TRANSIT", "arrived_at_facility");
  });
  afterAll(() => server.close());

  const numbers = (body: { data: { trackingNumber: string }[] }) => body.data.map((s) => s.trackingNumber).sort();

  it("lists all shipments newest first", async () => {
    const response = await api("GET", "/shipments");
    expect(response.status).toBe(200);
    expect(response.body.data.map((s: { trackingNumber: string }) => s.trackingNumber)).toEqual(["TRKMOVING", "TRKBROKEN", "TRKLATE", "TRKPLAIN"]);
  });

  it("filters by status, delayed and exception", async () => {
    expect(numbers((await api("GET", "/shipments?status=IN_TRANSIT")).body)).toEqual(["TRKMOVING"]);
    expect(numbers((await api("GET", "/shipments?delayed=true")).body)).toEqual(["TRKLATE"]);
    expect(numbers((await api("GET", "/shipments?delayed=false")).body)).toEqual(["TRKBROKEN", "TRKMOVING", "TRKPLAIN"]);
    expect(numbers((await api("GET", "/shipments?exception=true")).body)).toEqual(["TRKBROKEN"]);
    expect(numbers((await api("GET", "/shipments?exception=false&delayed=false")).body)).toEqual(["TRKMOVING", "TRKPLAIN"]);
    const orders = await api("GET", "/orders?exception=true");
    expect(orders.body.data.map((o: { orderNumber: string }) => o.orderNumber)).toEqual(["S-broken"]);
    const delayedOrders = await api("GET", "/orders?delayed=true");
    expect(delayedOrders.body.data[0].shipments[0].delayed).toBe(true);
  });

  it("pages through shipments with a cursor", async () => {
    const first = await api("GET", "/shipments?limit=3");
    expect(first.body.data).toHaveLength(3);
    const second = await api("GET", `/shipments?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((s: { trackingNumber: string }) => s.trackingNumber)).toEqual(["TRKPLAIN"]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("gets one shipment with its timeline and the provider's raw codes", async () => {
    const response = await api("GET", `/shipments/${ids.broken}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: ids.broken, status: "EXCEPTION", orderNumber: "S-broken" });
    expect(response.body.events).toEqual([expect.objectContaining({ status: "EXCEPTION", rawStatus: "address_issue" })]);
    expect((await api("GET", "/shipments/unknown")).status).toBe(404);
  });

  it("updates a shipment and validates the update", async () => {
    const response = await api("PATCH", `/shipments/${ids.plain}`, { service: "Next Day Air", carrierUrl: "https://ups.example/track?n=1" });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ service: "Next Day Air", carrierUrl: "https://ups.example/track?n=1" });
    const cleared = await api("PATCH", `/shipments/${ids.plain}`, { service: null });
    expect(cleared.body.service).toBeNull();
    for (const body of [{}, { trackingNumber: "has/slash" }, { carrierUrl: "ftp://x" }, { status: "DELIVERED" }, { carrier: "" }]) {
      const invalid = await api("PATCH", `/shipments/${ids.plain}`, body);
      expect(invalid.status, JSON.stringify(body)).toBe(422);
    }
    const duplicate = await api("PATCH", `/shipments/${ids.plain}`, { trackingNumber: "TRKLATE" });
    expect(duplicate.status).toBe(409);
    expect((await api("PATCH", "/shipments/unknown", { service: "x" })).status).toBe(404);
  });
});
