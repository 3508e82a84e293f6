import { describe, expect, it } from "vitest";
import { mapEasyPostStatus } from "@/lib/carriers/easypost/map-status";
import { ENDS, MEANS, type Documented } from "./documented-meanings";

const DEFINITIONS = "support.easypost.com/hc/en-us/articles/360044353091 (Tracker Status Definitions)";
const API = "docs.easypost.com/docs/trackers (Tracker object: status, status_detail)";
const FAQ = "support.easypost.com/hc/en-us/articles/360044353091-Tracking-Frequently-Asked-Questions";

/** EasyPost's own words for each Tracker `status`, and the meaning they state. */
const STATUSES: Documented[] = [
  { code: "pre_transit", says: "Shipment information submitted; carrier has not taken possession.", source: DEFINITIONS, meaning: "a label exists, the carrier does not have the parcel yet" },
  { code: "in_transit", says: "Package is in transit.", source: DEFINITIONS, meaning: "the carrier has it and it is on its way" },
  { code: "out_for_delivery", says: "Package is on final delivery route.", source: DEFINITIONS, meaning: "on the vehicle for the final delivery" },
  { code: "available_for_pickup", says: "Package is available for pickup at a carrier location.", source: DEFINITIONS, meaning: "waiting for the shopper at a pickup point" },
  { code: "delivered", says: "Package has been delivered.", source: DEFINITIONS, meaning: "delivered" },
  { code: "unknown", says: "The carrier has no available tracking information.", source: DEFINITIONS, meaning: "the provider knows nothing usable yet" },
  // The definitions below are cut off in the copy this test was written from; the enum value names them, and the FAQ
  // asks "I have a Tracker with a status of 'failure' due to weather. If the weather clears up, will the status
  // re-update itself to 'in_transit'?": a failure is a problem the parcel can come back from, not an end.
  { code: "failure", says: "I have a Tracker with a status of 'failure' due to weather. If the weather clears up, will the status re-update itself to 'in_transit'?", source: FAQ, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "return_to_sender", says: '"return_to_sender" (status enum value)', source: API, meaning: "it will not reach the shopper: going or gone back to the sender" },
  { code: "cancelled", says: '"cancelled" (status enum value)', source: API, meaning: "voided: it will not ship" },
  { code: "error", says: '"error" (status enum value): tracking could not be fetched, so nothing is known about the parcel', source: API, meaning: "the provider knows nothing usable yet" },
];

/**
 * `status_detail` is documented as "Additional details about the current status" with a list of names and no
 * definitions; the names that plainly state a different meaning than "in transit" are checked for that meaning.
 */
const DETAILS: Documented[] = [
  { code: "in_transit", detail: "arrived_at_pickup_location", says: "arrived_at_pickup_location", source: API, meaning: "waiting for the shopper at a pickup point" },
  { code: "in_transit", detail: "out_for_delivery", says: "out_for_delivery", source: API, meaning: "on the vehicle for the final delivery" },
  { code: "in_transit", detail: "weather_delay", says: "weather_delay", source: API, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "in_transit", detail: "lost", says: "lost", source: API, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "in_transit", detail: "damaged", says: "damaged", source: API, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "in_transit", detail: "refused", says: "refused", source: API, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "in_transit", detail: "departed_facility", says: "departed_facility", source: API, meaning: "the carrier has it and it is on its way" },
  { code: "in_transit", detail: "arrived_at_facility", says: "arrived_at_facility", source: API, meaning: "the carrier has it and it is on its way" },
  { code: "pre_transit", detail: "label_created", says: "label_created", source: API, meaning: "a label exists, the carrier does not have the parcel yet" },
];

/** Every `status_detail` value the API reference lists (names only). */
const ALL_DETAILS = [
  "address_correction", "arrived_at_destination", "arrived_at_facility", "arrived_at_pickup_location", "awaiting_information",
  "cancelled", "damaged", "delayed", "delivery_exception", "departed_facility", "departed_origin_facility", "expired", "failure",
  "held", "in_transit", "label_created", "lost", "missorted", "out_for_delivery", "received_at_destination_facility",
  "received_at_origin_facility", "refused", "return", "status_update", "transferred_to_destination_carrier", "transit_exception",
  "unknown", "weather_delay",
];

describe("EasyPost: each documented status means what EasyPost says it means", () => {
  it.each(STATUSES.map((doc) => [doc.code, doc.says, doc] as const))("%s — “%s”", (_code, _says, doc) => {
    expect(mapEasyPostStatus(doc.code, null)).toEqual({ status: MEANS[doc.meaning], detailCode: null });
  });

  it.each(DETAILS.map((doc) => [doc.code, doc.detail!, doc] as const))("%s + %s", (_code, _detail, doc) => {
    expect(mapEasyPostStatus(doc.code, doc.detail!)).toEqual({ status: MEANS[doc.meaning], detailCode: doc.detail });
  });

  it("a detail only adds to the status: under in_transit no documented detail says delivered, returned, or nothing known", () => {
    for (const detail of ALL_DETAILS) {
      const { status } = mapEasyPostStatus("in_transit", detail);
      expect(["DELIVERED", "RETURNED_TO_SENDER", "UNKNOWN"], detail).not.toContain(status);
    }
  });

  it("a detail never rewrites a status that ended the journey or a failure", () => {
    for (const status of ["delivered", "return_to_sender", "failure"]) {
      const base = mapEasyPostStatus(status, null).status;
      for (const detail of ALL_DETAILS) expect(mapEasyPostStatus(status, detail).status, `${status} + ${detail}`).toBe(base);
    }
  });

  it("only codes documented as an end map to a state that is never left", () => {
    const ends = STATUSES.filter((doc) => ENDS.has(mapEasyPostStatus(doc.code, null).status)).map((doc) => doc.code);
    expect(ends.sort()).toEqual(["cancelled", "delivered", "return_to_sender"]);
  });

  it("maps codes it does not know to UNKNOWN, keeping the raw detail, and never throws", () => {
    expect(mapEasyPostStatus("teleported", "beamed_up")).toEqual({ status: "UNKNOWN", detailCode: "beamed_up" });
    expect(mapEasyPostStatus("constructor", "__proto__")).toEqual({ status: "UNKNOWN", detailCode: "__proto__" });
    expect(mapEasyPostStatus("in_transit", "new_detail_code")).toEqual({ status: "IN_TRANSIT", detailCode: "new_detail_code" });
  });
});
