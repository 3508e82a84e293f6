import { describe, expect, it } from "vitest";
import { aftershipAdapter } from "@/lib/carriers/aftership/adapter";
import { clone, delivery, expectInvalidPayload, fixtureJson, fixtureText, hmac } from "./support";

const FIXTURE = "aftership-tracking-update-2026-07-trimmed.json";
const SECRET = "aftership-webhook-secret";
const NOW = new Date("2026-07-01T00:00:00Z");

type Update = { event: string; msg: Record<string, unknown> & { checkpoints: Array<Record<string, unknown>> } };

function update(): Update {
  return clone(fixtureJson(FIXTURE)) as Update;
}

describe("AfterShip verify", () => {
  const body = fixtureText(FIXTURE);

  it("accepts the base64 HMAC-SHA256 of the raw body (round trip)", () => {
    const headers = { "aftership-hmac-sha256": hmac(SECRET, body, "base64") };
    expect(aftershipAdapter.verify(delivery(body, headers), SECRET, NOW)).toEqual({ ok: true, scheme: "hmac-sha256" });
  });

  it("rejects a changed body, a hex signature, another secret and a missing header", () => {
    const headers = { "aftership-hmac-sha256": hmac(SECRET, body, "base64") };
    expect(aftershipAdapter.verify(delivery(body.replace("usps", "upsp"), headers), SECRET, NOW).ok).toBe(false);
    expect(aftershipAdapter.verify(delivery(body, { "aftership-hmac-sha256": hmac(SECRET, body, "hex") }), SECRET, NOW).ok).toBe(false);
    expect(aftershipAdapter.verify(delivery(body, headers), "another", NOW).ok).toBe(false);
    expect(aftershipAdapter.verify(delivery(body), SECRET, NOW)).toEqual({ ok: false, reason: "missing signature header" });
  });
});

describe("AfterShip parse: recorded payload", () => {
  it("reads the 2026-07 tracking_update sample", () => {
    const [result, ...rest] = aftershipAdapter.parse(fixtureJson(FIXTURE));
    expect(rest).toHaveLength(0);
    expect(result).toEqual({
      carrier: "usps",
      trackingNumber: "0000000000000000",
      service: null,
      status: "IN_TRANSIT",
      detailCode: "InTransit_001",
      carrierEstimate: null,
      orderNumber: "string",
      carrierUrl: null,
      events: [
        {
          status: "IN_TRANSIT",
          detailCode: "InTransit_001",
          rawStatus: "InTransit",
          description: "Departed Shipping Partner Facility, USPS Awaiting Item",
          location: null,
          // "2021-01-14T00:52:00" has no offset: the wall-clock is kept, the offset is unknown.
          occurredAt: new Date("2021-01-14T00:52:00Z"),
          utcOffsetMinutes: null,
          providerEventId: null,
        },
      ],
    });
  });

  it("reads a checkpoint offset, location parts and the carrier's estimate", () => {
    const body = update();
    body.msg.courier_estimated_delivery_date = { estimated_delivery_date: "2026-07-03", estimated_delivery_date_min: null };
    body.msg.shipment_type = "Priority Mail";
    body.msg.courier_tracking_link = "https://tools.usps.com/go/TrackConfirmAction?tLabels=1";
    body.msg.checkpoints.push({
      checkpoint_time: "2026-07-01T10:00:00+08:00",
      tag: "OutForDelivery",
      subtag: "OutForDelivery_001",
      message: "Out for delivery",
      city: "Shenzhen",
      state: "Guangdong",
      zip: "518000",
      country_region: "CHN",
    });
    const [result] = aftershipAdapter.parse(body);
    expect(result.carrierEstimate?.toISOString()).toBe("2026-07-03T00:00:00.000Z");
    expect(result.service).toBe("Priority Mail");
    expect(result.carrierUrl).toBe("https://tools.usps.com/go/TrackConfirmAction?tLabels=1");
    expect(result.events).toHaveLength(2);
    expect(result.events[1]).toMatchObject({
      status: "OUT_FOR_DELIVERY",
      detailCode: "OutForDelivery_001",
      occurredAt: new Date("2026-07-01T02:00:00Z"),
      utcOffsetMinutes: 480,
      location: { city: "Shenzhen", region: "Guangdong", postalCode: "518000", country: "CHN" },
    });
  });

  it("falls back to the legacy expected_delivery, country_iso3, and free-text location", () => {
    const body = update();
    body.msg.expected_delivery = "2026-07-05T18:00:00-05:00";
    body.msg.checkpoints[0].country_iso3 = "USA";
    const freeText = { checkpoint_time: "2026-07-02", tag: "InTransit", location: "Memphis Hub" };
    body.msg.checkpoints.push(freeText);
    const [result] = aftershipAdapter.parse(body);
    expect(result.carrierEstimate?.toISOString()).toBe("2026-07-05T23:00:00.000Z");
    expect(result.events[0].location).toEqual({ city: null, region: null, postalCode: null, country: "USA" });
    expect(result.events[1]).toMatchObject({
      status: "IN_TRANSIT",
      detailCode: null,
      description: "InTransit",
      location: { city: "Memphis Hub", region: null, postalCode: null, country: null },
      occurredAt: new Date("2026-07-02T00:00:00Z"),
      utcOffsetMinutes: null,
    });
  });

  it("maps a returned parcel and keeps an unknown tag raw", () => {
    const body = update();
    body.msg.tag = "Exception";
    body.msg.subtag = "Exception_011";
    body.msg.checkpoints[0].tag = "Wormhole";
    body.msg.checkpoints[0].subtag = null;
    const [result] = aftershipAdapter.parse(body);
    expect(result.status).toBe("RETURNED_TO_SENDER");
    expect(result.detailCode).toBe("Exception_011");
    expect(result.events[0]).toMatchObject({ status: "UNKNOWN", rawStatus: "Wormhole", detailCode: null });
  });

  it("uses order_id when there is no order_number, and accepts no checkpoints", () => {
    const body = update();
    delete body.msg.order_number;
    body.msg.order_id = "5001";
    body.msg.checkpoints = [];
    const [result] = aftershipAdapter.parse(body);
    expect(result.orderNumber).toBe("5001");
    expect(result.events).toEqual([]);
  });

  it("ignores events that are not tracking updates", () => {
    expect(aftershipAdapter.parse({ event: "return_update", msg: { anything: true } })).toEqual([]);
  });
});

describe("AfterShip parse: invalid shapes", () => {
  it("names a checkpoint time that is not a timestamp", () => {
    const body = update();
    body.msg.checkpoints[0].checkpoint_time = "14/01/2021 00:52";
    expectInvalidPayload(() => aftershipAdapter.parse(body), "body.msg.checkpoints.0.checkpoint_time");
  });

  it("names the missing slug and a missing event", () => {
    const body = update();
    delete body.msg.slug;
    expectInvalidPayload(() => aftershipAdapter.parse(body), "body.msg.slug");
    expectInvalidPayload(() => aftershipAdapter.parse({ msg: {} }), "body.event");
  });

  it("names a checkpoints field that is not a list", () => {
    const body = update() as unknown as { msg: Record<string, unknown> };
    body.msg.checkpoints = "none";
    expectInvalidPayload(() => aftershipAdapter.parse(body), "body.msg.checkpoints");
  });
});
