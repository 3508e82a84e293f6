import { table, type MappedStatus } from "../status-lookup";

/** The nine AfterShip delivery statuses (`tag`), aftership.com/docs/tracking/2026-07/enum/delivery-statuses. */
const TAG = table({
  // "pending to track, or no tracking information yet": the merchant has a label, the carrier has said nothing.
  Pending: "INFO_RECEIVED",
  InfoReceived: "INFO_RECEIVED",
  InTransit: "IN_TRANSIT",
  OutForDelivery: "OUT_FOR_DELIVERY",
  AttemptFail: "DELIVERY_ATTEMPTED",
  Delivered: "DELIVERED",
  AvailableForPickup: "AVAILABLE_FOR_PICKUP",
  Exception: "EXCEPTION",
  // No update for 30 days: the parcel needs someone's attention, which is what EXCEPTION means to us.
  Expired: "EXCEPTION",
});

/**
 * Documented sub-statuses (`subtag`), aftership.com/docs/tracking/2026-07/enum/delivery-sub-statuses plus the
 * ones added on 2026-03-27 (Exception_016…021). Listed in full so the table reads against the docs; a subtag
 * not listed here falls back to its tag. Only two differ from their tag: Exception_011 (back with the sender)
 * and Exception_020 (voided/cancelled). Exception_010 "returning to sender" is still an exception: the
 * parcel has not arrived back yet and a terminal status could not be left if the carrier re-routes it.
 */
const SUBTAG = table({
  Pending_001: "INFO_RECEIVED",
  InfoReceived_001: "INFO_RECEIVED",
  InTransit_001: "IN_TRANSIT", // in transit
  InTransit_002: "IN_TRANSIT", // acceptance scan
  InTransit_003: "IN_TRANSIT", // arrival scan
  InTransit_004: "IN_TRANSIT", // arrived at the destination country
  InTransit_005: "IN_TRANSIT", // customs clearance completed
  InTransit_006: "IN_TRANSIT", // customs clearance started
  InTransit_007: "IN_TRANSIT", // departure scan
  InTransit_008: "IN_TRANSIT", // problem resolved
  InTransit_009: "IN_TRANSIT", // forwarded to a different delivery address
  OutForDelivery_001: "OUT_FOR_DELIVERY",
  OutForDelivery_003: "OUT_FOR_DELIVERY", // customer contacted
  OutForDelivery_004: "OUT_FOR_DELIVERY", // delivery appointment scheduled
  AttemptFail_001: "DELIVERY_ATTEMPTED",
  AttemptFail_002: "DELIVERY_ATTEMPTED", // addressee not available
  AttemptFail_003: "DELIVERY_ATTEMPTED", // business closed
  Delivered_001: "DELIVERED",
  Delivered_002: "DELIVERED", // picked up by the customer
  Delivered_003: "DELIVERED", // signed by customer
  Delivered_004: "DELIVERED", // cash on delivery collected
  Delivered_005: "DELIVERED", // delivered to neighbor
  AvailableForPickup_001: "AVAILABLE_FOR_PICKUP",
  Exception_001: "EXCEPTION",
  Exception_002: "EXCEPTION", // customer moved
  Exception_003: "EXCEPTION", // customer refused delivery
  Exception_004: "EXCEPTION", // delayed (customs clearance)
  Exception_005: "EXCEPTION", // delayed (external factors)
  Exception_006: "EXCEPTION", // held for payment
  Exception_007: "EXCEPTION", // incorrect address
  Exception_008: "EXCEPTION", // pick up missed
  Exception_009: "EXCEPTION", // rejected by carrier
  Exception_010: "EXCEPTION", // returning to sender
  Exception_011: "RETURNED_TO_SENDER", // returned to sender
  Exception_012: "EXCEPTION", // shipment damage
  Exception_013: "EXCEPTION", // shipment lost
  Exception_016: "EXCEPTION", // delayed (processing issue)
  Exception_017: "EXCEPTION", // delayed (extreme weather)
  Exception_018: "EXCEPTION", // incorrect / missing documents
  Exception_019: "EXCEPTION", // delayed (late flight)
  Exception_020: "CANCELLED", // shipment cancelled
  Exception_021: "EXCEPTION", // shipment disposed
  Expired_001: "EXCEPTION",
});

export function mapAfterShipStatus(tag: string, subtag: string | null): MappedStatus {
  const status = (subtag === null ? undefined : SUBTAG.get(subtag)) ?? TAG.get(tag) ?? "UNKNOWN";
  return { status, detailCode: subtag };
}
