import type { Tx } from "../db";
import type { ShipmentStatus } from "../carriers/status";
import { enqueueAlertsFor } from "../notifications/enqueue";
import { estimateAfterIngest } from "../estimates-store/estimate-after-ingest";

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

/**
 * The one place ingestion hands over to what follows, inside the same transaction:
 * re-estimating the delivery window and writing alert outbox rows.
 */
export async function afterIngest(tx: Tx, change: ShipmentChange): Promise<void> {
  // The window first: it records the Delay rows a slipped promise leaves.
  await estimateAfterIngest(tx, change);
  // Alerts last: they announce the Delay rows the estimate step records above.
  await enqueueAlertsFor(tx, change);
}
