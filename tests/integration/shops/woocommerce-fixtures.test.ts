import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { setShopConnection } from "../../../lib/shops/set-shop-connection";
import { resetDatabase } from "../support/reset-database";
import { serveShops, WOO_SECRET, wooHeaders, wpJsonEncode, type ShopServer } from "../support/serve-shops";

const fixture = (name: string) => readFileSync(`tests/fixtures/shops/${name}`);

/**
 * An order with the Shipment Tracking extension's meta. No official body has it (SOURCES.md, "Not found"):
 * the meta entry's shape is inferred from the extension's code, its three items are a predefined slug,
 * a custom provider with its link, and the number of the extension's documented REST item.
 */
function orderWithTracking(): Record<string, unknown> {
  const order = JSON.parse(fixture("woocommerce-order-updated.json").toString("utf8")) as { meta_data: unknown[] };
  const rest = JSON.parse(fixture("woocommerce-shipment-tracking-rest-item.json").toString("utf8")) as { tracking_number: string };
  order.meta_data.push({
    id: 13110,
    key: "_wc_shipment_tracking_items",
    value: [
      { tracking_provider: "royal-mail", custom_tracking_provider: "", custom_tracking_link: "", tracking_number: "RM123456785GB", date_shipped: "1783641600", tracking_id: "a1" },
      { tracking_provider: "", custom_tracking_provider: "Speedy Couriers", custom_tracking_link: "https://speedy.example/track/SP-42", tracking_number: "SP-42", date_shipped: 1783641600, tracking_id: "a2" },
      { tracking_provider: "usps", custom_tracking_provider: "", custom_tracking_link: "", tracking_number: rest.tracking_number, date_shipped: "1783641600", tracking_id: "a3" },
    ],
  });
  return order;
}

describe("WooCommerce webhooks through POST /api/shops/woocommerce/{merchantSlug}", () => {
  let server: ShopServer;
  let merchantId: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveShops();
    merchantId = (await createMerchant({ slug: "northwind", name: "Northwind", timeZone: undefined, defaultLocale: undefined })).id;
    await setShopConnection(merchantId, "woocommerce", { shopDomain: "shop.example.com", secret: WOO_SECRET });
  });
  afterAll(() => server.close());

  const post = (body: Buffer | string, headers: Record<string, string>) =>
    fetch(`${server.url}/api/shops/woocommerce/northwind`, { method: "POST", body: typeof body === "string" ? body : new Uint8Array(body), headers });
  const deliveries = () => db.webhookDelivery.count({ where: { provider: "woocommerce" } });
  const order727 = () =>
    db.order.findUniqueOrThrow({
      where: { merchantId_orderNumber: { merchantId, orderNumber: "727" } },
      select: {
        shopperName: true, shopperEmail: true, shopperPhone: true, destStreet: true, destCity: true, destRegion: true, destPostalCode: true, destCountry: true, placedAt: true,
        shipments: { select: { carrier: true, trackingNumber: true, carrierUrl: true }, orderBy: { trackingNumber: "asc" } },
      },
    });

  it("answers the form-encoded creation ping with 200 and stores nothing", async () => {
    const response = await post("webhook_id=12", { "content-type": "application/x-www-form-urlencoded" });
    expect(response.status).toBe(200);
    expect(await deliveries()).toBe(0);
  });

  it("order.created (the fixture's exact bytes): order 727 with its shopper and destination", async () => {
    const body = fixture("woocommerce-order-created.json");
    const response = await post(body, wooHeaders(body, "order.created"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ orderCreated: true, shipmentsAdded: 0 });
    expect(await order727()).toEqual({
      shopperName: "John Doe",
      shopperEmail: "john.doe@example.com",
      shopperPhone: "(555) 555-5555",
      destStreet: null,
      destCity: "San Francisco",
      destRegion: "CA",
      destPostalCode: "94103",
      destCountry: "US",
      placedAt: new Date("2017-03-22T19:28:02.000Z"),
      shipments: [],
    });
  });

  it("order.updated: the same order, not a second one; the same body again is not stored twice", async () => {
    const body = fixture("woocommerce-order-updated.json");
    expect((await post(body, wooHeaders(body, "order.updated"))).status).toBe(200);
    const before = await deliveries();
    const replay = await post(body, wooHeaders(body, "order.updated"));
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    expect(await deliveries()).toBe(before);
    expect(await db.order.count({ where: { merchantId } })).toBe(1);
  });

  it("Shipment Tracking items become shipments: a slug, a custom provider kept as given, USPS; signed over the \\/-escaped bytes", async () => {
    const body = wpJsonEncode(orderWithTracking());
    expect(body).toContain("https:\\/\\/speedy.example\\/track\\/SP-42");
    const response = await post(body, wooHeaders(body, "order.updated"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ orderCreated: false, shipmentsAdded: 3 });
    expect((await order727()).shipments).toEqual([
      { carrier: "usps", trackingNumber: "9400111899560000000000", carrierUrl: null },
      { carrier: "royal-mail", trackingNumber: "RM123456785GB", carrierUrl: null },
      { carrier: "speedycouriers", trackingNumber: "SP42", carrierUrl: "https://speedy.example/track/SP-42" },
    ]);
    // Sending it again (a new delivery id, the same body) adds nothing.
    expect(await (await post(body, wooHeaders(body, "order.updated"))).json()).toEqual({ received: true, duplicate: true });
    expect(await db.shipment.count({ where: { merchantId } })).toBe(3);
  });

  it("a signature over the unescaped JSON does not verify the escaped bytes (nothing is re-serialized)", async () => {
    const value = orderWithTracking();
    const response = await post(wpJsonEncode(value), wooHeaders(JSON.stringify(value), "order.updated"));
    expect(response.status).toBe(401);
  });

  it("a tampered byte is 401; another shop's source is 403; neither is stored", async () => {
    const before = await deliveries();
    const body = fixture("woocommerce-order-created.json");
    const tampered = Buffer.from(body);
    tampered[tampered.indexOf("San Francisco")] ^= 0x01;
    expect((await post(tampered, wooHeaders(body, "order.created"))).status).toBe(401);
    expect((await post(body, wooHeaders(body, "order.created", { source: "https://evil.example.net/" }))).status).toBe(403);
    const noSource = wooHeaders(body, "order.created") as Record<string, string>;
    delete noSource["X-WC-Webhook-Source"];
    expect((await post(body, noSource)).status).toBe(403);
    expect(await deliveries()).toBe(before);
  });

  it("another topic is stored and ignored with 200", async () => {
    const body = JSON.stringify({ id: 93, name: "Woo Single #1" });
    const response = await post(body, wooHeaders(body, "product.updated"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ignored: true });
  });

  it("a tracking item without a number is a 400 that names it", async () => {
    const order = orderWithTracking();
    (order.meta_data as { key: string; value: unknown }[]).at(-1)!.value = [{ tracking_provider: "usps" }];
    order.id = 728;
    const body = wpJsonEncode(order);
    const response = await post(body, wooHeaders(body, "order.updated"));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain("_wc_shipment_tracking_items.0.tracking_number");
  });
});
