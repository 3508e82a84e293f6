import type { Tx } from "../db";
import type { ShipmentChange } from "../shipments/shipment-change";
import { enqueueAlertsFor } from "../notifications/enqueue";
import { estimateAfterIngest } from "../estimates-store/estimate-after-ingest";

export type { ShipmentChange };

/**
 * The steps after events and status, inside the batch's transaction: re-estimate the delivery window
 * (which records the Delay rows a slipped promise leaves), then write alert outbox rows (which announce
 * them). Lives with the pipeline, not in lib/shipments: shipments know nothing of estimates or alerts,
 * so the imports run one way (webhooks → shipments, estimates-store, notifications → shipments' types).
 */
export async function afterIngest(tx: Tx, change: ShipmentChange): Promise<void> {
  await estimateAfterIngest(tx, change);
  await enqueueAlertsFor(tx, change);
}
