import { describe, expect, it } from "vitest";
import { mapShippoStatus } from "@/lib/carriers/shippo/map-status";
import { ENDS, MEANS, type Documented } from "./documented-meanings";

const EVENTS = "docs.goshippo.com/docs/tracking/tracking (Event definitions)";

/** Shippo's own words for each `status`, and the meaning they state. */
const STATUSES: Documented[] = [
  { code: "PRE_TRANSIT", says: "The label is created but before the package is dropped off or picked up by the carrier.", source: EVENTS, meaning: "a label exists, the carrier does not have the parcel yet" },
  { code: "TRANSIT", says: "The package has been scanned by the carrier and is in transit.", source: EVENTS, meaning: "the carrier has it and it is on its way" },
  { code: "DELIVERED", says: "The package has been successfully delivered.", source: EVENTS, meaning: "delivered" },
  { code: "RETURNED", says: "The package is en route to be returned to the sender, or has been returned successfully.", source: EVENTS, meaning: "it will not reach the shopper: going or gone back to the sender" },
  { code: "FAILURE", says: "The carrier indicated that there has been an issue with the delivery. … This status does not indicate a technical, but a delivery issue.", source: EVENTS, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "UNKNOWN", says: "The package has not been found via the carrier’s tracking system.", source: EVENTS, meaning: "the provider knows nothing usable yet" },
];

/**
 * "A substatus can give finer details about the current status of your package." The substatus codes are listed by
 * name; those whose name plainly states a different meaning than the bare TRANSIT are checked for that meaning.
 */
const SUBSTATUSES: Documented[] = [
  { code: "TRANSIT", detail: "out_for_delivery", says: "out_for_delivery", source: EVENTS, meaning: "on the vehicle for the final delivery" },
  { code: "TRANSIT", detail: "delivery_attempted", says: "delivery_attempted", source: EVENTS, meaning: "a delivery attempt failed, the carrier will try again" },
  { code: "TRANSIT", detail: "notice_left", says: "notice_left", source: EVENTS, meaning: "a delivery attempt failed, the carrier will try again" },
  { code: "TRANSIT", detail: "pickup_available", says: "pickup_available", source: EVENTS, meaning: "waiting for the shopper at a pickup point" },
  { code: "TRANSIT", detail: "delayed", says: "delayed", source: EVENTS, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "TRANSIT", detail: "address_issue", says: "address_issue", source: EVENTS, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "TRANSIT", detail: "package_damaged", says: "package_damaged", source: EVENTS, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "TRANSIT", detail: "package_held", says: "package_held", source: EVENTS, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "TRANSIT", detail: "package_departed", says: "package_departed", source: EVENTS, meaning: "the carrier has it and it is on its way" },
  { code: "TRANSIT", detail: "package_arrived", says: "package_arrived", source: EVENTS, meaning: "the carrier has it and it is on its way" },
  { code: "PRE_TRANSIT", detail: "information_received", says: "information_received", source: EVENTS, meaning: "a label exists, the carrier does not have the parcel yet" },
];

/** Every documented `substatus.code` (names only). */
const ALL_SUBSTATUSES = [
  "information_received", "address_issue", "contact_carrier", "delayed", "delivery_attempted", "delivery_rescheduled",
  "delivery_scheduled", "location_inaccessible", "notice_left", "out_for_delivery", "package_accepted", "package_arrived",
  "package_damaged", "package_departed", "package_forwarded", "package_held", "package_processed", "package_processing",
  "pickup_available", "reschedule_delivery", "delivered", "return_to_sender", "package_returned", "package_unclaimed",
  "package_lost", "package_undeliverable", "package_disposed", "other",
];

describe("Shippo: each documented status means what Shippo says it means", () => {
  it.each(STATUSES.map((doc) => [doc.code, doc.says, doc] as const))("%s — “%s”", (_code, _says, doc) => {
    expect(mapShippoStatus(doc.code, null)).toEqual({ status: MEANS[doc.meaning], detailCode: null });
  });

  it.each(SUBSTATUSES.map((doc) => [doc.code, doc.detail!, doc] as const))("%s + %s", (_code, _detail, doc) => {
    expect(mapShippoStatus(doc.code, doc.detail!)).toEqual({ status: MEANS[doc.meaning], detailCode: doc.detail });
  });

  it("a substatus gives finer detail about the status, so it never contradicts DELIVERED, RETURNED or FAILURE", () => {
    // Shippo's own OpenAPI example pairs DELIVERED with "information_received".
    for (const status of ["DELIVERED", "RETURNED", "FAILURE"]) {
      const base = mapShippoStatus(status, null).status;
      for (const substatus of ALL_SUBSTATUSES) expect(mapShippoStatus(status, substatus), `${status} + ${substatus}`).toEqual({ status: base, detailCode: substatus });
    }
  });

  it("under TRANSIT no substatus says nothing is known, and none but an explicit delivery or return ends the journey", () => {
    for (const substatus of ALL_SUBSTATUSES) {
      const { status } = mapShippoStatus("TRANSIT", substatus);
      expect(status, substatus).not.toBe("UNKNOWN");
      if (ENDS.has(status)) expect(["delivered", "package_returned"], substatus).toContain(substatus);
    }
  });

  it("maps codes it does not know to UNKNOWN and an unknown substatus to its status, never throwing", () => {
    expect(mapShippoStatus("LOST_IN_SPACE", null)).toEqual({ status: "UNKNOWN", detailCode: null });
    expect(mapShippoStatus("TRANSIT", "brand_new_code")).toEqual({ status: "IN_TRANSIT", detailCode: "brand_new_code" });
    expect(mapShippoStatus("toString", "valueOf").status).toBe("UNKNOWN");
  });
});
