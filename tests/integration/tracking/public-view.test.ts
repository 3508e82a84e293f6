import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { createOrder } from "../../../lib/shipments/create-order";
import { getPublicTrackingView } from "../../../lib/tracking/public-view";
import { resetDatabase } from "../support/reset-database";

const SHOPPER = { name: "Quinn Hidden", email: "quinn.hidden@example.com", phone: "+13125550177", timeZone: "America/Chicago" };
const STREET = "99 Concealed Avenue";

describe("the public view of one tracking number (/{merchant}/track/{number})", () => {
  let tokens: string[];

  beforeAll(async () => {
    await resetDatabase();
    const merchant = await createMerchant({ slug: "publicview", name: "Public View Co", timeZone: undefined, defaultLocale: undefined });
    const other = await createMerchant({ slug: "otherview", name: "Other Co", timeZone: undefined, defaultLocale: undefined });
    const order = await createOrder(merchant.id, {
      orderNumber: "ORD-SECRET-77",
      shopper: SHOPPER,
      destination: { street: STREET, city: "Chicago", region: "IL", postalCode: "60601", country: "US" },
      shipments: [{ carrier: "UPS", trackingNumber: "1ZPUBLIC01" }, { carrier: "UPS", trackingNumber: "1ZSIBLING2" }],
    });
    tokens = order.shipments.map((s) => s.token);
    await db.trackingEvent.create({
      data: {
        shipmentId: order.shipments[0]!.id, status: "IN_TRANSIT", rawStatus: "I", description: "Departed facility", city: "Hodgkins", region: "IL",
        postalCode: "60525", occurredAt: new Date("2026-12-05T10:00:00Z"), dedupeKey: "e1", source: "test",
      },
    });
    await db.shipment.update({ where: { id: order.shipments[0]!.id }, data: { status: "IN_TRANSIT" } });
    await createOrder(other.id, { orderNumber: "OTHER-1", destination: { country: "US" }, shipments: [{ carrier: "UPS", trackingNumber: "1ZOTHER001" }] });
  });

  it("shows the parcel's status, city-level scans and the merchant's brand", async () => {
    const view = await getPublicTrackingView("publicview", "1ZPUBLIC01");
    expect(view?.merchant.name).toBe("Public View Co");
    expect(view?.shipment.status).toBe("IN_TRANSIT");
    expect(view?.shipment.events.map((e) => [e.city, e.region])).toEqual([["Hodgkins", "IL"]]);
  });

  it("holds nothing more than the carrier shows: no order number, sibling parcel, shopper, street, token or scan postal code", async () => {
    const text = JSON.stringify(await getPublicTrackingView("publicview", "1ZPUBLIC01"));
    for (const secret of ["ORD-SECRET-77", "1ZSIBLING2", SHOPPER.name, SHOPPER.email, SHOPPER.phone, STREET, "60601", "60525", ...tokens]) {
      expect(text).not.toContain(secret);
    }
  });

  it("is unknown for another merchant's number, an unknown number, and malformed input (the same null)", async () => {
    for (const [slug, number] of [["publicview", "1ZOTHER001"], ["otherview", "1ZPUBLIC01"], ["publicview", "1ZNOSUCH99"], ["publicview", "1Z\u0000"], ["publicview", "x".repeat(5000)], ["PublicView", "1ZPUBLIC01"], ["publicview", "1ZPÜBLIC01"]] as const) {
      expect(await getPublicTrackingView(slug, number), `${slug} ${number.slice(0, 20)}`).toBeNull();
    }
  });
});
