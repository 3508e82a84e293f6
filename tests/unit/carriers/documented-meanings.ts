import type { ShipmentStatus } from "@/lib/carriers/status";

/**
 * What a shopper needs to know about a parcel, in plain words, and the one status of ours that says it
 * (ARCHITECTURE.md, "Normalized shipment status"). The map-status-* tests quote each provider's own documentation
 * for a code and name the meaning the quote states; only this file turns a meaning into our status. Nothing here
 * is read from, or copied out of, the mapping tables under test.
 */
export const MEANS = {
  "a label exists, the carrier does not have the parcel yet": "INFO_RECEIVED",
  "the carrier has it and it is on its way": "IN_TRANSIT",
  "on the vehicle for the final delivery": "OUT_FOR_DELIVERY",
  "a delivery attempt failed, the carrier will try again": "DELIVERY_ATTEMPTED",
  "waiting for the shopper at a pickup point": "AVAILABLE_FOR_PICKUP",
  "delivered": "DELIVERED",
  "a problem or a delay: it may still arrive, someone should look": "EXCEPTION",
  "it will not reach the shopper: going or gone back to the sender": "RETURNED_TO_SENDER",
  "voided: it will not ship": "CANCELLED",
  "the provider knows nothing usable yet": "UNKNOWN",
} as const satisfies Record<string, ShipmentStatus>;

export type Meaning = keyof typeof MEANS;

/** A code as a provider documents it: the quoted sentence, where it is from, and the meaning it states. */
export interface Documented {
  code: string;
  detail?: string;
  says: string;
  source: string;
  meaning: Meaning;
}

/** States a parcel does not leave: only a documented end (delivered, back with the sender, voided) may map there. */
export const ENDS: ReadonlySet<ShipmentStatus> = new Set(["DELIVERED", "RETURNED_TO_SENDER", "CANCELLED"]);
