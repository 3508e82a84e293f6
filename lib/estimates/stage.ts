/**
 * Which estimate stage a normalized carrier status puts a shipment in. Null means "show no estimate"
 * (delivered, returned, cancelled) or, for UNKNOWN, "keep the stage you had".
 */
import type { ShipmentStatus } from "@/lib/carriers/status";
import type { EstimateStage } from "./types";

const STAGE: Record<ShipmentStatus, EstimateStage | null> = {
  // A label exists: the merchant has handed it over as far as the shopper is concerned.
  INFO_RECEIVED: "shipped",
  IN_TRANSIT: "in_transit",
  OUT_FOR_DELIVERY: "out_for_delivery",
  // At a pickup point the parcel is there today; the shopper decides the rest.
  AVAILABLE_FOR_PICKUP: "out_for_delivery",
  // A failed attempt is a problem to widen for, not a same-day promise.
  DELIVERY_ATTEMPTED: "exception",
  EXCEPTION: "exception",
  DELIVERED: null,
  RETURNED_TO_SENDER: null,
  CANCELLED: null,
  UNKNOWN: null,
};

/** The stage for a status; `ordered` before any carrier event (pass null). */
export function stageForStatus(status: ShipmentStatus | null): EstimateStage | null {
  if (status === null) return "ordered";
  return STAGE[status];
}
