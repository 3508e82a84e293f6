import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { createOrder } from "../../../lib/shipments/create-order";
import { setShopConnection } from "../../../lib/shops/set-shop-connection";
import { resetDatabase } from "../support/reset-database";
import { serveShops, SHOPIFY_SECRET, shopifyHeaders, type ShopServer } from "../support/serve-shops";

const fixture = (name: string) => readFileSync(`tests/fixtures/shops/${name}`);
/** Shopify's sample order #9999 (John Smith, jon@example.com) and its fulfillment (one UPS parcel, shipped to Steve Shipper). */
const SHOPIFY_ORDER = fixture("shopify-orders-create.json");
const SHOPIFY_FULFILLMENT = fixture("shopify-fulfillments-create.json");
/** Shopify's sample shop/redact names "{shop}.myshopify.com"; a real one names the store it comes from. */
const shopRedact = (shop: string) => JSON.stringify({ ...JSON.parse(fixture("shopify-shop-redact.json").toString("utf8")), shop_domain: shop });

/** Everything a merchant holds that could carry a shopper's details, as text. */
async function everythingOf(merchantId: string) {
  const tokens = (await db.shipment.findMany({ where: { merchantId }, select: { token: true } })).map((s) => s.token);
  const [orders, subscriptions, outbox, deliveries, idempotency, console, audit] = await Promise.all([
    db.order.findMany({ where: { merchantId }, orderBy: { orderNumber: "asc" } }),
    db.alertSubscription.findMany({ where: { merchantId }, orderBy: { id: "asc" } }),
    db.outboxMessage.findMany({ where: { subscription: { merchantId } }, orderBy: { id: "asc" } }),
    db.webhookDelivery.findMany({ where: { merchantId }, orderBy: { id: "asc" } }),
    db.idempotencyRecord.findMany({ where: { merchantId }, orderBy: { id: "asc" } }),
    db.consoleMessage.findMany({ where: { OR: tokens.map((token) => ({ text: { contains: token } })) }, orderBy: { id: "asc" } }),
    db.auditEntry.findMany({ where: { merchantId }, orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ orders, subscriptions, outbox, deliveries, idempotency, console, audit });
}

/** An SMS subscription with a sent message, and a console tracking link, on the order's first parcel: what erasure must reach. */
async function traces(merchantId: string, orderNumber: string, phone: string, email: string) {
  const order = await db.order.findUniqueOrThrow({
    where: { merchantId_orderNumber: { merchantId, orderNumber } },
    select: { id: true, shipments: { select: { id: true, token: true } } },
  });
  const shipment = order.shipments[0]!;
  const subscription = await db.alertSubscription.create({
    data: { merchantId, orderId: order.id, channel: "SMS", address: phone, scope: "ALL", status: "ACTIVE", locale: "en", consentText: `Texts about ${orderNumber}`, consentAt: new Date(), consentIp: "203.0.113.7" },
  });
  await db.outboxMessage.create({
    data: { subscriptionId: subscription.id, shipmentId: shipment.id, channel: "SMS", trigger: "SHIPPED", dedupeKey: "s1", status: "SENT", payload: { to: phone }, dueAt: new Date(), content: `Your parcel for ${orderNumber} shipped` },
  });
  await db.consoleMessage.create({
    data: { channel: "email", kind: "tracking-link", to: email, subject: "Your parcel", text: `Hi: /t/${shipment.token}`, dueAt: new Date(), status: "SENT" },
  });
  await db.auditEntry.create({
    data: { merchantId, orderId: order.id, shipmentId: shipment.id, action: "tracking_link_sent", detail: { channel: "email", to: email, transport: "queued" } },
  });
  return order.id;
}

describe("Shopify shop/redact over POST /api/shops/shopify/{slug}: only that shop's orders", () => {
  let server: ShopServer;
  let a: string;
  let b: string;
  let bBefore: string;
  let apiOrderBefore: string;
  let shopifyOrderId: string;
  let apiOrderId: string;

  const post = (slug: string, body: Buffer | string, topic: string, shop: string) =>
    fetch(`${server.url}/api/shops/shopify/${slug}`, { method: "POST", body: typeof body === "string" ? body : new Uint8Array(body), headers: shopifyHeaders(body, topic, { shop }) });
  const apiOrderTraces = async () =>
    JSON.stringify(await db.order.findUniqueOrThrow({ where: { id: apiOrderId }, include: { alertSubscriptions: { include: { messages: true } }, shipments: true } }));

  beforeAll(async () => {
    await resetDatabase();
    server = await serveShops();
    a = (await createMerchant({ slug: "redact-a", name: "Redact A", timeZone: undefined, defaultLocale: undefined })).id;
    b = (await createMerchant({ slug: "redact-b", name: "Redact B", timeZone: undefined, defaultLocale: undefined })).id;
    await setShopConnection(a, "shopify", { shopDomain: "redact-a.myshopify.com", secret: SHOPIFY_SECRET });
    await setShopConnection(b, "shopify", { shopDomain: "redact-b.myshopify.com", secret: SHOPIFY_SECRET });
    // Both merchants: Shopify's order #1001 through their shop, and an order of their own through the API.
    for (const [slug, merchantId] of [["redact-a", a], ["redact-b", b]] as const) {
      expect((await post(slug, SHOPIFY_ORDER, "orders/create", `${slug}.myshopify.com`)).status).toBe(200);
      expect((await post(slug, SHOPIFY_FULFILLMENT, "fulfillments/create", `${slug}.myshopify.com`)).status).toBe(200);
      await createOrder(merchantId, {
        orderNumber: "API-1",
        shopper: { name: "Ada Direct", email: "ada@direct.example", phone: "+13125550111" },
        destination: { street: "9 Own Road", city: "Chicago", region: "IL", postalCode: "60601", country: "US" },
        shipments: [{ carrier: "UPS", trackingNumber: `1ZAPI${slug === "redact-a" ? "A" : "B"}0001` }],
      });
    }
    shopifyOrderId = await traces(a, "#9999", "+15025559999", "jon@example.com");
    apiOrderId = await traces(a, "API-1", "+13125550111", "ada@direct.example");
    await traces(b, "#9999", "+15025559999", "jon@example.com");
    await traces(b, "API-1", "+13125550111", "ada@direct.example");
    bBefore = await everythingOf(b);
    apiOrderBefore = await apiOrderTraces();

    const redact = await post("redact-a", shopRedact("redact-a.myshopify.com"), "shop/redact", "redact-a.myshopify.com");
    expect(redact.status).toBe(200);
  });
  afterAll(() => server.close());

  it("erases the Shopify order's shopper, subscription, messages and raw bodies", async () => {
    const order = await db.order.findUniqueOrThrow({ where: { id: shopifyOrderId }, select: { shopperName: true, shopperEmail: true, shopperPhone: true, destStreet: true, destCity: true } });
    expect(order).toEqual({ shopperName: null, shopperEmail: null, shopperPhone: null, destStreet: null, destCity: "Shippington" });
    const subscription = await db.alertSubscription.findFirstOrThrow({ where: { orderId: shopifyOrderId } });
    expect(subscription).toMatchObject({ status: "UNSUBSCRIBED", endReason: "erasure", consentIp: null });
    expect(subscription.address).toBe(`erased:${subscription.id}`);
    const everything = await everythingOf(a);
    expect(everything).not.toMatch(/jon@example|John Smith|Steve|555-555-SHIP|5025559999/i);
    // The shop's order and fulfillment deliveries lose their bodies (the shop/redact itself, still being processed then, names only the shop); the parcel stays.
    const shopDeliveries = await db.webhookDelivery.findMany({ where: { merchantId: a, provider: "shopify" }, select: { body: true, headers: true }, orderBy: { receivedAt: "asc" } });
    expect(shopDeliveries.map((delivery) => delivery.body === "")).toEqual([true, true, false]);
    expect(await db.shipment.count({ where: { orderId: shopifyOrderId } })).toBe(1);
  });

  it("leaves the order the merchant created through the API exactly as it was", async () => {
    expect(await apiOrderTraces()).toBe(apiOrderBefore);
    expect(await everythingOf(a)).toMatch(/ada@direct\.example/);
  });

  it("leaves another merchant unchanged byte for byte (its copy of the same Shopify order included)", async () => {
    expect(await everythingOf(b)).toBe(bBefore);
  });

  it("records counts and Shopify's shop id in the audit log, never a contact", async () => {
    const audit = await db.auditEntry.findFirstOrThrow({ where: { merchantId: a, action: "privacy_shop_redact" } });
    expect(audit.detail).toEqual({ source: "shopify", platform: "shopify", shopDomain: "redact-a.myshopify.com", shopId: "954889", ordersErased: 1, subscriptionsEnded: 1, messagesScrubbed: 3, deliveriesScrubbed: 2, replaysDropped: 0 });
  });
});

describe("shop/redact for a merchant who switched Shopify stores: only the orders of the store it names", () => {
  let server: ShopServer;
  let merchantId: string;
  const OLD = "old-store.myshopify.com";
  const NEW = "new-store.myshopify.com";
  /** Shopify's sample order as another order of another store: its own id, number, shopper and parcel. */
  const otherOrder = SHOPIFY_ORDER.toString("utf8")
    .replaceAll("820982911946154508", "820982911946154999")
    .replace('"#9999"', '"#2001"')
    .replaceAll("jon@example.com", "nia@new-store.example")
    .replaceAll("John", "Nia");
  const post = (body: Buffer | string, topic: string, shop: string) =>
    fetch(`${server.url}/api/shops/shopify/switcher`, { method: "POST", body: typeof body === "string" ? body : new Uint8Array(body), headers: shopifyHeaders(body, topic, { shop }) });
  const shopperOf = (orderNumber: string) =>
    db.order.findUniqueOrThrow({ where: { merchantId_orderNumber: { merchantId, orderNumber } }, select: { shopperName: true, shopperEmail: true } });

  beforeAll(async () => {
    await resetDatabase();
    server = await serveShops();
    merchantId = (await createMerchant({ slug: "switcher", name: "Switcher", timeZone: undefined, defaultLocale: undefined })).id;
    await setShopConnection(merchantId, "shopify", { shopDomain: OLD, secret: SHOPIFY_SECRET });
    expect((await post(SHOPIFY_ORDER, "orders/create", OLD)).status).toBe(200);
    // The merchant moves to a new store: the connection now names it, and its orders come in.
    await setShopConnection(merchantId, "shopify", { shopDomain: NEW, secret: SHOPIFY_SECRET });
    expect((await post(otherOrder, "orders/create", NEW)).status).toBe(200);
  });
  afterAll(() => server.close());

  it("records on each link the store the order came from", async () => {
    const links = await db.shopOrder.findMany({ where: { merchantId }, select: { shopDomain: true, externalId: true, order: { select: { orderNumber: true } } }, orderBy: { externalId: "asc" } });
    expect(links).toEqual([
      { shopDomain: OLD, externalId: "820982911946154508", order: { orderNumber: "#9999" } },
      { shopDomain: NEW, externalId: "820982911946154999", order: { orderNumber: "#2001" } },
    ]);
  });

  it("refuses a shop/redact whose signed body names another store than the one it came from, and erases nothing", async () => {
    const refused = await post(shopRedact(OLD), "shop/redact", NEW);
    expect(refused.status).toBe(422);
    expect(await shopperOf("#9999")).toMatchObject({ shopperEmail: "jon@example.com" });
    expect(await shopperOf("#2001")).toMatchObject({ shopperEmail: "nia@new-store.example" });
  });

  it("the new store's shop/redact erases the new store's orders and leaves the old store's", async () => {
    expect((await post(shopRedact(NEW), "shop/redact", NEW)).status).toBe(200);
    expect(await shopperOf("#2001")).toEqual({ shopperName: null, shopperEmail: null });
    expect(await shopperOf("#9999")).toMatchObject({ shopperEmail: "jon@example.com" });
    // The old store's raw order body is kept too; the new store's is dropped.
    const bodies = await db.webhookDelivery.findMany({ where: { merchantId, provider: "shopify", outcome: "PROCESSED" }, select: { body: true }, orderBy: { receivedAt: "asc" } });
    expect(bodies.map((delivery) => delivery.body.includes("jon@example.com"))).toContain(true);
    expect(bodies.some((delivery) => delivery.body.includes("nia@new-store.example"))).toBe(false);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { merchantId, action: "privacy_shop_redact" } });
    expect(audit.detail).toMatchObject({ shopDomain: NEW, ordersErased: 1 });
  });
});
