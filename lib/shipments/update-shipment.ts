import { db } from "../db";
import { normalizeCarrierCode } from "../carriers/carrier-code";
import { AppError, fromZodError, isUniqueViolation } from "../errors";
import { shipmentUpdateSchema, type ShipmentUpdate } from "../api/schemas";
import { shipmentSelect, toApiShipment } from "./api-shape";

/** Corrects a shipment's carrier details (a mistyped tracking number, a service name, the carrier's link). */
export async function updateShipment(merchantId: string, shipmentId: string, input: ShipmentUpdate) {
  const parsed = shipmentUpdateSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, "validation_failed");
  const { carrier, ...rest } = parsed.data;
  try {
    const { count } = await db.shipment.updateMany({
      where: { id: shipmentId, merchantId },
      data: { ...rest, ...(carrier ? { carrier: normalizeCarrierCode(carrier) } : {}) },
    });
    if (count === 0) throw new AppError("not_found", "No such shipment.");
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "A shipment with this carrier and tracking number already exists.");
    throw error;
  }
  return toApiShipment(await db.shipment.findFirstOrThrow({ where: { id: shipmentId, merchantId }, select: shipmentSelect }));
}
