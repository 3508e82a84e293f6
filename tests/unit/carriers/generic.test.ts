import { describe, expect, it } from "vitest";
import { genericAdapter } from "@/lib/carriers/generic/adapter";
import { clone, expectInvalidPayload } from "./support";

/** The example body from docs/webhooks.md. */
const EXAMPLE = {
  carrier: "UPS",
  trackingNumber: "1Z999AA10123456784",
  service: "UPS Ground",
  orderNumber: "1042",
  carrierEstimate: "2026-12-02",
  carrierUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
  events: [
    {
      id: "evt-1",
      status: "INFO_RECEIVED",
      description: "Shipping label created",
      location: { city: "Atlanta", region: "GA", postalCode: "30301", country: "US" },
      occurredAt: "2026-11-28T09:12:00-05:00",
    },
    {
      id: "evt-2",
      status: "IN_TRANSIT",
      detail: "departed_facility",
      description: "Departed from facility",
      location: { city: "Atlanta", region: "GA", country: "US" },
      occurredAt: "2026-11-29T14:05:00-05:00",
    },
  ],
};

type Body = typeof EXAMPLE & Record<string, unknown>;

function body(): Body {
  return clone(EXAMPLE) as Body;
}

describe("generic parse", () => {
  it("reads the documented example", () => {
    const [update, ...rest] = genericAdapter.parse(body());
    expect(rest).toHaveLength(0);
    expect(update).toMatchObject({
      carrier: "ups",
      trackingNumber: "1Z999AA10123456784",
      service: "UPS Ground",
      status: "IN_TRANSIT",
      detailCode: "departed_facility",
      orderNumber: "1042",
      carrierUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
    });
    expect(update.carrierEstimate?.toISOString()).toBe("2026-12-02T00:00:00.000Z");
    expect(update.events).toEqual([
      {
        status: "INFO_RECEIVED",
        detailCode: null,
        rawStatus: "INFO_RECEIVED",
        description: "Shipping label created",
        location: { city: "Atlanta", region: "GA", postalCode: "30301", country: "US" },
        occurredAt: new Date("2026-11-28T14:12:00Z"),
        utcOffsetMinutes: -300,
        providerEventId: "evt-1",
      },
      {
        status: "IN_TRANSIT",
        detailCode: "departed_facility",
        rawStatus: "IN_TRANSIT",
        description: "Departed from facility",
        location: { city: "Atlanta", region: "GA", postalCode: null, country: "US" },
        occurredAt: new Date("2026-11-29T19:05:00Z"),
        utcOffsetMinutes: -300,
        providerEventId: "evt-2",
      },
    ]);
  });

  it("takes the update's status from the newest event, whatever the array order", () => {
    const reversed = body();
    reversed.events.reverse();
    expect(genericAdapter.parse(reversed)[0].status).toBe("IN_TRANSIT");
  });

  it("compares instants, not wall-clocks, across offsets", () => {
    const b = body();
    // 09:00 in Tokyo on the 30th is 00:00Z on the 30th.
    b.events.push({ status: "OUT_FOR_DELIVERY", description: "Out", occurredAt: "2026-11-30T09:00:00+09:00" } as (typeof b.events)[number]);
    b.events.push({ status: "DELIVERED", description: "Delivered", occurredAt: "2026-11-29T23:00:00-05:00" } as (typeof b.events)[number]);
    // Delivered at 04:00Z on the 30th is after out-for-delivery at 00:00Z, although its wall-clock reads earlier.
    expect(genericAdapter.parse(b)[0].status).toBe("DELIVERED");
  });

  it("accepts the minimal body and nulls for optional fields", () => {
    const [update] = genericAdapter.parse({
      carrier: "dhl",
      trackingNumber: "JD0001",
      service: null,
      events: [{ status: "DELIVERED", description: "Delivered", occurredAt: "2026-11-29T14:05:00Z", location: null }],
    });
    expect(update).toMatchObject({ carrier: "dhl", status: "DELIVERED", service: null, orderNumber: null, carrierEstimate: null });
    expect(update.events[0]).toMatchObject({ utcOffsetMinutes: null, location: null, providerEventId: null });
  });

  it("requires an offset on occurredAt", () => {
    const b = body();
    b.events[1].occurredAt = "2026-11-29T14:05:00";
    const error = expectInvalidPayload(() => genericAdapter.parse(b), "body.events.1.occurredAt");
    expect(error.message).toContain("offset");
  });

  it("names an unknown status", () => {
    const b = body();
    b.events[0].status = "LOST_IN_SPACE";
    expectInvalidPayload(() => genericAdapter.parse(b), "body.events.0.status");
  });

  it("requires 1 to 100 events", () => {
    expectInvalidPayload(() => genericAdapter.parse({ ...body(), events: [] }), "body.events");
    const many = Array.from({ length: 101 }, () => EXAMPLE.events[0]);
    expectInvalidPayload(() => genericAdapter.parse({ ...body(), events: many }), "body.events");
    const hundred = Array.from({ length: 100 }, () => EXAMPLE.events[0]);
    expect(genericAdapter.parse({ ...body(), events: hundred })[0].events).toHaveLength(100);
  });

  it("caps string lengths", () => {
    expectInvalidPayload(() => genericAdapter.parse({ ...body(), trackingNumber: "1".repeat(65) }), "body.trackingNumber");
    const b = body();
    b.events[0].description = "x".repeat(501);
    expectInvalidPayload(() => genericAdapter.parse(b), "body.events.0.description");
  });

  it("rejects blank required text, a non-http carrierUrl and a bad carrierEstimate", () => {
    expectInvalidPayload(() => genericAdapter.parse({ ...body(), carrier: "  " }), "body.carrier");
    expectInvalidPayload(() => genericAdapter.parse({ ...body(), carrierUrl: "javascript:alert(1)" }), "body.carrierUrl");
    expectInvalidPayload(() => genericAdapter.parse({ ...body(), carrierEstimate: "next week" }), "body.carrierEstimate");
    expectInvalidPayload(() => genericAdapter.parse({ ...body(), carrierEstimate: "2026-12-02T10:00:00" }), "body.carrierEstimate");
  });

  it("rejects unknown keys, so a typo does not pass silently", () => {
    const b = body();
    (b.events[0] as Record<string, unknown>).occured_at = "2026-11-28T09:12:00-05:00";
    const error = expectInvalidPayload(() => genericAdapter.parse(b), "body.events.0");
    expect(error.message).toContain("occured_at");
  });

  it("normalizes the carrier code and never lets it become a non-string", () => {
    expect(genericAdapter.parse({ ...body(), carrier: "Fed-Ex" })[0].carrier).toBe("fedex");
    expect(typeof genericAdapter.parse({ ...body(), carrier: "constructor" })[0].carrier).toBe("string");
  });

  it("names the missing trackingNumber and rejects non-objects", () => {
    const b: Record<string, unknown> = body();
    delete b.trackingNumber;
    expectInvalidPayload(() => genericAdapter.parse(b), "body.trackingNumber");
    expectInvalidPayload(() => genericAdapter.parse("hello"), "body");
  });
});
