import type { ShipmentStatus } from "../status";
import { table, type MappedStatus } from "../status-lookup";

/**
 * EasyPost Tracker `status` values (docs.easypost.com, Tracker object). `unknown` and `error` say the
 * carrier told nothing usable (error = tracking could not be fetched), so they stay UNKNOWN rather than a guess.
 */
const STATUS = table({
  unknown: "UNKNOWN",
  pre_transit: "INFO_RECEIVED",
  in_transit: "IN_TRANSIT",
  out_for_delivery: "OUT_FOR_DELIVERY",
  delivered: "DELIVERED",
  available_for_pickup: "AVAILABLE_FOR_PICKUP",
  return_to_sender: "RETURNED_TO_SENDER",
  failure: "EXCEPTION",
  cancelled: "CANCELLED",
  error: "UNKNOWN",
});

/**
 * Every documented `status_detail`. Most only describe a step inside the status (null: the status stands);
 * the others carry news the status alone hides — EasyPost reports a weather delay or a lost parcel as
 * status "in_transit" with that detail, and a shopper must hear about it.
 * "return" means on the way back (not yet returned), so it is an exception, not the terminal RETURNED_TO_SENDER.
 */
const DETAIL_OVERRIDE: ReadonlyMap<string, ShipmentStatus | null> = new Map<string, ShipmentStatus | null>([
  ["address_correction", null],
  ["arrived_at_destination", null],
  ["arrived_at_facility", null],
  ["arrived_at_pickup_location", "AVAILABLE_FOR_PICKUP"],
  ["awaiting_information", "EXCEPTION"],
  ["cancelled", "CANCELLED"],
  ["damaged", "EXCEPTION"],
  ["delayed", "EXCEPTION"],
  ["delivery_exception", "EXCEPTION"],
  ["departed_facility", null],
  ["departed_origin_facility", null],
  ["expired", "EXCEPTION"],
  ["failure", "EXCEPTION"],
  ["held", "EXCEPTION"],
  ["in_transit", null],
  ["label_created", null],
  ["lost", "EXCEPTION"],
  ["missorted", "EXCEPTION"],
  ["out_for_delivery", "OUT_FOR_DELIVERY"],
  ["received_at_destination_facility", null],
  ["received_at_origin_facility", null],
  ["refused", "EXCEPTION"],
  ["return", "EXCEPTION"],
  ["status_update", null],
  ["transferred_to_destination_carrier", null],
  ["transit_exception", "EXCEPTION"],
  ["unknown", null],
  ["weather_delay", "EXCEPTION"],
]);

/** A detail may only sharpen a parcel that is still moving; it never rewrites delivered, returned or failed. */
const REFINABLE: ReadonlySet<ShipmentStatus> = new Set(["INFO_RECEIVED", "IN_TRANSIT", "OUT_FOR_DELIVERY"]);

export function mapEasyPostStatus(status: string, statusDetail: string | null): MappedStatus {
  const detailCode = statusDetail ?? null;
  const base = STATUS.get(status.toLowerCase()) ?? "UNKNOWN";
  const override = detailCode === null ? null : (DETAIL_OVERRIDE.get(detailCode.toLowerCase()) ?? null);
  return { status: override && REFINABLE.has(base) ? override : base, detailCode };
}
