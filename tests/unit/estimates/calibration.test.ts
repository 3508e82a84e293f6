import { describe, expect, it } from "vitest";
import { adaptiveLevel, defaultCalibration, recordOutcome, recordPromiseOutcome, recordWindowOutcome } from "@/lib/estimates/calibration";
import { stageForStatus } from "@/lib/estimates/stage";

describe("adaptive quantile level", () => {
  it("steps up on a miss by step·target and down on a hit by step·(1 − target)", () => {
    const state = adaptiveLevel(0.95, 0.9, 0.01);
    expect(recordOutcome(state, false).level).toBeCloseTo(0.9095, 12);
    expect(recordOutcome(state, true).level).toBeCloseTo(0.8995, 12);
  });

  it("settles where the miss rate equals 1 − target: 19 hits and 1 miss leave the level unchanged", () => {
    let state = adaptiveLevel(0.95, 0.9, 0.01);
    for (let i = 0; i < 19; i += 1) state = recordOutcome(state, true);
    state = recordOutcome(state, false);
    expect(state.level).toBeCloseTo(0.9, 12);
    expect(state.outcomes).toBe(20);
  });

  it("stays within its bounds and keeps a recent hit rate even when fixed (step 0)", () => {
    expect(recordOutcome(adaptiveLevel(0.95, 0.98, 0.1, 0.5, 0.99), false).level).toBe(0.99);
    const fixed = recordPromiseOutcome(defaultCalibration(), false);
    expect(fixed.promise.level).toBe(0.96);
    expect(fixed.promise.recentHitRate).toBeCloseTo(0.96 + 0.02 * (0 - 0.96), 12);
  });
});

describe("configured levels", () => {
  it("keeps a level chosen below or above the default bounds: 0.80 stays 0.80 after outcomes at step 0", () => {
    let cal = defaultCalibration({ promise: { level: 0.8, target: 0.8, step: 0 }, window: { level: 0.99, target: 0.99, step: 0 } });
    for (const hit of [true, false, true]) cal = recordPromiseOutcome(recordWindowOutcome(cal, hit), hit);
    expect(cal.promise.level).toBe(0.8);
    expect(cal.window.level).toBe(0.99);
  });
});

describe("stage for a carrier status", () => {
  it("maps the normalized statuses", () => {
    expect(stageForStatus(null)).toBe("ordered");
    expect(stageForStatus("INFO_RECEIVED")).toBe("shipped");
    expect(stageForStatus("IN_TRANSIT")).toBe("in_transit");
    expect(stageForStatus("OUT_FOR_DELIVERY")).toBe("out_for_delivery");
    expect(stageForStatus("DELIVERY_ATTEMPTED")).toBe("exception");
    expect(stageForStatus("DELIVERED")).toBeNull();
  });
});
