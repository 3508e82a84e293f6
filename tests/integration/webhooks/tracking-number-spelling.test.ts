import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { setShopConnection } from "../../../lib/shops/set-shop-connection";
import { getPublicTrackingView } from "../../../lib/tracking/public-view";
import { createApiKey } from "../../../lib/merchants/create-api-key";
import { resetDatabase } from "../support/reset-database";
import { eventsOf, merchantWithConnections, SECRETS } from "../support/demo-merchant";
import { serveShops, SHOPIFY_SECRET, shopifyHeaders, type ShopServer } from "../support/serve-shops";
import { serveWebhooks, type WebhookServer } from "../support/serve-webhooks";
import { serveApi, type ApiServer } from "../support/serve-api";
import { signAfterShip, signEasyPost } from "../support/webhook-signing";

const shopFixture = (name: string) => readFileSync(`tests/fixtures/shops/${name}`, "utf8");
const carrierFixture = (name: string) => readFileSync(`tests/fixtures/carriers/${name}`, "utf8");

/**
 * One parcel, three spellings: Shopify's sample fulfillment says "1z827wk74630", carriers say
 * "1Z827WK74630", a merchant types "1Z 827 WK7 4630". All are the same shipment (lib/shipments/tracking-number.ts).
 */
describe("a tracking number matches whatever case and spacing it arrives in", () => {
  let shops: ShopServer;
  let webhooks: WebhookServer;
  let api: ApiServer;
  let merchantId: string;
  let key: string;

  beforeAll(async () => {
    await resetDatabase();
    [shops, webhooks, api] = await Promise.all([serveShops(), serveWebhooks(), serveApi()]);
    merchantId = (await merchantWithConnections("northwind")).id;
    key = (await createApiKey(merchantId, { name: "tests" })).key;
    await setShopConnection(merchantId, "shopify", { shopDomain: "northwind.myshopify.com", secret: SHOPIFY_SECRET });
  });
  afterAll(() => Promise.all([shops.close(), webhooks.close(), api.close()]));

  const postShop = (body: string, topic: string) =>
    fetch(`${shops.url}/api/shops/shopify/northwind`, { method: "POST", body, headers: shopifyHeaders(body, topic) });
  const postCarrier = (provider: string, body: string, headers: Record<string, string>) =>
    fetch(`${webhooks.url}/api/webhooks/${provider}/northwind`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
  const callApi = (method: string, path: string, body?: unknown) =>
    fetch(`${api.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const shipments = () => db.shipment.findMany({ where: { merchantId }, select: { id: true, carrier: true, trackingNumber: true, status: true }, orderBy: { createdAt: "asc" } });

  it("Shopify's fulfillment for 1z827wk74630 stores the shipment as 1Z827WK74630", async () => {
    expect((await postShop(shopFixture("shopify-orders-create.json"), "orders/create")).status).toBe(200);
    expect((await postShop(shopFixture("shopify-fulfillments-create.json"), "fulfillments/create")).status).toBe(200);
    expect(await shipments()).toEqual([expect.objectContaining({ carrier: "ups", trackingNumber: "1Z827WK74630", status: "INFO_RECEIVED" })]);
  });

  it("an EasyPost tracker for 1Z827WK74630 updates that shipment (not unmatched, no second shipment)", async () => {
    const body = carrierFixture("easypost-tracker-updated-event-ups-delivered.json").replaceAll("EZ4000000004", "1Z827WK74630");
    const response = await postCarrier("easypost", body, { "X-Hmac-Signature": signEasyPost(body, SECRETS.easypost) });
    expect(response.status).toBe(202);
    const { deliveryId } = (await response.json()) as { deliveryId: string };
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { outcome: true } })).toEqual({ outcome: "PROCESSED" });
    const [shipment, ...others] = await shipments();
    expect(others).toEqual([]);
    expect(shipment).toMatchObject({ trackingNumber: "1Z827WK74630", status: "DELIVERED" });
    expect((await eventsOf(shipment!.id)).length).toBeGreaterThan(0);
  });

  it("an AfterShip update spelt '1z827wk74630' (lower case) lands on the same shipment", async () => {
    const body = carrierFixture("aftership-tracking-update-2026-07-trimmed.json")
      .replaceAll('"0000000000000000"', '"1z827wk74630"')
      .replaceAll('"usps"', '"ups"');
    const before = (await eventsOf((await shipments())[0]!.id)).length;
    const response = await postCarrier("aftership", body, { "aftership-hmac-sha256": signAfterShip(body, SECRETS.aftership) });
    expect(response.status).toBe(202);
    const { deliveryId } = (await response.json()) as { deliveryId: string };
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { outcome: true } })).toEqual({ outcome: "PROCESSED" });
    expect(await shipments()).toHaveLength(1);
    expect((await eventsOf((await shipments())[0]!.id)).length).toBe(before + 1);
  });

  it("the track link finds it by any spelling and shows the stored one", async () => {
    for (const spelling of ["1Z827WK74630", "1z827wk74630", "1Z 827 WK7 4630", "1z-827-wk7-4630"]) {
      const view = await getPublicTrackingView("northwind", spelling);
      expect(view?.shipment.trackingNumber, spelling).toBe("1Z827WK74630");
    }
    expect(await getPublicTrackingView("northwind", "1Z827WK7463")).toBeNull();
  });

  it("API: a number sent with spaces and lower case is stored and answered normalized; the same number in another case is a 409", async () => {
    const created = await callApi("POST", "/orders", {
      orderNumber: "API-1",
      destination: { country: "US" },
      shipments: [{ carrier: "UPS", trackingNumber: " 1z 999 aa1 0123456784 " }],
    });
    expect(created.status).toBe(201);
    const order = (await created.json()) as { id: string; shipments: { trackingNumber: string }[] };
    expect(order.shipments.map((s) => s.trackingNumber)).toEqual(["1Z999AA10123456784"]);

    const again = await callApi("POST", `/orders/${order.id}/shipments`, { carrier: "ups", trackingNumber: "1Z999aa1-0123456784" });
    expect(again.status).toBe(409);
    const duplicateOrder = await callApi("POST", "/orders", { orderNumber: "API-2", destination: { country: "US" }, shipments: [{ carrier: "UPS", trackingNumber: "1z999aa10123456784" }] });
    expect(duplicateOrder.status).toBe(409);
    expect(await db.shipment.count({ where: { merchantId, trackingNumber: { in: ["1Z999AA10123456784", "1z999aa10123456784"] } } })).toBe(1);
  });

  it("API: PATCH stores the normalized number too", async () => {
    const [shipment] = await db.shipment.findMany({ where: { merchantId, trackingNumber: "1Z999AA10123456784" }, select: { id: true } });
    const response = await callApi("PATCH", `/shipments/${shipment!.id}`, { trackingNumber: "1z999aa1 0123456785" });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { trackingNumber: string }).trackingNumber).toBe("1Z999AA10123456785");
  });

  it("API: hostile tracking numbers are a 422 naming the field, never stored", async () => {
    const cases: [string, string][] = [
      ["1Z\u0000827", "control characters"],
      ["1Z\u0007827", "control characters"],
      ["1Z\t827", "control characters"],
      ["1".repeat(10_000), "at most 64"],
      ["1".repeat(65), "at most 64"],
      ["1Z📦827", "letters and digits"],
      ["1Z/827", "letters and digits"],
      [" - - ", "letters or digits"],
    ];
    for (const [trackingNumber, words] of cases) {
      const response = await callApi("POST", "/orders", { orderNumber: `HOSTILE-${trackingNumber.length}`, destination: { country: "US" }, shipments: [{ carrier: "UPS", trackingNumber }] });
      expect(response.status, JSON.stringify(trackingNumber.slice(0, 20))).toBe(422);
      const { error } = (await response.json()) as { error: { message: string } };
      expect(error.message).toContain("shipments.0.trackingNumber");
      expect(error.message).toContain(words);
    }
    expect(await db.order.count({ where: { merchantId, orderNumber: { startsWith: "HOSTILE" } } })).toBe(0);
  });

  it("carrier webhooks: a tracking number that cannot be one is a 400 naming the field, nothing stored", async () => {
    for (const number of ["1Z📦827", "x".repeat(200)]) {
      const body = carrierFixture("easypost-tracker-updated-event-ups-delivered.json").replaceAll("EZ4000000004", number);
      const response = await postCarrier("easypost", body, { "X-Hmac-Signature": signEasyPost(body, SECRETS.easypost) });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain("tracking_code");
    }
  });
});
