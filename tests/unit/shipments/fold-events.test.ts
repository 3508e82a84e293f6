import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SHIPMENT_STATUSES, type ShipmentStatus } from "../../../lib/carriers/status";
import type { NormalizedEvent } from "../../../lib/carriers/types";
import { foldEvents, type ShipmentProgress } from "../../../lib/shipments/fold-events";

const TERMINAL: ShipmentStatus[] = ["DELIVERED", "RETURNED_TO_SENDER", "CANCELLED"];
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

  // Distinct times: events at the same instant have no order of their own to recover.
  const history = fc.uniqueArray(arbitraryEvent, { maxLength: 12, selector: (event) => event.occurredAt.getTime() });
  const byTime = (events: NormalizedEvent[]) => [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());

  /**
   * The rule as ARCHITECTURE.md and lib/carriers/status.ts state it, written from the *set* of events rather than by
   * replaying them: the newest event decides, except that UNKNOWN never replaces a known status, "label created"
   * never follows a scan, and the first terminal state (delivered, returned, cancelled) is never left.
   */
  function reference(events: NormalizedEvent[]): ShipmentProgress {
    if (events.length === 0) return fresh;
    const ordered = byTime(events);
    const firstTerminal = ordered.find((event) => TERMINAL.includes(event.status));
    let decisive: NormalizedEvent;
    if (firstTerminal) {
      decisive = ordered.filter((event) => event.status === firstTerminal.status).at(-1)!;
    } else {
      const known = ordered.filter((event) => event.status !== "UNKNOWN");
      const scanned = known.filter((event) => event.status !== "INFO_RECEIVED");
      decisive = scanned.at(-1) ?? known.at(-1) ?? ordered.at(-1)!;
    }
    const scans = ordered.filter((event) => !["UNKNOWN", "INFO_RECEIVED", "CANCELLED"].includes(event.status));
    return {
      status: decisive.status,
      statusDetail: decisive.detailCode,
      statusAt: decisive.occurredAt,
      lastEventAt: ordered.at(-1)!.occurredAt,
      shippedAt: scans[0]?.occurredAt ?? null,
      deliveredAt: decisive.status === "DELIVERED" ? decisive.occurredAt : null,
    };
  }

  /** Cuts a list into consecutive deliveries at the given (sorted, deduplicated) positions. */
  function split<T>(items: T[], cuts: number[]): T[][] {
    const points = [...new Set(cuts.map((cut) => cut % (items.length + 1)))].sort((a, b) => a - b);
    const parts: T[][] = [];
    let from = 0;
    for (const point of [...points, items.length]) {
      parts.push(items.slice(from, point));
      from = point;
    }
    return parts;
  }

  const withDetails = history.chain((events) =>
    fc.tuple(...events.map((event) => fc.option(fc.constantFrom("front_door", "weather_delay", "picked_up"), { nil: null }).map((detailCode) => ({ ...event, detailCode })))),
  );

  it("matches the stated rule for any batch, in any order it arrives (property)", () => {
    fc.assert(
      fc.property(
        withDetails.chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }))),
        ([events, shuffled]) => {
          expect(foldEvents(fresh, shuffled)).toEqual(reference(events));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("gives the same progress when the history comes as several deliveries, each newer than the last (property)", () => {
    fc.assert(
      fc.property(withDetails, fc.array(fc.nat(), { maxLength: 6 }), (events, cuts) => {
        const deliveries = split(byTime(events), cuts);
        const stepwise = deliveries.reduce((progress, delivery) => foldEvents(progress, delivery), fresh);
        expect(stepwise).toEqual(foldEvents(fresh, events));
        expect(stepwise).toEqual(reference(events));
      }),
      { numRuns: 500 },
    );
  });

  // Status itself may still depend on arrival order across deliveries (a label-created event that arrives before an
  // older scan); making it a function of the set alone is issue 11, item 6, with its own property test there.
  it("keeps first shipped, last event and a reached terminal state whatever the grouping and arrival order (property)", () => {
    fc.assert(
      fc.property(
        history.chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), fc.array(fc.nat(), { maxLength: 6 }))),
        ([events, arrival, cuts]) => {
          let progress = fresh;
          let ended = false;
          for (const delivery of split(arrival, cuts)) {
            progress = foldEvents(progress, delivery);
            if (ended) expect(TERMINAL).toContain(progress.status);
            ended = TERMINAL.includes(progress.status);
          }
          const want = reference(events);
          expect({ shippedAt: progress.shippedAt, lastEventAt: progress.lastEventAt }).toEqual({ shippedAt: want.shippedAt, lastEventAt: want.lastEventAt });
          if (events.some((event) => TERMINAL.includes(event.status))) expect(TERMINAL).toContain(progress.status);
        },
      ),
      { numRuns: 500 },
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
