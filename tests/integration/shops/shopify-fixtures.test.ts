import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { setShopConnection } from "../../../lib/shops/set-shop-connection";
import { resetDatabase } from "../support/reset-database";
import { serveShops, SHOPIFY_SECRET, shopifyHeaders, type ShopServer } from "../support/serve-shops";

const fixture = (name: string) => readFileSync(`tests/fixtures/shops/${name}`);

/**
 * Every Shopify fixture (tests/fixtures/shops, verbatim from Shopify's docs and repositories) posted to
 * the real endpoint with a real signature over the file's exact bytes, then the database checked.
 */
describe("Shopify webhooks through POST /api/shops/shopify/{merchantSlug}", () => {
  let server: ShopServer;
  let merchantId: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveShops();
    merchantId = (await createMerchant({ slug: "northwind", name: "Northwind", timeZone: undefined, defaultLocale: undefined })).id;
    await setShopConnection(merchantId, "shopify", { shopDomain: "https://Northwind.myshopify.com/", secret: SHOPIFY_SECRET });
  });
  afterAll(() => server.close());

  const post = (body: Buffer | string, headers: Record<string, string>, slug = "northwind") =>
    fetch(`${server.url}/api/shops/shopify/${slug}`, { method: "POST", body: typeof body === "string" ? body : new Uint8Array(body), headers });
  const deliveries = () => db.webhookDelivery.count({ where: { provider: "shopify" } });
  const orderOf = (orderNumber: string) =>
    db.order.findUniqueOrThrow({
      where: { merchantId_orderNumber: { merchantId, orderNumber } },
      select: {
        id: true, shopperName: true, shopperEmail: true, shopperPhone: true, destStreet: true, destCity: true, destRegion: true,
        destPostalCode: true, destCountry: true, placedAt: true,
        shipments: { select: { carrier: true, trackingNumber: true, status: true, carrierUrl: true }, orderBy: { trackingNumber: "asc" } },
      },
    });

  it("orders/create: the order with its shopper, destination and placed-at, once", async () => {
    const body = fixture("shopify-orders-create.json");
    const response = await post(body, shopifyHeaders(body, "orders/create", { webhookId: "order-9999-create" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: true, orderCreated: true, shipmentsAdded: 0 });
    expect(await orderOf("#9999")).toMatchObject({
      shopperName: "John Smith",
      shopperEmail: "jon@example.com",
      shopperPhone: "555-555-SHIP",
      destStreet: null,
      destCity: "Shippington",
      destRegion: "KY",
      destPostalCode: "40003",
      destCountry: "US",
      placedAt: new Date("2022-01-01T00:00:00.000Z"),
      shipments: [],
    });
    // The 18-digit id survives exactly (it does not fit a JavaScript number).
    expect(await db.shopOrder.findMany({ where: { merchantId }, select: { externalId: true } })).toEqual([{ externalId: "820982911946154508" }]);
    const [stored] = await db.webhookDelivery.findMany({ where: { provider: "shopify" }, select: { outcome: true, body: true, externalId: true } });
    expect(stored).toMatchObject({ outcome: "PROCESSED", externalId: "id:order-9999-create", body: body.toString("utf8") });
  });

  it("the same delivery again (same X-Shopify-Webhook-Id) is answered 200 and changes nothing", async () => {
    const before = await deliveries();
    const body = fixture("shopify-orders-create.json");
    const response = await post(body, shopifyHeaders(body, "orders/create", { webhookId: "order-9999-create" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, duplicate: true });
    expect(await deliveries()).toBe(before);
    expect(await db.order.count({ where: { merchantId } })).toBe(1);
  });

  it("fulfillments/create: its tracking number becomes a UPS shipment of order #9999 (matched by the fulfillment's order_id)", async () => {
    const body = fixture("shopify-fulfillments-create.json");
    const response = await post(body, shopifyHeaders(body, "fulfillments/create"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ orderCreated: false, shipmentsAdded: 1 });
    const order = await orderOf("#9999");
    expect(order.shipments).toEqual([
      { carrier: "ups", trackingNumber: "1Z827WK74630", status: "INFO_RECEIVED", carrierUrl: "https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1z827wk74630" },
    ]);
  });

  it("fulfillments/update (Shopify's sample is the same fulfillment) adds nothing: one shipment per parcel", async () => {
    const body = fixture("shopify-fulfillments-update.json");
    const response = await post(body, shopifyHeaders(body, "fulfillments/update"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ shipmentsAdded: 0 });
    expect(await db.shipment.count({ where: { merchantId } })).toBe(1);
  });

  it("orders/updated with the REST order #1001: contact and destination; its failed fulfillment makes no shipment", async () => {
    const body = fixture("shopify-order-1001-rest-with-fulfillment.json");
    const response = await post(body, shopifyHeaders(body, "orders/updated"));
    expect(response.status).toBe(200);
    expect(await orderOf("#1001")).toMatchObject({
      shopperName: "Bob Norman",
      shopperEmail: "bob.norman@mail.example.com",
      shopperPhone: "+557734881234",
      destCity: "Louisville",
      destRegion: "KY",
      destPostalCode: "40202",
      destCountry: "US",
      shipments: [],
    });
  });

  it("the 2014 fulfillment (no name, no company) lands on #1001 by order_id, its carrier read from the UPS link", async () => {
    const body = fixture("shopify-fulfillments-create-legacy-2014.json");
    const response = await post(body, shopifyHeaders(body, "fulfillments/create"));
    expect(response.status).toBe(200);
    expect((await orderOf("#1001")).shipments).toMatchObject([{ carrier: "ups", trackingNumber: "1Z2345", status: "INFO_RECEIVED" }]);
  });

  it("a successful UPS fulfillment (#1001.1) adds its parcel to #1001", async () => {
    const body = fixture("shopify-fulfillment-rest-update-tracking-ups.json");
    const response = await post(body, shopifyHeaders(body, "fulfillments/update"));
    expect(response.status).toBe(200);
    const shipments = (await orderOf("#1001")).shipments;
    expect(shipments.map((shipment) => [shipment.carrier, shipment.trackingNumber])).toEqual([["ups", "1Z001985YW99744790"], ["ups", "1Z2345"]]);
  });

  it("a cancelled fulfillment cancels its shipment (through the ingest pipeline), and a repeat changes nothing", async () => {
    const cancelled = { ...JSON.parse(fixture("shopify-fulfillment-rest-update-tracking-ups.json").toString("utf8")), status: "cancelled", updated_at: "2025-04-03T09:00:00-05:00" };
    const body = JSON.stringify(cancelled);
    const first = await post(body, shopifyHeaders(body, "fulfillments/update"));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ shipmentsCancelled: 1, shipmentsAdded: 0 });
    const shipment = await db.shipment.findFirstOrThrow({ where: { merchantId, trackingNumber: "1Z001985YW99744790" }, select: { id: true, status: true } });
    expect(shipment.status).toBe("CANCELLED");
    expect(await db.trackingEvent.count({ where: { shipmentId: shipment.id } })).toBe(1);
    const again = await post(body, shopifyHeaders(body, "fulfillments/update"));
    expect(await again.json()).toMatchObject({ shipmentsCancelled: 0 });
    expect(await db.trackingEvent.count({ where: { shipmentId: shipment.id } })).toBe(1);
    // The other parcel of the order is untouched.
    expect((await db.shipment.findFirstOrThrow({ where: { merchantId, trackingNumber: "1Z2345" }, select: { status: true } })).status).toBe("INFO_RECEIVED");
  });

  it.each(["customers/data_request", "customers/redact", "shop/redact"])("privacy topic %s is verified, stored and answered 200", async (topic) => {
    const body = fixture(`shopify-${topic.replace("/", "-").replace("_", "-")}.json`);
    const response = await post(body, shopifyHeaders(body, topic));
    expect(response.status).toBe(200);
    const { deliveryId } = (await response.json()) as { deliveryId: string };
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { outcome: true } })).toEqual({ outcome: "PROCESSED" });
  });

  it.each(["customers/redact", "orders/create"])("%s with a bad HMAC is 401 and stores nothing", async (topic) => {
    const before = await deliveries();
    const body = topic === "customers/redact" ? fixture("shopify-customers-redact.json") : fixture("shopify-orders-create.json");
    const tampered = Buffer.from(body);
    tampered[tampered.indexOf("Shippington") >= 0 ? tampered.indexOf("Shippington") : tampered.indexOf("john")] ^= 0x01;
    const response = await post(tampered, shopifyHeaders(body, topic));
    expect(response.status).toBe(401);
    const missing = { ...shopifyHeaders(body, topic) } as Record<string, string>;
    delete missing["X-Shopify-Hmac-Sha256"];
    expect((await post(body, missing)).status).toBe(401);
    expect(await deliveries()).toBe(before);
  });

  it("a delivery signed with the secret but from another shop is refused (403) and stores nothing", async () => {
    const before = await deliveries();
    const body = fixture("shopify-orders-create.json");
    const response = await post(body, shopifyHeaders(body, "orders/create", { shop: "someone-else.myshopify.com" }));
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain("X-Shopify-Shop-Domain");
    expect(await deliveries()).toBe(before);
  });

  it("the official vector's body under an unknown topic is stored and ignored (200)", async () => {
    const vector = JSON.parse(fixture("shopify-webhook-hmac-fixture.json").toString("utf8")) as { raw_body: string };
    const response = await post(vector.raw_body, shopifyHeaders(vector.raw_body, "products/create"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ignored: true });
  });

  it("an unknown merchant is 404 with the same body as a bad signature", async () => {
    const body = fixture("shopify-orders-create.json");
    const unknown = await post(body, shopifyHeaders(body, "orders/create"), "nobody-here");
    expect(unknown.status).toBe(404);
    const badSignature = await post(body, shopifyHeaders(body, "orders/create", { secret: "wrong-secret-0123456789" }));
    expect(await unknown.json()).toEqual(await badSignature.json());
  });

  it("a fulfillment that arrives before its order creates the order from the fulfillment; the order then fills it in", async () => {
    const other = (await createMerchant({ slug: "contoso", name: "Contoso", timeZone: undefined, defaultLocale: undefined })).id;
    await setShopConnection(other, "shopify", { shopDomain: "northwind.myshopify.com", secret: SHOPIFY_SECRET });
    const fulfillment = fixture("shopify-fulfillments-create.json");
    expect((await post(fulfillment, shopifyHeaders(fulfillment, "fulfillments/create"), "contoso")).status).toBe(200);
    const early = await db.order.findUniqueOrThrow({ where: { merchantId_orderNumber: { merchantId: other, orderNumber: "#9999" } }, select: { shopperEmail: true, shopperName: true, destCity: true, shipments: { select: { trackingNumber: true } } } });
    expect(early).toEqual({ shopperEmail: "jon@example.com", shopperName: null, destCity: "Shippington", shipments: [{ trackingNumber: "1Z827WK74630" }] });
    const order = fixture("shopify-orders-create.json");
    expect((await post(order, shopifyHeaders(order, "orders/create"), "contoso")).status).toBe(200);
    const late = await db.order.findMany({ where: { merchantId: other }, select: { shopperName: true, shipments: { select: { trackingNumber: true } } } });
    expect(late).toEqual([{ shopperName: "John Smith", shipments: [{ trackingNumber: "1Z827WK74630" }] }]);
    // Northwind's data is untouched by Contoso's deliveries.
    expect(await db.order.count({ where: { merchantId } })).toBe(2);
  });

  it("an orders/updated older than the one applied does not overwrite the contact (Shopify does not promise order)", async () => {
    const newer = { ...JSON.parse(fixture("shopify-orders-create.json").toString("utf8")), updated_at: "2022-01-02T10:00:00-05:00", email: "new@example.com" };
    const older = { ...newer, updated_at: "2022-01-01T10:00:00-05:00", email: "old@example.com" };
    for (const order of [newer, older]) {
      const body = JSON.stringify(order);
      expect((await post(body, shopifyHeaders(body, "orders/updated"))).status).toBe(200);
    }
    expect((await orderOf("#9999")).shopperEmail).toBe("new@example.com");
  });

  it("orders/create and fulfillments/create for a new order at the same moment: one order, one shipment", async () => {
    const racer = (await createMerchant({ slug: "racer", name: "Racer", timeZone: undefined, defaultLocale: undefined })).id;
    await setShopConnection(racer, "shopify", { shopDomain: "northwind.myshopify.com", secret: SHOPIFY_SECRET });
    const order = fixture("shopify-orders-create.json");
    const fulfillment = fixture("shopify-fulfillments-create.json");
    const answers = await Promise.all([
      post(order, shopifyHeaders(order, "orders/create"), "racer"),
      post(fulfillment, shopifyHeaders(fulfillment, "fulfillments/create"), "racer"),
      post(fulfillment, shopifyHeaders(fulfillment, "fulfillments/update"), "racer"),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const orders = await db.order.findMany({ where: { merchantId: racer }, select: { orderNumber: true, shipments: { select: { trackingNumber: true } } } });
    expect(orders).toEqual([{ orderNumber: "#9999", shipments: [{ trackingNumber: "1Z827WK74630" }] }]);
    expect(await db.webhookDelivery.count({ where: { merchantId: racer, outcome: "PROCESSED" } })).toBe(3);
  });

  it("a body that is not an order is a 400 naming the field, kept as FAILED", async () => {
    const body = JSON.stringify({ id: "not-a-number", name: "#1" });
    const response = await post(body, shopifyHeaders(body, "orders/create"));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^body\.id/);
  });
  it("customers/redact through the endpoint erases that shopper from the order; parcels stay", async () => {
    const order = fixture("shopify-orders-create.json");
    expect((await post(order, shopifyHeaders(order, "orders/updated"))).status).toBe(200);
    const before = await orderOf("#9999");
    expect(before.shopperName).toBe("John Smith");
    const request = JSON.parse(fixture("shopify-customers-redact.json").toString("utf8")) as Record<string, unknown>;
    const body = JSON.stringify({ ...request, shop_domain: "northwind.myshopify.com", customer: { id: 1, email: before.shopperEmail, phone: null } });
    expect((await post(body, shopifyHeaders(body, "customers/redact"))).status).toBe(200);
    const after = await orderOf("#9999");
    expect(after).toMatchObject({ shopperName: null, shopperEmail: null, shopperPhone: null, destCity: before.destCity });
    expect(after.shipments).toEqual(before.shipments);
  });
});
