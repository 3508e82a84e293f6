import { describe, expect, it } from "vitest";
import { mapAfterShipStatus } from "@/lib/carriers/aftership/map-status";
import { MEANS, type Documented } from "./documented-meanings";

const TAGS_DOC = "aftership.com/docs/tracking/2026-07/enum/delivery-statuses";
const SUBTAGS_DOC = "aftership.com/docs/tracking/2026-07/enum/delivery-sub-statuses";
const NEW_SUBTAGS_DOC = "support.aftership.com/en/article/learn-about-delivery-sub-statuses-1b0hdlx (added 2026-03-27)";

/** AfterShip's own words for each of its nine delivery statuses (`tag`), and the meaning they state. */
const TAGS: Documented[] = [
  { code: "Pending", says: "New shipments added that are pending to track, or new shipments without tracking inf[ormation]", source: TAGS_DOC, meaning: "a label exists, the carrier does not have the parcel yet" },
  { code: "InfoReceived", says: "Carrier has received request from shipper and is about to pick up the shipment.", source: TAGS_DOC, meaning: "a label exists, the carrier does not have the parcel yet" },
  { code: "InTransit", says: "Carrier has accepted or picked up shipment from shipper. The shipment is on the way.", source: TAGS_DOC, meaning: "the carrier has it and it is on its way" },
  { code: "OutForDelivery", says: "Carrier is about to deliver the shipment , or it is ready to pickup.", source: TAGS_DOC, meaning: "on the vehicle for the final delivery" },
  { code: "AttemptFail", says: "Carrier attempted to deliver but failed, and usually leaves a notice and will try to deliver again.", source: TAGS_DOC, meaning: "a delivery attempt failed, the carrier will try again" },
  { code: "Delivered", says: "The shipment was delivered successfully.", source: TAGS_DOC, meaning: "delivered" },
  { code: "AvailableForPickup", says: "The package arrived at a pickup point near you and is available for pickup.", source: TAGS_DOC, meaning: "waiting for the shopper at a pickup point" },
  { code: "Exception", says: "Custom hold, undelivered, returned shipment to sender or any shipping exceptions.", source: TAGS_DOC, meaning: "a problem or a delay: it may still arrive, someone should look" },
  // Thirty days of silence: the parcel is not known to be lost or back, but someone should look.
  { code: "Expired", says: "Shipment has no tracking information for 30 days since added.", source: TAGS_DOC, meaning: "a problem or a delay: it may still arrive, someone should look" },
];

/** Sub-statuses (`subtag`) in AfterShip's words: "mapped to these subtags for additional information on shipments". */
const SUBTAGS: Documented[] = [
  { code: "Delivered", detail: "Delivered_001", says: "Shipment delivered successfully", source: SUBTAGS_DOC, meaning: "delivered" },
  { code: "Delivered", detail: "Delivered_002", says: "Package picked up by the customer", source: SUBTAGS_DOC, meaning: "delivered" },
  { code: "Delivered", detail: "Delivered_003", says: "Package delivered to and signed by the customer", source: SUBTAGS_DOC, meaning: "delivered" },
  { code: "Delivered", detail: "Delivered_004", says: "Package delivered to the customer and cash collected on delivery", source: SUBTAGS_DOC, meaning: "delivered" },
  { code: "Delivered", detail: "Delivered_005", says: "The shipment was delivered to a neighbor", source: SUBTAGS_DOC, meaning: "delivered" },
  { code: "AvailableForPickup", detail: "AvailableForPickup_001", says: "The package arrived at a pickup point near you and is available for pickup", source: SUBTAGS_DOC, meaning: "waiting for the shopper at a pickup point" },
  { code: "Exception", detail: "Exception_001", says: "Delivery of the package failed due to some shipping exception", source: SUBTAGS_DOC, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "Exception", detail: "Exception_002", says: "Delivery of the package failed as the customer relocated", source: SUBTAGS_DOC, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "Exception", detail: "Exception_003", says: "Delivery of the package failed as the recipient refused to take the package due to some reason", source: SUBTAGS_DOC, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "Exception", detail: "Exception_004", says: "Package delayed due to some issues during the customs clearance", source: SUBTAGS_DOC, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "Exception", detail: "Exception_005", says: "Package delayed due to some unforeseen reasons", source: SUBTAGS_DOC, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "Exception", detail: "Exception_016", says: "The shipment has experienced a delay due to a processing issue within the carrier network.", source: NEW_SUBTAGS_DOC, meaning: "a problem or a delay: it may still arrive, someone should look" },
  { code: "Exception", detail: "Exception_018", says: "The shipment has been placed on hold due to inaccurate or missing documents required by regulatory agencies. It may be delayed or returned to sender if not resolved.", source: NEW_SUBTAGS_DOC, meaning: "a problem or a delay: it may still arrive, someone should look" },
];

describe("AfterShip: each documented status means what AfterShip says it means", () => {
  it.each(TAGS.map((doc) => [doc.code, doc.says, doc] as const))("%s — “%s”", (_code, _says, doc) => {
    expect(mapAfterShipStatus(doc.code, null)).toEqual({ status: MEANS[doc.meaning], detailCode: null });
  });

  it.each(SUBTAGS.map((doc) => [doc.detail!, doc.says, doc] as const))("%s — “%s”", (_subtag, _says, doc) => {
    expect(mapAfterShipStatus(doc.code, doc.detail!)).toEqual({ status: MEANS[doc.meaning], detailCode: doc.detail });
  });

  it("a subtag adds information to its tag: one that is not listed falls back to what the tag means", () => {
    for (const doc of TAGS) {
      expect(mapAfterShipStatus(doc.code, `${doc.code}_099`)).toEqual({ status: MEANS[doc.meaning], detailCode: `${doc.code}_099` });
    }
  });

  it("maps tags it does not know to UNKNOWN with the subtag kept, and never throws", () => {
    expect(mapAfterShipStatus("Teleported", "Teleported_001")).toEqual({ status: "UNKNOWN", detailCode: "Teleported_001" });
    expect(mapAfterShipStatus("hasOwnProperty", null)).toEqual({ status: "UNKNOWN", detailCode: null });
  });
});
