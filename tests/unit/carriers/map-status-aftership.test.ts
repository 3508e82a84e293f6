import { describe, expect, it } from "vitest";
import { mapAfterShipStatus } from "@/lib/carriers/aftership/map-status";
import type { ShipmentStatus } from "@/lib/carriers/status";

/** aftership.com/docs/tracking/2026-07/enum/delivery-statuses */
const TAGS: Array<[string, ShipmentStatus]> = [
  ["Pending", "INFO_RECEIVED"],
  ["InfoReceived", "INFO_RECEIVED"],
  ["InTransit", "IN_TRANSIT"],
  ["OutForDelivery", "OUT_FOR_DELIVERY"],
  ["AttemptFail", "DELIVERY_ATTEMPTED"],
  ["Delivered", "DELIVERED"],
  ["AvailableForPickup", "AVAILABLE_FOR_PICKUP"],
  ["Exception", "EXCEPTION"],
  ["Expired", "EXCEPTION"],
];

/** aftership.com/docs/tracking/2026-07/enum/delivery-sub-statuses, plus Exception_016…021 (added 2026-03-27). */
const SUBTAGS: Array<[tag: string, subtag: string, expected: ShipmentStatus]> = [
  ["Pending", "Pending_001", "INFO_RECEIVED"],
  ["InfoReceived", "InfoReceived_001", "INFO_RECEIVED"],
  ["InTransit", "InTransit_001", "IN_TRANSIT"],
  ["InTransit", "InTransit_002", "IN_TRANSIT"],
  ["InTransit", "InTransit_003", "IN_TRANSIT"],
  ["InTransit", "InTransit_004", "IN_TRANSIT"],
  ["InTransit", "InTransit_005", "IN_TRANSIT"],
  ["InTransit", "InTransit_006", "IN_TRANSIT"],
  ["InTransit", "InTransit_007", "IN_TRANSIT"],
  ["InTransit", "InTransit_008", "IN_TRANSIT"],
  ["InTransit", "InTransit_009", "IN_TRANSIT"],
  ["OutForDelivery", "OutForDelivery_001", "OUT_FOR_DELIVERY"],
  ["OutForDelivery", "OutForDelivery_003", "OUT_FOR_DELIVERY"],
  ["OutForDelivery", "OutForDelivery_004", "OUT_FOR_DELIVERY"],
  ["AttemptFail", "AttemptFail_001", "DELIVERY_ATTEMPTED"],
  ["AttemptFail", "AttemptFail_002", "DELIVERY_ATTEMPTED"],
  ["AttemptFail", "AttemptFail_003", "DELIVERY_ATTEMPTED"],
  ["Delivered", "Delivered_001", "DELIVERED"],
  ["Delivered", "Delivered_002", "DELIVERED"],
  ["Delivered", "Delivered_003", "DELIVERED"],
  ["Delivered", "Delivered_004", "DELIVERED"],
  ["Delivered", "Delivered_005", "DELIVERED"],
  ["AvailableForPickup", "AvailableForPickup_001", "AVAILABLE_FOR_PICKUP"],
  ["Exception", "Exception_001", "EXCEPTION"],
  ["Exception", "Exception_002", "EXCEPTION"],
  ["Exception", "Exception_003", "EXCEPTION"],
  ["Exception", "Exception_004", "EXCEPTION"],
  ["Exception", "Exception_005", "EXCEPTION"],
  ["Exception", "Exception_006", "EXCEPTION"],
  ["Exception", "Exception_007", "EXCEPTION"],
  ["Exception", "Exception_008", "EXCEPTION"],
  ["Exception", "Exception_009", "EXCEPTION"],
  ["Exception", "Exception_010", "EXCEPTION"],
  ["Exception", "Exception_011", "RETURNED_TO_SENDER"],
  ["Exception", "Exception_012", "EXCEPTION"],
  ["Exception", "Exception_013", "EXCEPTION"],
  ["Exception", "Exception_016", "EXCEPTION"],
  ["Exception", "Exception_017", "EXCEPTION"],
  ["Exception", "Exception_018", "EXCEPTION"],
  ["Exception", "Exception_019", "EXCEPTION"],
  ["Exception", "Exception_020", "CANCELLED"],
  ["Exception", "Exception_021", "EXCEPTION"],
  ["Expired", "Expired_001", "EXCEPTION"],
];

describe("AfterShip status mapping", () => {
  it.each(TAGS)("tag %s → %s", (tag, expected) => {
    expect(mapAfterShipStatus(tag, null)).toEqual({ status: expected, detailCode: null });
    expect(expected).not.toBe("UNKNOWN");
  });

  it.each(SUBTAGS)("%s / %s → %s, detailCode = subtag", (tag, subtag, expected) => {
    expect(mapAfterShipStatus(tag, subtag)).toEqual({ status: expected, detailCode: subtag });
    expect(expected).not.toBe("UNKNOWN");
  });

  it("maps an undocumented subtag by its tag, keeping the subtag", () => {
    expect(mapAfterShipStatus("Exception", "Exception_099")).toEqual({ status: "EXCEPTION", detailCode: "Exception_099" });
    expect(mapAfterShipStatus("Pending", "Pending_004")).toEqual({ status: "INFO_RECEIVED", detailCode: "Pending_004" });
  });

  it("maps unknown tags to UNKNOWN with the subtag kept, and never throws", () => {
    expect(mapAfterShipStatus("Teleported", "Teleported_001")).toEqual({ status: "UNKNOWN", detailCode: "Teleported_001" });
    expect(mapAfterShipStatus("hasOwnProperty", null)).toEqual({ status: "UNKNOWN", detailCode: null });
  });
});
