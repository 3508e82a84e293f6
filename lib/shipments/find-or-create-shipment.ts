import type { Tx } from "../db";
import type { NormalizedUpdate } from "../carriers/types";
import { newTrackingToken } from "./tokens";

/**
 * The shipment an update is about, within one merchant: by carrier and tracking number, or by tracking
 * number alone when the carrier is spelt differently but only one shipment has it. A tracker the
 * merchant never registered is created when the payload names its order. Null when nothing matches.
 */
export async function findOrCreateShipment(tx: Tx, merchantId: string, carrier: string, update: NormalizedUpdate) {
  const { trackingNumber } = update;
  const exact = await tx.shipment.findUnique({
    where: { merchantId_carrier_trackingNumber: { merchantId, carrier, trackingNumber } },
    select: { id: true },
  });
  if (exact) return exact.id;

  const byNumber = await tx.shipment.findMany({ where: { merchantId, trackingNumber }, select: { id: true }, take: 2 });
  if (byNumber.length === 1) return byNumber[0]!.id;
  if (byNumber.length > 1 || !update.orderNumber) return null;

  const order = await tx.order.upsert({
    where: { merchantId_orderNumber: { merchantId, orderNumber: update.orderNumber } },
    create: { merchantId, orderNumber: update.orderNumber },
    update: {},
    select: { id: true },
  });
  const created = await tx.shipment.create({
    data: { merchantId, orderId: order.id, carrier, trackingNumber, service: update.service, token: newTrackingToken() },
    select: { id: true },
  });
  return created.id;
}
