import { describe, expect, it } from "vitest";
import { easypostAdapter } from "@/lib/carriers/easypost/adapter";
import { AppError } from "@/lib/errors";
import { clone, delivery, expectInvalidPayload, fixtureJson, fixtureText, hmac } from "./support";

const NOW = new Date("2026-01-01T00:00:00Z");
const FEDEX = "easypost-tracker-updated-event-fedex.json";
const UPS = "easypost-tracker-updated-event-ups-delivered.json";
const USPS_TRACKER = "easypost-tracker-object-usps-pre-transit.json";

interface HmacFixture {
  secret: string;
  hmac_signature: string;
}

describe("EasyPost verify", () => {
  const vector = fixtureJson("easypost-webhook-hmac-fixture.json") as HmacFixture;
  const body = fixtureText(FEDEX);

  it("verifies EasyPost's official test vector (secret \"sécret\", NFKD)", () => {
    expect(vector.secret).toBe("s\u00e9cret");
    const result = easypostAdapter.verify(delivery(body, { "X-Hmac-Signature": vector.hmac_signature }), vector.secret, NOW);
    expect(result).toEqual({ ok: true, scheme: "hmac-sha256" });
  });

  it("rejects the vector's signature when one byte of the body changes", () => {
    const changed = body.replace('"tracking_code":"1"', '"tracking_code":"2"');
    expect(changed.length).toBe(body.length);
    expect(changed).not.toBe(body);
    const result = easypostAdapter.verify(delivery(changed, { "X-Hmac-Signature": vector.hmac_signature }), vector.secret, NOW);
    expect(result).toEqual({ ok: false, reason: "signature mismatch" });
  });

  it("needs the NFKD form: the same secret in NFC does not produce EasyPost's signature", () => {
    const nfc = `hmac-sha256-hex=${hmac(vector.secret.normalize("NFC"), body, "hex")}`;
    expect(nfc).not.toBe(vector.hmac_signature);
    expect(`hmac-sha256-hex=${hmac(vector.secret.normalize("NFKD"), body, "hex")}`).toBe(vector.hmac_signature);
  });

  it("rejects a wrong secret, a missing header, a header without the prefix and no secret", () => {
    const headers = { "X-Hmac-Signature": vector.hmac_signature };
    expect(easypostAdapter.verify(delivery(body, headers), "secret", NOW).ok).toBe(false);
    expect(easypostAdapter.verify(delivery(body), vector.secret, NOW)).toEqual({ ok: false, reason: "missing signature header" });
    const bare = vector.hmac_signature.replace("hmac-sha256-hex=", "");
    expect(easypostAdapter.verify(delivery(body, { "X-Hmac-Signature": bare }), vector.secret, NOW)).toEqual({
      ok: false,
      reason: "malformed signature header",
    });
    expect(easypostAdapter.verify(delivery(body, headers), "", NOW)).toEqual({ ok: false, reason: "no secret configured" });
  });
});

