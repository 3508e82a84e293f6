import { z } from "zod";
import { db } from "../db";
import { AppError, fromZodError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { trackingUrl } from "../shipments/tracking-url";
import { deliverMessage } from "./deliver-message";

export const sendLinkSchema = z.object({
  orderId: z.string().min(1),
  shipmentId: z.string().min(1),
  channel: z.enum(["email", "sms"]),
});

/**
 * An agent sends the tracking link to the shopper on file (never to an address typed in the console, so
 * the console cannot be used to mail arbitrary people). Logged in the order's audit trail either way.
 */
export async function sendTrackingLink(merchantId: string, userId: string, input: z.input<typeof sendLinkSchema>) {
  const parsed = sendLinkSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, "validation_failed");
  const { orderId, shipmentId, channel } = parsed.data;
  const shipment = await db.shipment.findFirst({
    where: { id: shipmentId, orderId, merchantId },
    select: {
      token: true, trackingNumber: true,
      order: { select: { orderNumber: true, shopperEmail: true, shopperPhone: true, shopperName: true } },
      merchant: { select: { name: true } },
    },
  });
  if (!shipment) throw new AppError("not_found", "No such shipment.");
  const to = channel === "email" ? shipment.order.shopperEmail : shipment.order.shopperPhone;
  if (!to) throw new AppError("validation_failed", `This order has no shopper ${channel === "email" ? "email address" : "phone number"} on file.`);
  const url = trackingUrl(shipment.token);
  const merchant = shipment.merchant.name;
  const greeting = shipment.order.shopperName ? `Hi ${shipment.order.shopperName.split(" ")[0]}, ` : "";
  const delivered = await deliverMessage(
    channel === "email"
      ? {
          channel, to, kind: "tracking-link",
          subject: `Track your ${merchant} order ${shipment.order.orderNumber}`,
          text: `${greeting}here is the tracking page for your ${merchant} order ${shipment.order.orderNumber}:\n\n${url}\n`,
          html: `<p>${escapeHtml(greeting)}here is the tracking page for your ${escapeHtml(merchant)} order ${escapeHtml(shipment.order.orderNumber)}.</p><p><a href="${url}">Track package</a></p>`,
        }
      : { channel, to, kind: "tracking-link", text: `${merchant}: track order ${shipment.order.orderNumber} at ${url}` },
  );
  await db.auditEntry.create({
    data: {
      merchantId, userId, orderId, shipmentId, action: "tracking_link_sent",
      detail: { channel, to, transport: delivered.transport, messageId: delivered.id } satisfies Prisma.InputJsonValue,
    },
  });
  return { channel, to, transport: delivered.transport };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
