import type { ShipmentStatus } from "../carriers/status";

/**
 * What one processing batch did to one shipment, handed down the pipeline (estimates, then alerts).
 * A leaf module: shipments, estimates and notifications all import it, and it imports none of them.
 */
export interface ShipmentChange {
  shipmentId: string;
  previousStatus: ShipmentStatus;
  status: ShipmentStatus;
  eventsAdded: number;
  /** The events this ingestion added (not ones already known), oldest first. */
  addedEvents: { status: ShipmentStatus; detailCode: string | null; occurredAt: Date }[];
  carrierEstimateChanged: boolean;
  now: Date;
}
