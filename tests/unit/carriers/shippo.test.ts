import { describe, expect, it } from "vitest";
import { shippoAdapter } from "@/lib/carriers/shippo/adapter";
import { orderNumberFromMetadata } from "@/lib/carriers/shippo/order-number";
import { clone, delivery, expectInvalidPayload, fixtureJson, fixtureText, hmac } from "./support";

const FIXTURE = "shippo-track-updated-openapi-example.json";
const SECRET = "shippo-connection-token-7f3a";
const NOW = new Date("2026-03-01T12:00:00Z");
const T = Math.floor(NOW.getTime() / 1000);

type Track = { event?: string; test?: boolean; data: Record<string, unknown> & { tracking_history: Array<Record<string, unknown>> } };

function track(): Track {
  return clone(fixtureJson(FIXTURE)) as Track;
}

describe("Shippo verify", () => {
  const body = fixtureText(FIXTURE);

  it("accepts the connection token from the URL", () => {
    expect(shippoAdapter.verify(delivery(body, {}, `token=${SECRET}`), SECRET, NOW)).toEqual({ ok: true, scheme: "url-token" });
  });

  it("rejects a wrong, truncated or missing token", () => {
    expect(shippoAdapter.verify(delivery(body, {}, "token=guess"), SECRET, NOW).ok).toBe(false);
    expect(shippoAdapter.verify(delivery(body, {}, `token=${SECRET.slice(0, -1)}`), SECRET, NOW).ok).toBe(false);
    expect(shippoAdapter.verify(delivery(body), SECRET, NOW)).toEqual({ ok: false, reason: "missing token and signature" });
  });

  it("accepts a Shippo-Auth-Signature made over \"t.body\" (round trip)", () => {
    const header = `t=${T},v1=${hmac(SECRET, `${T}.${body}`, "hex")}`;
    expect(shippoAdapter.verify(delivery(body, { "Shippo-Auth-Signature": header }), SECRET, NOW)).toEqual({
      ok: true,
      scheme: "hmac-sha256-timestamped",
    });
  });

  it("rejects a signature over another body, or older than 5 minutes, when no token is given", () => {
    const other = `t=${T},v1=${hmac(SECRET, `${T}.${body} `, "hex")}`;
    expect(shippoAdapter.verify(delivery(body, { "Shippo-Auth-Signature": other }), SECRET, NOW).ok).toBe(false);
    const old = T - 301;
    const stale = `t=${old},v1=${hmac(SECRET, `${old}.${body}`, "hex")}`;
    expect(shippoAdapter.verify(delivery(body, { "Shippo-Auth-Signature": stale }), SECRET, NOW).ok).toBe(false);
  });

  it("passes when either check passes (valid token with a bad header, or the reverse)", () => {
    const good = `t=${T},v1=${hmac(SECRET, `${T}.${body}`, "hex")}`;
    expect(shippoAdapter.verify(delivery(body, { "Shippo-Auth-Signature": "t=1,v1=00" }, `token=${SECRET}`), SECRET, NOW).ok).toBe(true);
    expect(shippoAdapter.verify(delivery(body, { "Shippo-Auth-Signature": good }, "token=wrong"), SECRET, NOW).ok).toBe(true);
  });

  it("refuses everything without a configured secret (an empty token must not match)", () => {
    expect(shippoAdapter.verify(delivery(body, {}, "token="), "", NOW)).toEqual({ ok: false, reason: "no secret configured" });
  });
});

