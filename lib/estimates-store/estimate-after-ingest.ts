/**
 * The estimate step of the ingestion hook (lib/webhooks/after-ingest.ts), run for every changed
 * shipment before alerts are enqueued, so the Delay rows it records are announced in the same
 * transaction.
 */
import type { Tx } from "../db";
import type { ShipmentChange } from "../shipments/shipment-change";
import { reestimateShipment, type ReestimateResult } from "./reestimate-shipment";

export async function estimateAfterIngest(tx: Tx, change: ShipmentChange): Promise<ReestimateResult | null> {
  // A replayed webhook teaches nothing new; the overdue sweep keeps windows from going stale meanwhile.
  if (change.eventsAdded === 0 && !change.carrierEstimateChanged && change.previousStatus === change.status) return null;
  // Status only moves forward and DELIVERED is terminal, so this holds once per shipment.
  const countDelivery = change.status === "DELIVERED" && change.previousStatus !== "DELIVERED";
  return reestimateShipment(tx, change.shipmentId, change.now, { countDelivery });
}
