import { describe, expect, it } from "vitest";
import { SHIPMENT_STATUSES } from "@/lib/carriers/status";
import { countMovingScans, progressOf } from "@/lib/tracking/progress";

const keys = (status: Parameters<typeof progressOf>[0], scans = 3) => progressOf(status, scans).steps.map((step) => `${step.key}:${step.state}`);

describe("milestone progress", () => {
  it("walks the main line", () => {
    expect(keys("INFO_RECEIVED", 0)).toEqual(["ordered:current", "shipped:upcoming", "inTransit:upcoming", "outForDelivery:upcoming", "delivered:upcoming"]);
    expect(progressOf("IN_TRANSIT", 1).current).toBe(1); // picked up, nothing since: "shipped"
    expect(progressOf("IN_TRANSIT", 2).current).toBe(2);
    expect(progressOf("OUT_FOR_DELIVERY", 3).current).toBe(3);
    expect(keys("DELIVERED")).toEqual(["ordered:done", "shipped:done", "inTransit:done", "outForDelivery:done", "delivered:current"]);
    expect(progressOf("DELIVERED", 3).finished).toBe(true);
  });

  it("draws side states in place of the step they happen at", () => {
    expect(keys("EXCEPTION")).toEqual(["ordered:done", "shipped:done", "exception:current", "outForDelivery:upcoming", "delivered:upcoming"]);
    expect(keys("DELIVERY_ATTEMPTED")).toEqual(["ordered:done", "shipped:done", "inTransit:done", "attempted:current", "delivered:upcoming"]);
    expect(keys("AVAILABLE_FOR_PICKUP")).toEqual(["ordered:done", "shipped:done", "inTransit:done", "pickup:current", "delivered:upcoming"]);
    expect(keys("RETURNED_TO_SENDER")).toEqual(["ordered:done", "shipped:done", "inTransit:done", "outForDelivery:done", "returned:current"]);
    expect(progressOf("CANCELLED", 0)).toMatchObject({ current: 1, side: "cancelled", finished: true });
    expect(progressOf("EXCEPTION", 3).steps.filter((step) => step.side)).toHaveLength(1);
  });

  it("gives every status exactly one current step", () => {
    for (const status of SHIPMENT_STATUSES) {
      for (const scans of [0, 1, 5]) {
        expect(progressOf(status, scans).steps.filter((step) => step.state === "current")).toHaveLength(1);
      }
    }
  });

  it("counts only scans that mean the carrier has the parcel", () => {
    expect(countMovingScans([{ status: "INFO_RECEIVED" }, { status: "IN_TRANSIT" }, { status: "UNKNOWN" }, { status: "EXCEPTION" }])).toBe(2);
  });
});
