import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { resetDatabase } from "../support/reset-database";
import { apiClient, serveApi, type ApiServer } from "../support/serve-api";
import { merchantWithKey } from "../support/api-fixtures";

const EMAIL = "Jo.Private@Example.com";
const PHONE_NATIONAL = "(312) 555-0142";
const PHONE_E164 = "+13125550142";
const NAME = "Jo Private";
const STREET = "42 Hidden Road";

function order(orderNumber: string, trackingNumber: string, shopper: Record<string, string>, street = STREET) {
  return {
    orderNumber,
    shopper,
    destination: { street, city: "Chicago", region: "IL", postalCode: "60601", country: "US" },
    shipments: [{ carrier: "UPS", trackingNumber }],
  };
}

/** Everything a merchant holds, as text: where a shopper's details could still be hiding. */
async function everythingOf(merchantId: string) {
  const tokens = (await db.shipment.findMany({ where: { merchantId }, select: { token: true } })).map((s) => s.token);
  const [orders, subscriptions, outbox, deliveries, idempotency, console, audit] = await Promise.all([
    db.order.findMany({ where: { merchantId } }),
    db.alertSubscription.findMany({ where: { merchantId } }),
    db.outboxMessage.findMany({ where: { subscription: { merchantId } } }),
    db.webhookDelivery.findMany({ where: { merchantId } }),
    db.idempotencyRecord.findMany({ where: { merchantId } }),
    // Console messages carry no merchant: theirs are the ones linking to their parcels.
    db.consoleMessage.findMany({ where: { OR: tokens.map((token) => ({ text: { contains: token } })) } }),
    db.auditEntry.findMany({ where: { merchantId, action: "tracking_link_sent" } }),
  ]);
  return JSON.stringify({ orders, subscriptions, outbox, deliveries, idempotency, console, audit });
}

