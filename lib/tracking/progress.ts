import type { ShipmentStatus } from "../carriers/status";

export const MILESTONES = ["ordered", "shipped", "inTransit", "outForDelivery", "delivered"] as const;
export type Milestone = (typeof MILESTONES)[number];
export type SideState = "attempted" | "exception" | "pickup" | "returned" | "cancelled";
export type StepState = "done" | "current" | "upcoming";

export interface ProgressStep {
  /** A main-line milestone, or the side state shown in its place. */
  key: Milestone | SideState;
  state: StepState;
  /** True when this step shows a side state (drawn as a warning, announced as such). */
  side: boolean;
}

export interface Progress {
  /** Index (0-based) of the step the parcel is at. */
  current: number;
  side: SideState | null;
  /** True once the last step is reached and nothing more will happen. */
  finished: boolean;
  steps: ProgressStep[];
}

/** Scans that mean the parcel is in the carrier's hands (not label-only, unknown or cancelled). */
export function countMovingScans(events: readonly { status: ShipmentStatus }[]): number {
  return events.filter((event) => !["INFO_RECEIVED", "UNKNOWN", "CANCELLED"].includes(event.status)).length;
}

/**
 * Where a parcel is on ordered → shipped → in transit → out for delivery → delivered, with side states
 * drawn in place of the step they happen at: an exception in transit, an attempt or a pickup notice
 * instead of "out for delivery", a return instead of "delivered".
 * `movingScans` tells "shipped" (picked up, nothing since) from "in transit" (moving through the network).
 */
export function progressOf(status: ShipmentStatus, movingScans: number): Progress {
  const transitStep = movingScans <= 1 ? 1 : 2;
  const [current, side] = ((): [number, SideState | null] => {
    switch (status) {
      case "INFO_RECEIVED":
      case "UNKNOWN":
        return [movingScans > 0 ? transitStep : 0, null];
      case "IN_TRANSIT":
        return [transitStep, null];
      case "EXCEPTION":
        return [transitStep, "exception"];
      case "OUT_FOR_DELIVERY":
        return [3, null];
      case "DELIVERY_ATTEMPTED":
        return [3, "attempted"];
      case "AVAILABLE_FOR_PICKUP":
        return [3, "pickup"];
      case "DELIVERED":
        return [4, null];
      case "RETURNED_TO_SENDER":
        return [4, "returned"];
      case "CANCELLED":
        return [movingScans === 0 ? 1 : transitStep, "cancelled"];
    }
  })();
  const finished = status === "DELIVERED" || status === "RETURNED_TO_SENDER" || status === "CANCELLED";
  const steps = MILESTONES.map((milestone, index): ProgressStep => {
    const state: StepState = index < current ? "done" : index === current ? "current" : "upcoming";
    if (index === current && side) return { key: side, state, side: true };
    return { key: milestone, state, side: false };
  });
  return { current, side, finished, steps };
}
