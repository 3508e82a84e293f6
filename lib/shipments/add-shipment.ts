import { db, type Tx } from "../db";
import { normalizeCarrierCode } from "../carriers/carrier-code";
import { AppError, fromZodError, isUniqueViolation } from "../errors";
import { reestimateShipment } from "../estimates-store/reestimate-shipment";
import { shipmentInputSchema, type ShipmentInput } from "./schemas";
import { shipmentSelect, toApiShipment } from "./api-shape";
import { newTrackingToken } from "./tokens";

/**
 * Adds a parcel to an existing order (split shipments, replacements), with its first window. Given `tx`,
 * it runs in that transaction (an Idempotency-Key's).
 */
export async function addShipment(merchantId: string, orderId: string, input: ShipmentInput, now = new Date(), tx?: Tx) {
  const parsed = shipmentInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, "validation_failed");
  const order = await (tx ?? db).order.findFirst({ where: { id: orderId, merchantId }, select: { id: true } });
  if (!order) throw new AppError("not_found", "No such order.");
  try {
    const insert = async (tx: Tx) => {
      const { id } = await tx.shipment.create({
        data: {
          merchantId,
          orderId: order.id,
          carrier: normalizeCarrierCode(parsed.data.carrier),
          service: parsed.data.service,
          trackingNumber: parsed.data.trackingNumber,
          carrierUrl: parsed.data.carrierUrl,
          token: newTrackingToken(),
        },
        select: { id: true },
      });
      await reestimateShipment(tx, id, now);
      return tx.shipment.findUniqueOrThrow({ where: { id }, select: shipmentSelect });
    };
    const created = tx ? await insert(tx) : await db.$transaction(insert);
    return toApiShipment(created);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "A shipment with this carrier and tracking number already exists.");
    throw error;
  }
}
