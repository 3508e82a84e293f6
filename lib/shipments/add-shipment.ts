import { db } from "../db";
import { normalizeCarrierCode } from "../carriers/carrier-code";
import { AppError, fromZodError, isUniqueViolation } from "../errors";
import { shipmentInputSchema, type ShipmentInput } from "./schemas";
import { shipmentSelect, toApiShipment } from "./api-shape";
import { newTrackingToken } from "./tokens";

/** Adds a parcel to an existing order (split shipments, replacements). */
export async function addShipment(merchantId: string, orderId: string, input: ShipmentInput) {
  const parsed = shipmentInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, "validation_failed");
  const order = await db.order.findFirst({ where: { id: orderId, merchantId }, select: { id: true } });
  if (!order) throw new AppError("not_found", "No such order.");
  try {
    const created = await db.shipment.create({
      data: {
        merchantId,
        orderId: order.id,
        carrier: normalizeCarrierCode(parsed.data.carrier),
        service: parsed.data.service,
        trackingNumber: parsed.data.trackingNumber,
        carrierUrl: parsed.data.carrierUrl,
        token: newTrackingToken(),
      },
      select: shipmentSelect,
    });
    return toApiShipment(created);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "A shipment with this carrier and tracking number already exists.");
    throw error;
  }
}
