import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseShopJson } from "../../../lib/shops/parse-shop-json";
import { reshapeShopifyFulfillment, reshapeShopifyOrder } from "../../../lib/shops/shopify/reshape";
import { reshapeWooOrder } from "../../../lib/shops/woocommerce/reshape";

const now = new Date("2026-12-06T12:00:00Z");
const fixture = (name: string) => parseShopJson(readFileSync(`tests/fixtures/shops/${name}`, "utf8"));

describe("shop payloads reshaped into our order terms (recorded payloads)", () => {
  it("Shopify orders/create: number from name, the buyer, the shipping destination, no street", () => {
    const update = reshapeShopifyOrder(fixture("shopify-orders-create.json"), now);
    expect(update).toMatchObject({
      externalId: "820982911946154508",
      orderNumber: "#9999",
      kind: "order",
      placedAt: new Date("2022-01-01T00:00:00Z"),
      shopper: { name: "John Smith", email: "jon@example.com", phone: "555-555-SHIP" },
      destination: { city: "Shippington", region: "KY", postalCode: "40003", country: "US" },
      parcels: [],
      cancelled: [],
    });
    expect(JSON.stringify(update)).not.toContain("123 Shipping Street");
  });

  it("Shopify order #1001: placed-at from processed_at; its failed fulfillment is not a parcel but a cancellation", () => {
    const update = reshapeShopifyOrder(fixture("shopify-order-1001-rest-with-fulfillment.json"), now);
    expect(update.placedAt).toEqual(new Date("2008-01-10T16:00:00Z"));
    expect(update.parcels).toEqual([]);
    expect(update.cancelled).toEqual([{ carrier: "usps", trackingNumber: "1Z1234512345123456", carrierUrl: expect.stringContaining("usps.com") }]);
  });

  it("Shopify fulfillment: the order number from '#9999.1', every tracking number with its company", () => {
    expect(reshapeShopifyFulfillment(fixture("shopify-fulfillments-create.json"), now)).toMatchObject({
      externalId: "820982911946154508",
      orderNumber: "#9999",
      kind: "fulfillment",
      parcels: [{ carrier: "ups", trackingNumber: "1Z827WK74630" }],
    });
    expect(reshapeShopifyFulfillment(fixture("shopify-fulfillments-create-legacy-2014.json"), now)).toMatchObject({
      externalId: "450789469",
      orderNumber: null,
      parcels: [{ carrier: "ups", trackingNumber: "1Z2345" }],
    });
  });

  it("a placed-at outside the date window (lib/validation/date-window.ts) is left out, not a refused order", () => {
    const order = fixture("shopify-orders-create.json") as Record<string, unknown>;
    order.processed_at = "9999-12-31T00:00:00Z";
    expect(reshapeShopifyOrder(order, now).placedAt).toBeNull();
  });

  it("a tracking number that cannot be one is left out and reported, spaces inside are dropped", () => {
    const update = reshapeShopifyFulfillment({ order_id: 1, name: "#1.1", tracking_company: "FedEx", tracking_numbers: ["7489 2222 1111", "<script>"] }, now);
    expect(update.parcels).toEqual([{ carrier: "fedex", trackingNumber: "748922221111", carrierUrl: null }]);
    expect(update.skipped).toEqual(["<script>"]);
  });

  it("WooCommerce order: number, billing shopper, shipping destination, GMT dates", () => {
    expect(reshapeWooOrder(fixture("woocommerce-order-created.json"), now)).toMatchObject({
      externalId: "727",
      orderNumber: "727",
      placedAt: new Date("2017-03-22T19:28:02Z"),
      sourceUpdatedAt: new Date("2017-03-22T19:28:08Z"),
      shopper: { name: "John Doe", email: "john.doe@example.com", phone: "(555) 555-5555" },
      destination: { city: "San Francisco", region: "CA", postalCode: "94103", country: "US" },
      parcels: [],
    });
  });

  it("WooCommerce tracking meta as PHP sends an index-keyed array (an object)", () => {
    const order = fixture("woocommerce-order-created.json") as { meta_data: unknown[] };
    order.meta_data.push({ key: "_wc_shipment_tracking_items", value: { 0: { tracking_provider: "dhl", tracking_number: "JD014600006281230704", date_shipped: 1783641600 } } });
    expect(reshapeWooOrder(order, now).parcels).toEqual([{ carrier: "dhl", trackingNumber: "JD014600006281230704", carrierUrl: null }]);
  });
});