describe("privacy requests over /api/v1 (erasure and export), one merchant at a time", () => {
  let server: ApiServer;
  let asA: ReturnType<typeof apiClient>;
  let asB: ReturnType<typeof apiClient>;
  let merchantA: string;
  let merchantB: string;
  let orderA: { id: string; shipments: { id: string; token: string }[] };
  let bBefore: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveApi();
    const a = await merchantWithKey("privacy-a");
    const b = await merchantWithKey("privacy-b");
    merchantA = a.merchant.id;
    merchantB = b.merchant.id;
    asA = apiClient(server.url, a.key);
    asB = apiClient(server.url, b.key);
    // A: two orders of the shopper (one found by email, one only by phone written nationally), one of someone else.
    orderA = (await asA("POST", "/orders", order("A-1", "1ZPRIVA001", { name: NAME, email: EMAIL }), { "Idempotency-Key": "a-1" })).body;
    await asA("POST", "/orders", order("A-2", "1ZPRIVA002", { name: NAME, phone: PHONE_NATIONAL }));
    await asA("POST", "/orders", order("A-3", "1ZOTHER003", { name: "Someone Else", email: "else@example.com", phone: "+13125550999" }, "7 Open Street"));
    // B: the same shopper bought there too; B's data must come through A's requests untouched.
    await asB("POST", "/orders", order("B-1", "1ZPRIVB001", { name: NAME, email: EMAIL, phone: PHONE_E164 }), { "Idempotency-Key": "b-1" });

    const subscription = await db.alertSubscription.create({
      data: {
        merchantId: merchantA, orderId: orderA.id, channel: "SMS", address: PHONE_E164, scope: "ALL", status: "ACTIVE",
        locale: "en", consentText: "Texts about order A-1", consentAt: new Date(), consentIp: "203.0.113.7",
      },
    });
    await db.outboxMessage.createMany({
      data: [
        { subscriptionId: subscription.id, shipmentId: orderA.shipments[0]!.id, channel: "SMS", trigger: "SHIPPED", dedupeKey: "s1", status: "SENT", payload: { to: PHONE_E164 }, dueAt: new Date(), content: `Hi ${NAME}, shipped` },
        { subscriptionId: subscription.id, shipmentId: orderA.shipments[0]!.id, channel: "SMS", trigger: "DELIVERED", dedupeKey: "s2", status: "PENDING", payload: {}, dueAt: new Date(), content: "pending" },
      ],
    });
    await db.consoleMessage.create({
      data: { channel: "email", kind: "tracking-link", to: EMAIL.toLowerCase(), subject: "Your parcel", text: `Hi ${NAME}: /t/${orderA.shipments[0]!.token}`, dueAt: new Date(), status: "SENT" },
    });
    // The console log's record of that link, as lib/console/send-tracking-link.ts writes it.
    await db.auditEntry.create({
      data: { merchantId: merchantA, orderId: orderA.id, shipmentId: orderA.shipments[0]!.id, action: "tracking_link_sent", detail: { channel: "email", to: EMAIL.toLowerCase(), transport: "queued" } },
    });
    const body = JSON.stringify({ customer: { email: EMAIL, first_name: "Jo", phone: PHONE_E164 }, shipping_address: { address1: STREET, name: NAME } });
    for (const [merchantId, outcome] of [[merchantA, "PROCESSED"], [merchantA, "RECEIVED"], [merchantB, "PROCESSED"]] as const) {
      await db.webhookDelivery.create({ data: { merchantId, provider: "generic", headers: { "x-test": "1" }, body, signature: "test", outcome } });
    }
    bBefore = await everythingOf(merchantB);
  });
  afterAll(() => server.close());

  it("refuses a request that names nobody, or names them badly, with the field at fault", async () => {
    for (const [body, field] of [[{}, ""], [{ email: "not-an-email" }, "email"], [{ phone: "12\u0000345678" }, "phone"], [{ phone: "123" }, "phone"], [{ email: EMAIL, extra: 1 }, ""]] as const) {
      const response = await asA("POST", "/privacy/erasure", body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error.message).toContain(`body${field ? `.${field}` : ""}`);
    }
    expect((await asA("POST", "/privacy/export", "{")).status).toBe(400);
    expect((await apiClient(server.url, null)("POST", "/privacy/export", { email: EMAIL })).status).toBe(401);
  });

  it("exports everything A holds about the shopper, by email or phone, and nothing of B's", async () => {
    const byEmail = await asA("POST", "/privacy/export", { email: EMAIL.toUpperCase() });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.orders.map((o: { orderNumber: string }) => o.orderNumber)).toEqual(["A-1"]);
    expect(byEmail.body.orders[0].shopperName).toBe(NAME);
    expect(byEmail.body.orders[0].shipments[0].trackingNumber).toBe("1ZPRIVA001");
    expect(byEmail.body.alertSubscriptions).toHaveLength(1);
    expect(byEmail.body.webhookBodies).toHaveLength(2);
    expect(byEmail.body.consoleMessages.map((m: { to: string }) => m.to)).toEqual([EMAIL.toLowerCase()]);

    const byPhone = await asA("POST", "/privacy/export", { phone: "312-555-0142" });
    expect(byPhone.body.orders.map((o: { orderNumber: string }) => o.orderNumber)).toEqual(["A-2"]);
    expect(byPhone.body.alertSubscriptions[0].address).toBe(PHONE_E164);
    expect(JSON.stringify(byPhone.body)).not.toContain("B-1");
    expect(JSON.stringify(byPhone.body)).not.toContain("Someone Else");
  });

  it("erases the shopper from A in one request: orders, subscriptions, messages, raw bodies, replays", async () => {
    const response = await asA("POST", "/privacy/erasure", { email: EMAIL, phone: PHONE_NATIONAL });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ordersErased: 2, subscriptionsEnded: 1, deliveriesScrubbed: 2, replaysDropped: 1 });

    const held = await everythingOf(merchantA);
    for (const trace of [EMAIL, EMAIL.toLowerCase(), PHONE_E164, PHONE_NATIONAL, NAME, STREET, "203.0.113.7"]) expect(held).not.toContain(trace);
    // The other shopper and the parcels (statistics) stay.
    const orders = await db.order.findMany({ where: { merchantId: merchantA }, orderBy: { orderNumber: "asc" }, include: { shipments: true } });
    expect(orders.map((o) => [o.orderNumber, o.shopperName, o.destCity, o.destPostalCode, o.shipments.length])).toEqual([
      ["A-1", null, "Chicago", "60601", 1],
      ["A-2", null, "Chicago", "60601", 1],
      ["A-3", "Someone Else", "Chicago", "60601", 1],
    ]);
    const subscription = await db.alertSubscription.findFirstOrThrow({ where: { merchantId: merchantA } });
    expect([subscription.status, subscription.endReason]).toEqual(["UNSUBSCRIBED", "erasure"]);
    const outbox = await db.outboxMessage.findMany({ where: { subscriptionId: subscription.id }, orderBy: { dedupeKey: "asc" } });
    expect(outbox.map((m) => [m.status, m.content])).toEqual([["SENT", null], ["CANCELLED", null]]);
    // The pending delivery keeps its JSON (it is still to be processed), without the shopper's values.
    const pending = await db.webhookDelivery.findFirstOrThrow({ where: { merchantId: merchantA, outcome: "RECEIVED" } });
    expect(JSON.parse(pending.body).customer.email).toBe("[erased]");
  });

  it("left merchant B's copy of the same shopper exactly as it was", async () => {
    expect(await everythingOf(merchantB)).toBe(bBefore);
    const b = await db.order.findFirstOrThrow({ where: { merchantId: merchantB } });
    expect([b.shopperName, b.shopperEmail, b.shopperPhone]).toEqual([NAME, EMAIL.toLowerCase(), PHONE_E164]);
  });

  it("is idempotent: a second erasure finds nothing and changes nothing", async () => {
    const before = await everythingOf(merchantA);
    const again = await asA("POST", "/privacy/erasure", { email: EMAIL, phone: PHONE_NATIONAL });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ordersErased: 0, subscriptionsEnded: 0, messagesScrubbed: 0, deliveriesScrubbed: 0, replaysDropped: 0 });
    expect(await everythingOf(merchantA)).toBe(before);
    expect((await asA("POST", "/privacy/export", { email: EMAIL })).body.orders).toEqual([]);
  });

  it("logs each request in A's audit log without the personal data", async () => {
    const entries = await db.auditEntry.findMany({ where: { merchantId: merchantA, action: { startsWith: "privacy_" } }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["privacy_export", "privacy_export", "privacy_erasure", "privacy_erasure", "privacy_export"]);
    const text = JSON.stringify(entries);
    for (const trace of ["jo.private", "555", "0142", NAME]) expect(text.toLowerCase()).not.toContain(trace.toLowerCase());
    // The same subject hashes the same, so the log shows both erasures were about one person.
    const [first, second] = entries.filter((e) => e.action === "privacy_erasure").map((e) => (e.detail as { subject: string }).subject);
    expect(first).toBe(second);
    expect(await db.auditEntry.count({ where: { merchantId: merchantB, action: { startsWith: "privacy_" } } })).toBe(0);
  });
});
