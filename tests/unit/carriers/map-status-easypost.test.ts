import { describe, expect, it } from "vitest";
import { mapEasyPostStatus } from "@/lib/carriers/easypost/map-status";
import type { ShipmentStatus } from "@/lib/carriers/status";

/**
 * Expectations written from EasyPost's docs (Tracker object: `status` and `status_detail` enums),
 * not read from the table under test.
 */
const STATUSES: Array<[string, ShipmentStatus]> = [
  ["pre_transit", "INFO_RECEIVED"],
  ["in_transit", "IN_TRANSIT"],
  ["out_for_delivery", "OUT_FOR_DELIVERY"],
  ["delivered", "DELIVERED"],
  ["available_for_pickup", "AVAILABLE_FOR_PICKUP"],
  ["return_to_sender", "RETURNED_TO_SENDER"],
  ["failure", "EXCEPTION"],
  ["cancelled", "CANCELLED"],
];

/** EasyPost's own "we do not know" values: mapping them to anything else would be a guess. */
const PROVIDER_UNKNOWN = ["unknown", "error"];

/** Every documented status_detail, as reported under status "in_transit". */
const DETAILS_IN_TRANSIT: Array<[string, ShipmentStatus]> = [
  ["address_correction", "IN_TRANSIT"],
  ["arrived_at_destination", "IN_TRANSIT"],
  ["arrived_at_facility", "IN_TRANSIT"],
  ["arrived_at_pickup_location", "AVAILABLE_FOR_PICKUP"],
  ["awaiting_information", "EXCEPTION"],
  ["cancelled", "CANCELLED"],
  ["damaged", "EXCEPTION"],
  ["delayed", "EXCEPTION"],
  ["delivery_exception", "EXCEPTION"],
  ["departed_facility", "IN_TRANSIT"],
  ["departed_origin_facility", "IN_TRANSIT"],
  ["expired", "EXCEPTION"],
  ["failure", "EXCEPTION"],
  ["held", "EXCEPTION"],
  ["in_transit", "IN_TRANSIT"],
  ["label_created", "IN_TRANSIT"],
  ["lost", "EXCEPTION"],
  ["missorted", "EXCEPTION"],
  ["out_for_delivery", "OUT_FOR_DELIVERY"],
  ["received_at_destination_facility", "IN_TRANSIT"],
  ["received_at_origin_facility", "IN_TRANSIT"],
  ["refused", "EXCEPTION"],
  ["return", "EXCEPTION"],
  ["status_update", "IN_TRANSIT"],
  ["transferred_to_destination_carrier", "IN_TRANSIT"],
  ["transit_exception", "EXCEPTION"],
  ["unknown", "IN_TRANSIT"],
  ["weather_delay", "EXCEPTION"],
];

describe("EasyPost status mapping", () => {
  it.each(STATUSES)("status %s → %s", (status, expected) => {
    expect(mapEasyPostStatus(status, null)).toEqual({ status: expected, detailCode: null });
    expect(expected).not.toBe("UNKNOWN");
  });

  it.each(PROVIDER_UNKNOWN)("status %s stays UNKNOWN", (status) => {
    expect(mapEasyPostStatus(status, null).status).toBe("UNKNOWN");
  });

  it.each(DETAILS_IN_TRANSIT)("in_transit + %s → %s, detail kept", (detail, expected) => {
    expect(mapEasyPostStatus("in_transit", detail)).toEqual({ status: expected, detailCode: detail });
    expect(expected).not.toBe("UNKNOWN");
  });

  it("covers all 28 documented details", () => {
    expect(new Set(DETAILS_IN_TRANSIT.map(([detail]) => detail)).size).toBe(28);
  });

  it("never lets a detail rewrite a delivered, returned or failed parcel", () => {
    expect(mapEasyPostStatus("delivered", "arrived_at_facility").status).toBe("DELIVERED");
    expect(mapEasyPostStatus("delivered", "weather_delay").status).toBe("DELIVERED");
    expect(mapEasyPostStatus("return_to_sender", "return").status).toBe("RETURNED_TO_SENDER");
    expect(mapEasyPostStatus("failure", "out_for_delivery").status).toBe("EXCEPTION");
  });

  it("sharpens a moving parcel: a pre-transit delay, an out-for-delivery exception", () => {
    expect(mapEasyPostStatus("pre_transit", "delayed").status).toBe("EXCEPTION");
    expect(mapEasyPostStatus("pre_transit", "label_created").status).toBe("INFO_RECEIVED");
    expect(mapEasyPostStatus("out_for_delivery", "delivery_exception").status).toBe("EXCEPTION");
  });

  it("maps unknown codes to UNKNOWN, keeping the raw detail, and never throws", () => {
    expect(mapEasyPostStatus("teleported", "beamed_up")).toEqual({ status: "UNKNOWN", detailCode: "beamed_up" });
    expect(mapEasyPostStatus("constructor", "__proto__")).toEqual({ status: "UNKNOWN", detailCode: "__proto__" });
    expect(mapEasyPostStatus("in_transit", "new_detail_code")).toEqual({ status: "IN_TRANSIT", detailCode: "new_detail_code" });
  });
});
