import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { createOrder } from "../../../lib/shipments/create-order";
import { getTrackingVersion, getTrackingView } from "../../../lib/shipments/queries";
import { consume } from "../../../lib/lookup/rate-limit";
import { LOOKUP_LIMITS, lookupOrder } from "../../../lib/lookup/lookup-order";
import { resetDatabase } from "../support/reset-database";

let token = "";
let tokens: string[] = [];
const now = new Date("2026-12-01T12:00:00Z");

beforeAll(async () => {
  await resetDatabase();
  const merchant = await createMerchant({ slug: "lookup-shop", name: "Lookup Shop", timeZone: undefined, defaultLocale: undefined });
  const order = await createOrder(merchant.id, {
    orderNumber: "LS-100",
    shopper: { email: "Shopper@Example.com", phone: "+15035550199", name: "Pat Private" },
    destination: { street: "1 Secret Lane", city: "Chicago", region: "IL", postalCode: "60601-1234", country: "US" },
    shipments: [{ carrier: "ups", trackingNumber: "1ZLOOKUP1" }, { carrier: "usps", trackingNumber: "9400LOOKUP2" }],
  });
  tokens = order.shipments.map((shipment) => shipment.token);
  // The lookup answers with the first parcel's page (any parcel's page shows the whole order).
  token = (await db.shipment.findFirstOrThrow({ where: { orderId: order.id }, orderBy: { createdAt: "asc" }, select: { token: true } })).token;
});

describe("order lookup", () => {
  const form = (orderNumber: string, contact: string) => ({ orderNumber, contact });

  it("finds the order by email (any case) or postal code (any spacing), and gives the first parcel's token", async () => {
    for (const contact of ["shopper@example.COM", "60601 1234"]) {
      const answer = await lookupOrder("lookup-shop", form("ls-100", contact), "192.0.2.1", now);
      expect(answer.ok && tokens.includes(answer.token)).toBe(true);
    }
  });

  it("answers wrong pairs, unknown orders and unknown shops alike", async () => {
    const answers = await Promise.all([
      lookupOrder("lookup-shop", form("LS-100", "someone@example.com"), "192.0.2.2", now),
      lookupOrder("lookup-shop", form("LS-999", "shopper@example.com"), "192.0.2.2", now),
      lookupOrder("no-such-shop", form("LS-100", "60601-1234"), "192.0.2.2", now),
    ]);
    expect(answers).toEqual([
      { ok: false, reason: "no_match" },
      { ok: false, reason: "no_match" },
      { ok: false, reason: "no_match" },
    ]);
  });

  it("limits attempts per order number across addresses, so one order cannot be probed", async () => {
    const results = [];
    for (let attempt = 0; attempt < LOOKUP_LIMITS.perOrder.max + 1; attempt++) {
      results.push(await lookupOrder("lookup-shop", form("LS-PROBE", `9000${attempt}`), `198.51.100.${attempt}`, now));
    }
    expect(results.at(-2)).toEqual({ ok: false, reason: "no_match" });
    expect(results.at(-1)).toEqual({ ok: false, reason: "rate_limited" });
  });

  it("limits attempts per address across order numbers, and the window resets", async () => {
    const ip = "203.0.113.50";
    for (let attempt = 0; attempt < LOOKUP_LIMITS.perIp.max; attempt++) {
      expect((await lookupOrder("lookup-shop", form(`X-${attempt}`, "00000"), ip, now)).ok).toBe(false);
    }
    expect(await lookupOrder("lookup-shop", form("LS-100", "60601-1234"), ip, now)).toEqual({ ok: false, reason: "rate_limited" });
    const later = new Date(now.getTime() + LOOKUP_LIMITS.perIp.windowMs + 1);
    expect((await lookupOrder("lookup-shop", form("LS-100", "60601-1234"), ip, later)).ok).toBe(true);
  });

  it("keeps no raw addresses or order numbers in the counters", async () => {
    const keys = (await db.rateLimitBucket.findMany({ select: { key: true } })).map((row) => row.key).join(" ");
    expect(keys).not.toContain("203.0.113.50");
    expect(keys).not.toContain("LS-");
  });

  it("matches the order number exactly (any case): % and _ are characters, not wildcards", async () => {
    const merchant = await db.merchant.findUniqueOrThrow({ where: { slug: "lookup-shop" }, select: { id: true } });
    await createOrder(merchant.id, {
      orderNumber: "W%_1",
      destination: { postalCode: "10001", country: "US" },
      shipments: [{ carrier: "ups", trackingNumber: "1ZWILDCARD" }],
    });
    // Each of these is its own per-order counter: as patterns they would probe LS-100 past its limit.
    for (const [pattern, address] of [["LS-10_", "192.0.2.31"], ["LS-%", "192.0.2.32"], ["%", "192.0.2.33"], ["_S-100", "192.0.2.34"]] as const) {
      expect(await lookupOrder("lookup-shop", form(pattern, "60601-1234"), address, now), pattern).toEqual({ ok: false, reason: "no_match" });
    }
    expect((await lookupOrder("lookup-shop", form("w%_1", "10001"), "192.0.2.35", now)).ok).toBe(true);
    expect(await lookupOrder("lookup-shop", form("wx_1", "10001"), "192.0.2.36", now)).toEqual({ ok: false, reason: "no_match" });
    expect(await lookupOrder("lookup-shop", form("w%x1", "10001"), "192.0.2.36", now)).toEqual({ ok: false, reason: "no_match" });
  });

  it("counts atomically under concurrency", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => consume({ subject: "burst", max: 5, windowMs: 60_000 }, now)));
    expect(results.filter(Boolean)).toHaveLength(5);
  });
});

describe("tracking view", () => {
  it("holds no street, postal code, shopper contact or internal id", async () => {
    const view = await getTrackingView(token);
    const json = JSON.stringify(view);
    for (const secret of ["1 Secret Lane", "60601", "Shopper@", "shopper@", "+15035550199", "Pat Private"]) expect(json).not.toContain(secret);
    const ids = await db.shipment.findMany({ select: { id: true, orderId: true, merchantId: true } });
    for (const row of ids) for (const id of Object.values(row)) expect(json).not.toContain(id);
    expect(view?.shipments).toHaveLength(2);
    expect(view?.order.destCity).toBe("Chicago");
  });

  it("gives the same nothing for unknown and malformed tokens", async () => {
    expect(await getTrackingView("AAAAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
    expect(await getTrackingView("not a token/../")).toBeNull();
    expect(await getTrackingVersion("x".repeat(500))).toBeNull();
  });

  it("changes its version when a parcel of the order changes", async () => {
    const before = await getTrackingVersion(token);
    expect(before).toBe((await getTrackingView(token))?.version);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await db.shipment.updateMany({ where: { trackingNumber: "9400LOOKUP2" }, data: { statusDetail: "moved" } });
    expect(await getTrackingVersion(token)).not.toBe(before);
  });
});
