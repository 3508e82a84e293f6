import type { ShipmentStatus } from "../status";
import { table, type MappedStatus } from "../status-lookup";

/** Shippo track `status` values (docs.goshippo.com/docs/tracking/tracking, "Event definitions"). */
const STATUS = table({
  PRE_TRANSIT: "INFO_RECEIVED",
  TRANSIT: "IN_TRANSIT",
  DELIVERED: "DELIVERED",
  // Shippo: "en route to be returned to the sender, or has been returned" — the parcel will not reach the shopper.
  RETURNED: "RETURNED_TO_SENDER",
  FAILURE: "EXCEPTION",
  // Shippo's own "not found in the carrier's system": nothing to map it to, so it stays UNKNOWN.
  UNKNOWN: "UNKNOWN",
});

/**
 * Every documented `substatus.code`. null: the code only describes a step inside the status.
 * The rest carry what the shopper must hear (an attempt, a pickup notice, a delay).
 * "return_to_sender" under TRANSIT means on the way back, so it is an exception until Shippo says RETURNED.
 */
const SUBSTATUS_OVERRIDE: ReadonlyMap<string, ShipmentStatus | null> = new Map<string, ShipmentStatus | null>([
  ["information_received", null],
  ["address_issue", "EXCEPTION"],
  ["contact_carrier", "EXCEPTION"],
  ["delayed", "EXCEPTION"],
  ["delivery_attempted", "DELIVERY_ATTEMPTED"],
  ["delivery_rescheduled", null],
  ["delivery_scheduled", null],
  ["location_inaccessible", "DELIVERY_ATTEMPTED"],
  ["notice_left", "DELIVERY_ATTEMPTED"],
  ["out_for_delivery", "OUT_FOR_DELIVERY"],
  ["package_accepted", null],
  ["package_arrived", null],
  ["package_damaged", "EXCEPTION"],
  ["package_departed", null],
  ["package_forwarded", null],
  ["package_held", "EXCEPTION"],
  ["package_processed", null],
  ["package_processing", null],
  ["pickup_available", "AVAILABLE_FOR_PICKUP"],
  ["reschedule_delivery", "DELIVERY_ATTEMPTED"],
  ["delivered", "DELIVERED"],
  ["return_to_sender", "EXCEPTION"],
  ["package_returned", "RETURNED_TO_SENDER"],
  ["package_unclaimed", "EXCEPTION"],
  ["package_lost", "EXCEPTION"],
  ["package_undeliverable", "EXCEPTION"],
  ["package_disposed", "EXCEPTION"],
  ["other", null],
]);

/**
 * A substatus only sharpens a parcel that is still moving. Under DELIVERED, RETURNED or FAILURE the status
 * decides and the substatus is kept as detail (Shippo's own OpenAPI example pairs DELIVERED with
 * "information_received"; reading that as label-created would be wrong).
 */
const REFINABLE: ReadonlySet<ShipmentStatus> = new Set(["INFO_RECEIVED", "IN_TRANSIT"]);

export function mapShippoStatus(status: string, substatus: string | null): MappedStatus {
  const base = STATUS.get(status.toUpperCase()) ?? "UNKNOWN";
  const override = substatus === null ? null : (SUBSTATUS_OVERRIDE.get(substatus.toLowerCase()) ?? null);
  return { status: override && REFINABLE.has(base) ? override : base, detailCode: substatus };
}