describe("Shippo parse: recorded payload", () => {
  it("reads Shippo's OpenAPI track example", () => {
    const [update, ...rest] = shippoAdapter.parse(fixtureJson(FIXTURE));
    expect(rest).toHaveLength(0);
    expect(update).toMatchObject({
      carrier: "usps",
      trackingNumber: "9205590164917312751089",
      service: "Priority Mail Express",
      status: "DELIVERED",
      detailCode: "information_received",
      orderNumber: "000123",
      carrierUrl: null,
    });
    // No `eta` in the example; original_eta is the carrier's only estimate.
    expect(update.carrierEstimate?.toISOString()).toBe("2021-07-23T00:00:00.000Z");
    expect(update.events).toEqual([
      {
        status: "DELIVERED",
        detailCode: "information_received",
        rawStatus: "DELIVERED",
        description: "Your shipment has been delivered at the destination mailbox.",
        location: { city: "Las Vegas", region: "NV", postalCode: "89101", country: "US" },
        occurredAt: new Date("2016-07-23T00:00:00Z"),
        utcOffsetMinutes: null,
        providerEventId: "<id>",
      },
    ]);
  });

  it("accepts the documented top-level event and test fields", () => {
    const body = { event: "track_updated", test: true, ...track() };
    expect(shippoAdapter.parse(body)).toHaveLength(1);
  });

  it("prefers eta over original_eta", () => {
    const body = track();
    body.data.eta = "2021-07-21T00:00:00Z";
    expect(shippoAdapter.parse(body)[0].carrierEstimate?.toISOString()).toBe("2021-07-21T00:00:00.000Z");
  });

  it("reads a full transit history in order, with an explicit offset when Shippo gives one", () => {
    const body = track();
    body.data.tracking_status = {
      status: "TRANSIT",
      substatus: { code: "out_for_delivery", text: "Out for delivery", action_required: false },
      status_details: "Out for delivery",
      status_date: "2026-02-27T08:10:00-08:00",
      location: { city: "Las Vegas", state: "NV", zip: "89101", country: "US" },
      object_id: "e3",
    };
    body.data.tracking_history = [
      { status: "PRE_TRANSIT", substatus: null, status_details: "Label created", status_date: "2026-02-25T17:00:00Z", location: null, object_id: "e1" },
      { status: "TRANSIT", substatus: { code: "package_departed", text: "Departed" }, status_details: "Departed facility", status_date: "2026-02-26T03:00:00Z", location: { city: "Reno", state: "NV", zip: null, country: "US" }, object_id: "e2" },
      body.data.tracking_status as Record<string, unknown>,
    ];
    const [update] = shippoAdapter.parse(body);
    expect(update.status).toBe("OUT_FOR_DELIVERY");
    expect(update.events.map((event) => [event.status, event.providerEventId, event.utcOffsetMinutes])).toEqual([
      ["INFO_RECEIVED", "e1", null],
      ["IN_TRANSIT", "e2", null],
      ["OUT_FOR_DELIVERY", "e3", -480],
    ]);
    expect(update.events[2].occurredAt.toISOString()).toBe("2026-02-27T16:10:00.000Z");
    expect(update.events[0].location).toBeNull();
  });

  it("handles a track Shippo cannot find yet: no status, no history", () => {
    const body = track();
    body.data.tracking_status = null;
    body.data.tracking_history = [];
    const [update] = shippoAdapter.parse(body);
    expect(update.status).toBe("UNKNOWN");
    expect(update.detailCode).toBeNull();
    expect(update.events).toEqual([]);
  });

  it("uses tracking_status as the only event when the history is empty, and skips scans with no date", () => {
    const body = track();
    body.data.tracking_history = [];
    expect(shippoAdapter.parse(body)[0].events).toHaveLength(1);
    body.data.tracking_history = [{ status: "UNKNOWN", substatus: null, status_details: "Not found", status_date: null, location: null }];
    expect(shippoAdapter.parse(body)[0].events).toEqual([]);
  });

  it("keeps an unknown status as UNKNOWN with the raw code", () => {
    const body = track();
    body.data.tracking_history[0].status = "VANISHED";
    const [update] = shippoAdapter.parse(body);
    expect(update.events[0]).toMatchObject({ status: "UNKNOWN", rawStatus: "VANISHED" });
  });

  it("ignores events that are not tracking updates", () => {
    expect(shippoAdapter.parse({ event: "transaction_created", data: { object_id: "x" } })).toEqual([]);
    expect(shippoAdapter.parse({ event: "batch_purchased", data: {} })).toEqual([]);
  });
});

describe("Shippo parse: invalid shapes", () => {
  it("names the missing tracking number", () => {
    const body = track();
    delete body.data.tracking_number;
    expectInvalidPayload(() => shippoAdapter.parse(body), "body.data.tracking_number");
  });

  it("names a bad status_date in the history", () => {
    const body = track();
    body.data.tracking_history[0].status_date = "23/07/2016";
    expectInvalidPayload(() => shippoAdapter.parse(body), "body.data.tracking_history.0.status_date");
  });

  it("names a missing data object and a non-string event", () => {
    expectInvalidPayload(() => shippoAdapter.parse({ event: "track_updated" }), "body.data");
    expectInvalidPayload(() => shippoAdapter.parse({ event: 7, data: {} }), "body.event");
  });
});

describe("orderNumberFromMetadata", () => {
  it.each([
    ["Order 000123", "000123"],
    ["Order #1042", "1042"],
    ["order number: A-77", "A-77"],
    ["  ORDER 55  ", "55"],
  ])("reads %j as %j", (metadata, expected) => {
    expect(orderNumberFromMetadata(metadata)).toBe(expected);
  });

  it.each([["gift for mum"], ["Order"], ["Orders 12 and 13"], ["customer 123"], [""], [null], [42], [{ order: "1" }]])(
    "gives null for %j rather than guessing",
    (metadata) => {
      expect(orderNumberFromMetadata(metadata)).toBeNull();
    },
  );
});
