import { z } from "zod";
import { db } from "../db";
import { AppError, fromZodError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { toOneLine } from "../merchants/display-name";
import { trackingUrl } from "../shipments/tracking-url";
import { parseMobileNumber } from "../notifications/phone";
import { isValidTimeZone, quietHoursRelease, SMS_DAILY_CAP } from "../notifications/policy";
import { isSmsOptedOut } from "../notifications/sms-opt-out";
import { foldToGsm7 } from "../notifications/templates/gsm7";
import type { OutgoingMessage } from "./deliver-message";
import { queueConsoleMessage } from "./queue-message";
import { isWellFormedId } from "../validation/ids";

export const sendLinkSchema = z.object({
  orderId: z.string().min(1),
  shipmentId: z.string().min(1),
  channel: z.enum(["email", "sms"]),
});

/** Texts the console may send to one number in 24 hours (the alerts' daily cap per parcel, applied per number here). */
export const CONSOLE_TEXTS_PER_NUMBER_PER_DAY = SMS_DAILY_CAP;

/**
 * An agent sends the tracking link to the shopper on file (never to an address typed in the console, so
 * the console cannot be used to mail arbitrary people). Queued, not sent in the request; a text follows the
 * alerts' rules: a valid mobile number in the destination's country (E.164), never to a number that texted
 * STOP, held through quiet hours in the destination's zone, and capped per number and day. Logged in the
 * order's audit trail in the same transaction.
 */
export async function sendTrackingLink(merchantId: string, userId: string, input: z.input<typeof sendLinkSchema>, now = new Date()) {
  // Form fields, so anything (a NUL is a database error, 10 kB of text a redirect no client reads): what
  // cannot be an id names no shipment, checked before anything else answers with the id in it.
  if (!isWellFormedId(String(input.orderId)) || !isWellFormedId(String(input.shipmentId))) throw new AppError("not_found", "No such shipment.");
  const parsed = sendLinkSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, "validation_failed");
  const { orderId, shipmentId, channel } = parsed.data;
  const shipment = await db.shipment.findFirst({
    where: { id: shipmentId, orderId, merchantId },
    select: {
      token: true, trackingNumber: true,
      order: { select: { orderNumber: true, shopperEmail: true, shopperPhone: true, shopperName: true, destCountry: true, shopperTimeZone: true } },
      merchant: { select: { name: true, timeZone: true } },
    },
  });
  if (!shipment) throw new AppError("not_found", "No such shipment.");
  const onFile = channel === "email" ? shipment.order.shopperEmail : shipment.order.shopperPhone;
  if (!onFile) throw new AppError("validation_failed", `This order has no shopper ${channel === "email" ? "email address" : "phone number"} on file.`);
  let to = onFile;
  let dueAt = now;
  if (channel === "sms") {
    const phone = parseMobileNumber(onFile, shipment.order.destCountry);
    if (!phone.ok) throw new AppError("validation_failed", "The phone number on file is not a mobile number in the destination's country.");
    to = phone.e164;
    const zone = [shipment.order.shopperTimeZone, shipment.merchant.timeZone].find(isValidTimeZone) ?? "UTC";
    dueAt = quietHoursRelease(now, zone);
  }
  const url = trackingUrl(shipment.token);
  const merchant = toOneLine(shipment.merchant.name);
  const greeting = shipment.order.shopperName ? `Hi ${shipment.order.shopperName.split(" ")[0]}, ` : "";
  const message: OutgoingMessage =
    channel === "email"
      ? {
          channel, to, kind: "tracking-link",
          subject: `Track your ${merchant} order ${shipment.order.orderNumber}`,
          text: `${greeting}here is the tracking page for your ${merchant} order ${shipment.order.orderNumber}:\n\n${url}\n`,
          html: `<p>${escapeHtml(greeting)}here is the tracking page for your ${escapeHtml(merchant)} order ${escapeHtml(shipment.order.orderNumber)}.</p><p><a href="${url}">Track package</a></p>`,
        }
      : { channel, to, kind: "tracking-link", text: foldToGsm7(`${merchant}: track order ${shipment.order.orderNumber} at ${url} Reply STOP to end`) };
  const queued = await db.$transaction(async (tx) => {
    if (channel === "sms") {
      if (await isSmsOptedOut(tx, to)) throw new AppError("validation_failed", "This number replied STOP to our texts: it gets no more texts unless it texts START.");
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`console-sms:${to}`}, 0))`;
      const today = await tx.consoleMessage.count({ where: { channel: "sms", to, createdAt: { gt: new Date(now.getTime() - 86_400_000) } } });
      if (today >= CONSOLE_TEXTS_PER_NUMBER_PER_DAY) throw new AppError("rate_limited", `This number already got ${today} texts from the console today.`);
    }
    const id = await queueConsoleMessage(tx, message, dueAt);
    await tx.auditEntry.create({
      data: {
        merchantId, userId, orderId, shipmentId, action: "tracking_link_sent",
        detail: { channel, to, transport: "queued", messageId: id, dueAt: dueAt.toISOString() } satisfies Prisma.InputJsonValue,
      },
    });
    return id;
  });
  return { channel, to, transport: "queued" as const, id: queued, dueAt };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
