import { db, type Tx } from "../db";
import { normalizeCarrierCode } from "../carriers/carrier-code";
import { AppError, fromZodError, isUniqueViolation } from "../errors";
import { reestimateShipment } from "../estimates-store/reestimate-shipment";
import { orderInputSchema, type OrderInput } from "./schemas";
import { newTrackingToken } from "./tokens";
import { trackingUrl } from "./tracking-url";

/**
 * Creates an order with its shipments in one transaction and returns each shipment's tracking URL.
 * Each shipment gets its first window in the same transaction, so a new tracking page already shows one.
 * Given `tx`, it runs in that transaction instead (an Idempotency-Key's, which stores the answer with it).
 */
export async function createOrder(merchantId: string, input: OrderInput, now = new Date(), tx?: Tx) {
  const parsed = orderInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, "validation_failed");
  const order = parsed.data;
  try {
    const insert = async (tx: Tx) => {
      const row = await tx.order.create({
        data: {
          merchantId,
          orderNumber: order.orderNumber,
          placedAt: order.placedAt ? new Date(order.placedAt) : now,
          promisedBy: order.promisedBy ? new Date(`${order.promisedBy}T00:00:00.000Z`) : null,
          shopperName: order.shopper.name,
          shopperEmail: order.shopper.email?.toLowerCase(),
          shopperPhone: order.shopper.phone,
          shopperTimeZone: order.shopper.timeZone,
          destStreet: order.destination.street,
          destCity: order.destination.city,
          destRegion: order.destination.region,
          destPostalCode: order.destination.postalCode,
          destCountry: order.destination.country,
          shipments: {
            create: order.shipments.map((shipment) => ({
              merchantId,
              carrier: normalizeCarrierCode(shipment.carrier),
              service: shipment.service,
              trackingNumber: shipment.trackingNumber,
              carrierUrl: shipment.carrierUrl,
              token: newTrackingToken(),
            })),
          },
        },
        select: {
          id: true,
          orderNumber: true,
          shipments: { select: { id: true, carrier: true, trackingNumber: true, token: true, status: true } },
        },
      });
      for (const shipment of row.shipments) await reestimateShipment(tx, shipment.id, now);
      return row;
    };
    const created = tx ? await insert(tx) : await db.$transaction(insert);
    return {
      ...created,
      shipments: created.shipments.map((shipment) => ({ ...shipment, trackingUrl: trackingUrl(shipment.token) })),
    };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "An order with this number, or a shipment with this carrier and tracking number, already exists.");
    }
    throw error;
  }
}
