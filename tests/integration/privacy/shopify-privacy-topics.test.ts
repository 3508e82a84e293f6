import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { createOrder } from "../../../lib/shipments/create-order";
import { handlePrivacyTopic } from "../../../lib/shops/privacy-topics";
import { resetDatabase } from "../support/reset-database";

const fixture = (name: string): unknown => JSON.parse(readFileSync(`tests/fixtures/shops/${name}`, "utf8"));
/** The store the deliveries come from (verified by the route); Shopify's sample names "{shop}.myshopify.com", a real one this. */
const STORE = "shop-a.myshopify.com";

/** The customer of Shopify's samples (john@example.com, 555-625-1199), with a parcel at each merchant, and a second shopper at A. */
async function seed() {
  await resetDatabase();
  const a = await createMerchant({ slug: "shop-a", name: "Shop A", timeZone: undefined, defaultLocale: undefined });
  const b = await createMerchant({ slug: "shop-b", name: "Shop B", timeZone: undefined, defaultLocale: undefined });
  const destination = { street: "1 Main St", city: "Ottawa", region: "ON", postalCode: "K2P 1L4", country: "US" };
  await createOrder(a.id, { orderNumber: "#1001", shopper: { name: "John Smith", email: "John@Example.com" }, destination, shipments: [{ carrier: "UPS", trackingNumber: "1ZJOHN0001" }] });
  await createOrder(a.id, { orderNumber: "#1002", shopper: { name: "John Smith", phone: "555-625-1199" }, destination, shipments: [] });
  await createOrder(a.id, { orderNumber: "#1003", shopper: { name: "Jane Roe", email: "jane@example.com" }, destination, shipments: [] });
  await createOrder(b.id, { orderNumber: "#1001", shopper: { name: "John Smith", email: "john@example.com" }, destination, shipments: [] });
  return { a: a.id, b: b.id };
}

const shoppersOf = async (merchantId: string) =>
  (await db.order.findMany({ where: { merchantId }, orderBy: { orderNumber: "asc" }, select: { orderNumber: true, shopperName: true, shopperEmail: true, shopperPhone: true, destStreet: true } }));

describe("Shopify's compliance topics (official sample payloads)", () => {
  let ids: { a: string; b: string };
  beforeEach(async () => {
    ids = await seed();
  });

  it("customers/redact erases that customer's orders at this merchant only (by email and by national phone)", async () => {
    await handlePrivacyTopic(ids.a, STORE, "customers/redact", fixture("shopify-customers-redact.json"));
    expect(await shoppersOf(ids.a)).toEqual([
      { orderNumber: "#1001", shopperName: null, shopperEmail: null, shopperPhone: null, destStreet: null },
      { orderNumber: "#1002", shopperName: null, shopperEmail: null, shopperPhone: null, destStreet: null },
      { orderNumber: "#1003", shopperName: "Jane Roe", shopperEmail: "jane@example.com", shopperPhone: null, destStreet: "1 Main St" },
    ]);
    expect((await shoppersOf(ids.b))[0]!.shopperEmail).toBe("john@example.com");
    const audit = await db.auditEntry.findFirstOrThrow({ where: { merchantId: ids.a, action: "privacy_erasure" } });
    expect(audit.detail).toMatchObject({ source: "shopify", ordersErased: 2 });
    expect(JSON.stringify(audit.detail)).not.toMatch(/john|625/i);
  });

  it("shop/redact erases no order the shop did not bring (these came through the API), and logs the request", async () => {
    const before = await shoppersOf(ids.a);
    // Shopify's own sample, whose "{shop}.myshopify.com" is no host name: it names no other store and is honoured for the one it came from.
    await handlePrivacyTopic(ids.a, STORE, "shop/redact", fixture("shopify-shop-redact.json"));
    expect(await shoppersOf(ids.a)).toEqual(before);
    expect((await shoppersOf(ids.b))[0]!.shopperName).toBe("John Smith");
    const audit = await db.auditEntry.findFirstOrThrow({ where: { merchantId: ids.a, action: "privacy_shop_redact" } });
    expect(audit.detail).toMatchObject({ shopId: "954889", ordersErased: 0 });
  });

  it("customers/data_request logs the request with Shopify's id and counts, changes no data", async () => {
    const before = await shoppersOf(ids.a);
    await handlePrivacyTopic(ids.a, STORE, "customers/data_request", fixture("shopify-customers-data-request.json"));
    expect(await shoppersOf(ids.a)).toEqual(before);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { merchantId: ids.a, action: "privacy_data_request" } });
    expect(audit.detail).toMatchObject({ source: "shopify", shopifyRequestId: "9999", orders: 2 });
    expect(JSON.stringify(audit.detail)).not.toMatch(/john|625/i);
  });

  it("refuses payloads that do not fit, naming the field, and touches nothing", async () => {
    const redact = fixture("shopify-customers-redact.json") as Record<string, unknown>;
    await expect(handlePrivacyTopic(ids.a, STORE, "customers/redact", { ...redact, customer: { id: 1, email: null, phone: null } })).rejects.toThrow(/payload\.customer/);
    await expect(handlePrivacyTopic(ids.a, STORE, "customers/redact", { ...redact, shop_id: "x\u0000" })).rejects.toThrow(/payload\.shop_id/);
    await expect(handlePrivacyTopic(ids.a, STORE, "shop/redact", "not an object")).rejects.toThrow(/payload/);
    // A signed shop/redact naming another store than the one it came from is refused.
    await expect(handlePrivacyTopic(ids.a, STORE, "shop/redact", { ...(fixture("shopify-shop-redact.json") as object), shop_domain: "other-store.myshopify.com" })).rejects.toThrow(/payload\.shop_domain/);
    expect((await shoppersOf(ids.a))[0]!.shopperName).toBe("John Smith");
    expect(await db.auditEntry.count({ where: { merchantId: ids.a } })).toBe(0);
  });
});
