import type { Tx } from "../db";
import type { ShipmentChange } from "../shipments/shipment-change";
import { enqueueAlertsForChanges } from "../notifications/enqueue";
import { reestimateChanged } from "../estimates-store/reestimate-changed";

export type { ShipmentChange };

/**
 * The steps after events and status, inside the batch's transaction, each once for the whole batch:
 * re-estimate the delivery windows (which records the Delay rows a slipped promise leaves), then write
 * alert outbox rows (which announce them). Lives with the pipeline, not in lib/shipments: shipments know
 * nothing of estimates or alerts, so the imports run one way (webhooks → shipments, estimates-store,
 * notifications → shipments' types).
 */
export async function afterIngest(tx: Tx, changes: readonly ShipmentChange[], now: Date): Promise<void> {
  if (changes.length === 0) return;
  await reestimateChanged(tx, changes, now);
  await enqueueAlertsForChanges(tx, changes, now);
}
