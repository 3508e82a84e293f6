import type { ShipmentStatus } from "../carriers/status";

export const ALERT_TRIGGERS = [
  "CONFIRMATION", "SHIPPED", "OUT_FOR_DELIVERY", "DELIVERED", "DELIVERY_ATTEMPTED", "AVAILABLE_FOR_PICKUP",
  "EXCEPTION", "RETURNED", "DELAY",
] as const;
export type AlertTrigger = (typeof ALERT_TRIGGERS)[number];
export type ShipmentTrigger = Exclude<AlertTrigger, "CONFIRMATION">;
export type AlertScope = "ALL" | "KEY";
export type AlertChannel = "EMAIL" | "SMS";

const STATUS_TRIGGER: Partial<Record<ShipmentStatus, ShipmentTrigger>> = {
  IN_TRANSIT: "SHIPPED",
  OUT_FOR_DELIVERY: "OUT_FOR_DELIVERY",
  DELIVERED: "DELIVERED",
  DELIVERY_ATTEMPTED: "DELIVERY_ATTEMPTED",
  AVAILABLE_FOR_PICKUP: "AVAILABLE_FOR_PICKUP",
  EXCEPTION: "EXCEPTION",
  RETURNED_TO_SENDER: "RETURNED",
};

/** Side states that can happen again with the status unchanged: every new one is news. */
const REPEATABLE: ReadonlySet<ShipmentStatus> = new Set(["EXCEPTION", "DELIVERY_ATTEMPTED"]);

/**
 * What a status change tells the shopper, if anything. "Shipped" is the first scan only (in transit after
 * label-only states); later in-transit scans are not news. An exception or failed attempt is news each
 * time a new event sets it, even when the status stays the same.
 */
export function triggerForChange(previous: ShipmentStatus, current: ShipmentStatus, eventsAdded: number): ShipmentTrigger | null {
  if (eventsAdded === 0 && previous === current) return null;
  if (previous === current) return REPEATABLE.has(current) ? STATUS_TRIGGER[current]! : null;
  if (current === "IN_TRANSIT") return previous === "INFO_RECEIVED" || previous === "UNKNOWN" ? "SHIPPED" : null;
  return STATUS_TRIGGER[current] ?? null;
}

/** "Only out for delivery, delivered and problems": everything but "shipped". */
export function inScope(scope: AlertScope, trigger: AlertTrigger): boolean {
  if (trigger === "CONFIRMATION") return true;
  return scope === "ALL" || trigger !== "SHIPPED";
}

/** Sent even during the shopper's quiet hours (SMS). */
export function isUrgent(trigger: AlertTrigger): boolean {
  return trigger === "DELIVERED" || trigger === "EXCEPTION" || trigger === "CONFIRMATION";
}
