import { describe, expect, it } from "vitest";
import { mapShippoStatus } from "@/lib/carriers/shippo/map-status";
import type { ShipmentStatus } from "@/lib/carriers/status";

/** From docs.goshippo.com/docs/tracking/tracking ("Event definitions" and the substatus table). */
const STATUSES: Array<[string, ShipmentStatus]> = [
  ["PRE_TRANSIT", "INFO_RECEIVED"],
  ["TRANSIT", "IN_TRANSIT"],
  ["DELIVERED", "DELIVERED"],
  ["RETURNED", "RETURNED_TO_SENDER"],
  ["FAILURE", "EXCEPTION"],
];

/** Each documented substatus under the status Shippo documents it with. */
const SUBSTATUSES: Array<[status: string, substatus: string, expected: ShipmentStatus]> = [
  ["PRE_TRANSIT", "information_received", "INFO_RECEIVED"],
  ["TRANSIT", "address_issue", "EXCEPTION"],
  ["TRANSIT", "contact_carrier", "EXCEPTION"],
  ["TRANSIT", "delayed", "EXCEPTION"],
  ["TRANSIT", "delivery_attempted", "DELIVERY_ATTEMPTED"],
  ["TRANSIT", "delivery_rescheduled", "IN_TRANSIT"],
  ["TRANSIT", "delivery_scheduled", "IN_TRANSIT"],
  ["TRANSIT", "location_inaccessible", "DELIVERY_ATTEMPTED"],
  ["TRANSIT", "notice_left", "DELIVERY_ATTEMPTED"],
  ["TRANSIT", "out_for_delivery", "OUT_FOR_DELIVERY"],
  ["TRANSIT", "package_accepted", "IN_TRANSIT"],
  ["TRANSIT", "package_arrived", "IN_TRANSIT"],
  ["TRANSIT", "package_damaged", "EXCEPTION"],
  ["TRANSIT", "package_departed", "IN_TRANSIT"],
  ["TRANSIT", "package_forwarded", "IN_TRANSIT"],
  ["TRANSIT", "package_held", "EXCEPTION"],
  ["TRANSIT", "package_processed", "IN_TRANSIT"],
  ["TRANSIT", "package_processing", "IN_TRANSIT"],
  ["TRANSIT", "pickup_available", "AVAILABLE_FOR_PICKUP"],
  ["TRANSIT", "reschedule_delivery", "DELIVERY_ATTEMPTED"],
  ["TRANSIT", "return_to_sender", "EXCEPTION"],
  ["TRANSIT", "other", "IN_TRANSIT"],
  ["DELIVERED", "delivered", "DELIVERED"],
  ["RETURNED", "return_to_sender", "RETURNED_TO_SENDER"],
  ["RETURNED", "package_returned", "RETURNED_TO_SENDER"],
  ["RETURNED", "package_unclaimed", "RETURNED_TO_SENDER"],
  ["FAILURE", "package_lost", "EXCEPTION"],
  ["FAILURE", "package_undeliverable", "EXCEPTION"],
  ["FAILURE", "package_disposed", "EXCEPTION"],
  ["FAILURE", "package_damaged", "EXCEPTION"],
];

describe("Shippo status mapping", () => {
  it.each(STATUSES)("status %s → %s", (status, expected) => {
    expect(mapShippoStatus(status, null)).toEqual({ status: expected, detailCode: null });
    expect(expected).not.toBe("UNKNOWN");
  });

  it("keeps Shippo's own UNKNOWN (\"not found in the carrier's system\") as UNKNOWN", () => {
    expect(mapShippoStatus("UNKNOWN", "other")).toEqual({ status: "UNKNOWN", detailCode: "other" });
  });

  it.each(SUBSTATUSES)("%s + %s → %s, substatus kept as detail", (status, substatus, expected) => {
    expect(mapShippoStatus(status, substatus)).toEqual({ status: expected, detailCode: substatus });
    expect(expected).not.toBe("UNKNOWN");
  });

  it("lets the status decide for delivered, returned and failed parcels (Shippo's own example: DELIVERED + information_received)", () => {
    expect(mapShippoStatus("DELIVERED", "information_received").status).toBe("DELIVERED");
    expect(mapShippoStatus("RETURNED", "out_for_delivery").status).toBe("RETURNED_TO_SENDER");
    expect(mapShippoStatus("FAILURE", "pickup_available").status).toBe("EXCEPTION");
  });

  it("maps unknown codes to UNKNOWN and an unknown substatus to its status, never throwing", () => {
    expect(mapShippoStatus("LOST_IN_SPACE", null)).toEqual({ status: "UNKNOWN", detailCode: null });
    expect(mapShippoStatus("TRANSIT", "brand_new_code")).toEqual({ status: "IN_TRANSIT", detailCode: "brand_new_code" });
    expect(mapShippoStatus("toString", "valueOf").status).toBe("UNKNOWN");
  });
});