describe("EasyPost parse: recorded payloads", () => {
  it("reads the FedEx tracker.updated event", () => {
    const [update, ...rest] = easypostAdapter.parse(fixtureJson(FEDEX));
    expect(rest).toHaveLength(0);
    expect(update).toMatchObject({
      carrier: "fedex",
      trackingNumber: "1",
      service: "FEDEX_GROUND",
      status: "IN_TRANSIT",
      detailCode: "arrived_at_facility",
      orderNumber: null,
      carrierUrl: "https://track.easypost.com/1",
    });
    expect(update.carrierEstimate?.toISOString()).toBe("2024-08-05T00:00:00.000Z");
    expect(update.events).toHaveLength(7);

    const first = update.events[0];
    expect(first).toEqual({
      status: "INFO_RECEIVED",
      detailCode: "label_created",
      rawStatus: "pre_transit",
      description: "Shipment information sent to FedEx",
      location: { city: null, region: null, postalCode: "32837", country: "US" },
      occurredAt: new Date("2024-07-31T15:00:00Z"),
      utcOffsetMinutes: null,
      providerEventId: null,
    });
    const last = update.events[6];
    expect(last.status).toBe("IN_TRANSIT");
    expect(last.detailCode).toBe("arrived_at_facility");
    expect(last.description).toBe("Arrived at FedEx location");
    expect(last.location).toEqual({ city: "EDISON", region: "NJ", postalCode: "08817", country: "US" });
    expect(update.events.map((event) => event.detailCode)).toEqual([
      "label_created",
      "arrived_at_facility",
      "arrived_at_facility",
      "departed_facility",
      "unknown",
      "unknown",
      "arrived_at_facility",
    ]);
  });

  it("keeps EasyPost's fake-Z local times as the wall-clock written, offset unknown", () => {
    const [update] = easypostAdapter.parse(fixtureJson(FEDEX));
    // "2024-08-02T18:35:20Z" at EDISON TWP, NJ is 18:35 local time there, not 18:35 UTC.
    const edison = update.events[5];
    expect(edison.location?.city).toBe("EDISON TWP");
    expect(edison.occurredAt.toISOString()).toBe("2024-08-02T18:35:20.000Z");
    expect(update.events.every((event) => event.utcOffsetMinutes === null)).toBe(true);
  });

  it("reads the UPS delivered example (no status_detail, no description)", () => {
    const [update] = easypostAdapter.parse(fixtureJson(UPS));
    expect(update.carrier).toBe("ups");
    expect(update.trackingNumber).toBe("EZ4000000004");
    expect(update.status).toBe("DELIVERED");
    expect(update.detailCode).toBeNull();
    expect(update.service).toBeNull();
    expect(update.carrierEstimate?.toISOString()).toBe("2014-11-27T00:00:00.000Z");
    expect(update.events).toHaveLength(6);
    expect(update.events.map((event) => event.status)).toEqual([
      "INFO_RECEIVED",
      "IN_TRANSIT",
      "IN_TRANSIT",
      "IN_TRANSIT",
      "OUT_FOR_DELIVERY",
      "DELIVERED",
    ]);
    expect(update.events[0].location).toBeNull();
    expect(update.events[5]).toMatchObject({ description: "DELIVERED", detailCode: null, rawStatus: "delivered" });
    expect(update.events[1].location).toEqual({ city: "SOUTH SAN FRANCISCO", region: "CA", postalCode: null, country: "US" });
  });

  it("reads a bare Tracker object (API response, used for replays)", () => {
    const [update] = easypostAdapter.parse(fixtureJson(USPS_TRACKER));
    expect(update).toMatchObject({
      carrier: "usps",
      trackingNumber: "EZ1000000001",
      service: "First-Class Package Service",
      status: "INFO_RECEIVED",
      detailCode: "status_update",
      carrierUrl: "https://track.easypost.com/djE6dHJrXzkxMzU4NjI3Mjk3MzRkOTZhZDJmOWVkMGYwNTY1YTI3",
    });
    expect(update.carrierEstimate?.toISOString()).toBe("2025-05-09T20:40:17.000Z");
    expect(update.events).toHaveLength(2);
    // Empty description falls back to the message; a location with every part null is no location.
    expect(update.events[0]).toMatchObject({ description: "Pre-Shipment Info Sent to USPS", location: null });
    expect(update.events[1].location).toEqual({ city: "HOUSTON", region: "TX", postalCode: "77063", country: null });
  });

  it("prefers carrier_detail.est_delivery_date_local (a calendar day) for the carrier estimate", () => {
    const body = clone(fixtureJson(FEDEX)) as { result: { carrier_detail: { est_delivery_date_local: string } } };
    body.result.carrier_detail.est_delivery_date_local = "2024-08-06";
    expect(easypostAdapter.parse(body)[0].carrierEstimate?.toISOString()).toBe("2024-08-06T00:00:00.000Z");
  });

  it("takes an explicit order reference when the tracker carries one", () => {
    const body = clone(fixtureJson(FEDEX)) as { result: Record<string, unknown> };
    body.result.options = { print_custom_1: "#1042" };
    expect(easypostAdapter.parse(body)[0].orderNumber).toBe("#1042");
    delete body.result.options;
    body.result.reference = "R-77";
    expect(easypostAdapter.parse(body)[0].orderNumber).toBe("R-77");
    delete body.result.reference;
    body.result.metadata = { order_number: "55" };
    expect(easypostAdapter.parse(body)[0].orderNumber).toBe("55");
  });

  it("accepts tracker.created too, and ignores events that are not about trackers", () => {
    const body = clone(fixtureJson(FEDEX)) as { description: string; result: unknown };
    body.description = "tracker.created";
    expect(easypostAdapter.parse(body)).toHaveLength(1);
    expect(easypostAdapter.parse({ object: "Event", description: "batch.updated", result: { object: "Batch" } })).toEqual([]);
    expect(easypostAdapter.parse({ object: "Event", description: "refund.successful", result: null })).toEqual([]);
  });
});

describe("EasyPost parse: invalid shapes", () => {
  it("names the missing tracking code", () => {
    const body = clone(fixtureJson(FEDEX)) as { result: Record<string, unknown> };
    delete body.result.tracking_code;
    const error = expectInvalidPayload(() => easypostAdapter.parse(body), "body.result.tracking_code");
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "result.tracking_code" })]));
  });

  it("names a scan time that is not a timestamp", () => {
    const body = clone(fixtureJson(FEDEX)) as { result: { tracking_details: Array<Record<string, unknown>> } };
    body.result.tracking_details[2].datetime = "last tuesday";
    expectInvalidPayload(() => easypostAdapter.parse(body), "body.result.tracking_details.2.datetime");
  });

  it("names the object field when it is neither Event nor Tracker, and rejects non-objects", () => {
    expectInvalidPayload(() => easypostAdapter.parse({ object: "Shipment" }), "body.object");
    expectInvalidPayload(() => easypostAdapter.parse([]), "body");
    expectInvalidPayload(() => easypostAdapter.parse(null), "body");
  });

  it("names a tracker event without a result", () => {
    expectInvalidPayload(() => easypostAdapter.parse({ object: "Event", description: "tracker.updated" }), "body.result");
  });

  it("throws only AppError", () => {
    expect(() => easypostAdapter.parse("nope")).toThrow(AppError);
  });
});
