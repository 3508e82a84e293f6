import { db } from "../db";
import { AppError, fromZodError } from "../errors";
import { orderUpdateSchema, type OrderUpdate } from "../api/schemas";
import { orderSelect, toApiOrder } from "./api-shape";

/** Corrects an order's shopper contact or destination. Scoped: another merchant's order is "not found". */
export async function updateOrder(merchantId: string, orderId: string, input: OrderUpdate) {
  const parsed = orderUpdateSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, "validation_failed");
  const { shopper, destination } = parsed.data;
  const { count } = await db.order.updateMany({
    where: { id: orderId, merchantId },
    data: {
      shopperName: shopper?.name,
      shopperEmail: shopper?.email === undefined ? undefined : shopper.email?.toLowerCase() ?? null,
      shopperPhone: shopper?.phone,
      shopperTimeZone: shopper?.timeZone,
      destStreet: destination?.street,
      destCity: destination?.city,
      destRegion: destination?.region,
      destPostalCode: destination?.postalCode,
      destCountry: destination?.country,
    },
  });
  if (count === 0) throw new AppError("not_found", "No such order.");
  return toApiOrder(await db.order.findFirstOrThrow({ where: { id: orderId, merchantId }, select: orderSelect }));
}
