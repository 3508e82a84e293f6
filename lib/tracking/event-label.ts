import type { ShipmentStatus } from "../carriers/status";
import type { Messages } from "../i18n/messages";

export type EventLabelKey = keyof Messages["events"];

/**
 * Carrier detail codes (from every adapter's map-status) to a label every language has. Codes not
 * listed fall back to the status's own label, so a new carrier code never shows English elsewhere.
 */
const BY_DETAIL = new Map<string, EventLabelKey>(Object.entries({
  label_created: "labelCreated",
  information_received: "labelCreated",
  awaiting_information: "labelCreated",
  picked_up: "pickedUp",
  package_accepted: "pickedUp",
  departed_facility: "departedFacility",
  departed_origin_facility: "departedFacility",
  package_departed: "departedFacility",
  arrived_at_facility: "arrivedFacility",
  package_arrived: "arrivedFacility",
  received_at_origin_facility: "arrivedFacility",
  received_at_destination_facility: "arrivedFacility",
  arrived_at_destination: "arrivedFacility",
  transferred_to_destination_carrier: "inTransit",
  package_processing: "inTransit",
  package_processed: "inTransit",
  in_transit: "inTransit",
  package_forwarded: "inTransit",
  out_for_delivery: "outForDelivery",
  delivered: "delivered",
  weather_delay: "weatherDelay",
  delayed: "delayed",
  transit_exception: "delayed",
  address_issue: "addressIssue",
  address_correction: "addressIssue",
  damaged: "damaged",
  package_damaged: "damaged",
  lost: "lost",
  package_lost: "lost",
  held: "held",
  package_held: "held",
  refused: "refused",
  notice_left: "attempted",
  delivery_attempted: "attempted",
  delivery_rescheduled: "rescheduled",
  reschedule_delivery: "rescheduled",
  delivery_scheduled: "rescheduled",
  pickup_available: "pickupReady",
  arrived_at_pickup_location: "pickupReady",
  return_to_sender: "returning",
  package_returned: "returning",
  return: "returning",
  missorted: "missorted",
  location_inaccessible: "inaccessible",
  cancelled: "cancelled",
} satisfies Record<string, EventLabelKey>));

const BY_STATUS: Record<ShipmentStatus, EventLabelKey> = {
  INFO_RECEIVED: "labelCreated",
  IN_TRANSIT: "inTransit",
  OUT_FOR_DELIVERY: "outForDelivery",
  DELIVERED: "delivered",
  AVAILABLE_FOR_PICKUP: "pickupReady",
  DELIVERY_ATTEMPTED: "attempted",
  EXCEPTION: "exception",
  RETURNED_TO_SENDER: "returning",
  CANCELLED: "cancelled",
  UNKNOWN: "unknown",
};

export function eventLabelKey(status: ShipmentStatus, detailCode: string | null | undefined): EventLabelKey {
  // A Map, not an object: a code such as "constructor" must find nothing.
  const byDetail = detailCode ? BY_DETAIL.get(detailCode.toLowerCase()) : undefined;
  return byDetail ?? BY_STATUS[status];
}
