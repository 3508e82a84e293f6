import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SHIPMENT_STATUSES, type ShipmentStatus } from "../../../lib/carriers/status";
import type { NormalizedEvent } from "../../../lib/carriers/types";
import { foldEvents, type ShipmentProgress } from "../../../lib/shipments/fold-events";

const fresh: ShipmentProgress = { status: "INFO_RECEIVED", statusDetail: null, statusAt: null, lastEventAt: null, shippedAt: null, deliveredAt: null };

const at = (iso: string, status: ShipmentStatus, detailCode: string | null = null): NormalizedEvent => ({
  status,
  detailCode,
  rawStatus: status.toLowerCase(),
  description: status,
  location: null,
  occurredAt: new Date(iso),
  utcOffsetMinutes: null,
  providerEventId: null,
});

describe("foldEvents: status only moves forward", () => {
  it("follows the newest event and records shipped and delivered times", () => {
    const result = foldEvents(fresh, [
      at("2026-11-20T10:00:00Z", "INFO_RECEIVED"),
      at("2026-11-21T08:00:00Z", "IN_TRANSIT", "picked_up"),
      at("2026-11-23T07:00:00Z", "OUT_FOR_DELIVERY"),
      at("2026-11-23T15:30:00Z", "DELIVERED", "front_door"),
    ]);
    expect(result).toEqual({
      status: "DELIVERED",
      statusDetail: "front_door",
      statusAt: new Date("2026-11-23T15:30:00Z"),
      lastEventAt: new Date("2026-11-23T15:30:00Z"),
      shippedAt: new Date("2026-11-21T08:00:00Z"),
      deliveredAt: new Date("2026-11-23T15:30:00Z"),
    });
  });

  it("keeps a delivered parcel delivered when an older in-transit scan arrives late", () => {
    const delivered = foldEvents(fresh, [at("2026-11-23T15:30:00Z", "DELIVERED")]);
    const after = foldEvents(delivered, [at("2026-11-22T09:00:00Z", "IN_TRANSIT")]);
    expect(after.status).toBe("DELIVERED");
    expect(after.shippedAt).toEqual(new Date("2026-11-22T09:00:00Z"));
  });

  it("ignores a late event that is older than the one that set the status", () => {
    const outForDelivery = foldEvents(fresh, [at("2026-11-23T07:00:00Z", "OUT_FOR_DELIVERY")]);
    expect(foldEvents(outForDelivery, [at("2026-11-22T09:00:00Z", "IN_TRANSIT")]).status).toBe("OUT_FOR_DELIVERY");
  });

  it("lets a newer in-transit scan clear an exception", () => {
    const exception = foldEvents(fresh, [at("2026-11-22T09:00:00Z", "EXCEPTION", "weather_delay")]);
    expect(foldEvents(exception, [at("2026-11-23T09:00:00Z", "IN_TRANSIT")])).toMatchObject({ status: "IN_TRANSIT", statusDetail: null });
  });

  it("never lets UNKNOWN replace a known status", () => {
    const inTransit = foldEvents(fresh, [at("2026-11-22T09:00:00Z", "IN_TRANSIT")]);
    expect(foldEvents(inTransit, [at("2026-11-23T09:00:00Z", "UNKNOWN")]).status).toBe("IN_TRANSIT");
  });

  it("never goes back to 'label created' once scanned", () => {
    const inTransit = foldEvents(fresh, [at("2026-11-22T09:00:00Z", "IN_TRANSIT")]);
    expect(foldEvents(inTransit, [at("2026-11-23T09:00:00Z", "INFO_RECEIVED")]).status).toBe("IN_TRANSIT");
  });

  const arbitraryEvent = fc
    .record({ minute: fc.integer({ min: 0, max: 10_000 }), status: fc.constantFrom(...SHIPMENT_STATUSES) })
    .map(({ minute, status }) => at(new Date(Date.UTC(2026, 10, 1) + minute * 60_000).toISOString(), status));

  it("is idempotent: re-applying the same events changes nothing (property)", () => {
    fc.assert(
      fc.property(fc.array(arbitraryEvent, { maxLength: 12 }), (events) => {
        const once = foldEvents(fresh, events);
        expect(foldEvents(once, events)).toEqual(once);
      }),
    );
  });

  it("gives the same result whatever order a batch arrives in (property)", () => {
    // Distinct times: events at the same instant have no order of their own to recover.
    const distinctTimes = fc.uniqueArray(arbitraryEvent, { maxLength: 12, selector: (event) => event.occurredAt.getTime() });
    fc.assert(
      fc.property(distinctTimes, (events) => {
        expect(foldEvents(fresh, [...events].reverse())).toEqual(foldEvents(fresh, events));
      }),
    );
  });

  it("never leaves a terminal state, whatever arrives after (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom<ShipmentStatus>("DELIVERED", "RETURNED_TO_SENDER", "CANCELLED"), fc.array(arbitraryEvent, { maxLength: 8 }), (terminal, later) => {
        const ended = foldEvents(fresh, [at("2026-11-01T00:00:00Z", terminal)]);
        const after = foldEvents(ended, later);
        expect(["DELIVERED", "RETURNED_TO_SENDER", "CANCELLED"]).toContain(after.status);
      }),
    );
  });
});
