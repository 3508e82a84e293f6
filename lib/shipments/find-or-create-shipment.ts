import type { Tx } from "../db";
import type { ShipmentStatus } from "../carriers/status";
import type { NormalizedUpdate } from "../carriers/types";
import { newTrackingToken } from "./tokens";

export interface LockedShipment {
  id: string;
  carrier: string;
  trackingNumber: string;
  status: ShipmentStatus;
  statusDetail: string | null;
  statusAt: Date | null;
  lastEventAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  carrierEstimate: Date | null;
  service: string | null;
  carrierUrl: string | null;
}

/**
 * The shipment an update is about, within one merchant, locked for the rest of the transaction so
 * concurrent deliveries for it serialise: by carrier and tracking number, or by tracking number alone
 * when the carrier is spelt differently but only one shipment has it. A tracker the merchant never
 * registered is created when the payload names its order. Null when nothing matches.
 * One round trip in the common case: ingestion's hot path.
 */
export async function lockShipment(tx: Tx, merchantId: string, carrier: string, update: NormalizedUpdate): Promise<LockedShipment | null> {
  const found = await selectForUpdate(tx, merchantId, update.trackingNumber);
  const match = found.find((row) => row.carrier === carrier) ?? (found.length === 1 ? found[0] : undefined);
  if (match) return match;
  if (found.length > 1 || !update.orderNumber) return null;

  const order = await tx.order.upsert({
    where: { merchantId_orderNumber: { merchantId, orderNumber: update.orderNumber } },
    create: { merchantId, orderNumber: update.orderNumber },
    update: {},
    select: { id: true },
  });
  await tx.shipment.create({
    data: { merchantId, orderId: order.id, carrier, trackingNumber: update.trackingNumber, service: update.service, token: newTrackingToken() },
    select: { id: true },
  });
  const created = await selectForUpdate(tx, merchantId, update.trackingNumber);
  return created.find((row) => row.carrier === carrier) ?? null;
}

function selectForUpdate(tx: Tx, merchantId: string, trackingNumber: string) {
  return tx.$queryRaw<LockedShipment[]>`
    SELECT "id", "carrier", "trackingNumber", "status"::text AS "status", "statusDetail", "statusAt", "lastEventAt",
           "shippedAt", "deliveredAt", "carrierEstimate", "service", "carrierUrl"
    FROM "Shipment" WHERE "merchantId" = ${merchantId} AND "trackingNumber" = ${trackingNumber}
    ORDER BY "id" FOR UPDATE`;
}
