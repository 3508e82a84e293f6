import { randomBytes } from "node:crypto";
import { z } from "zod";
import { safeString } from "../validation/safe-text";
import { db, type Tx } from "../db";
import { isWellFormedToken } from "../shipments/tokens";
import { enqueueConfirmation } from "./enqueue";
import { normalizeLocale } from "./locales";
import { parseMobileNumber } from "./phone";
import { isValidTimeZone } from "./policy";
import { consentText, consentVersion } from "./templates/consent";

/** What the opt-in form posts. Everything is untrusted. */
export const subscribeInputSchema = z.object({
  token: safeString().max(64),
  channel: z.enum(["EMAIL", "SMS"]),
  address: safeString().trim().min(1).max(254),
  scope: z.enum(["ALL", "KEY"]).default("ALL"),
  locale: z.string().max(16),
  consentVersion: z.string().max(32),
  timeZone: safeString().max(64).optional(),
});

export type SubscribeInput = z.input<typeof subscribeInputSchema>;

export type SubscribeError = "invalid" | "email" | "phone" | "phone_not_mobile" | "phone_other_country" | "unknown_shipment" | "consent_changed";

export type SubscribeResult =
  | { ok: true; outcome: "confirm_email_sent" | "email_already_active" | "sms_subscribed" | "sms_already_active"; address: string }
  | { ok: false; error: SubscribeError; country?: string };

const emailSchema = z.email();

/** Confirmation emails to one address for one order: at most one a minute, however often the form is sent. */
const CONFIRMATION_RESEND_MS = 60_000;

/**
 * Opt-in from the tracking page. The subscription covers every parcel of the order; signing up again
 * updates it (scope, language, consent) and never makes a second one. Email waits for its link (double
 * opt-in); SMS is active at once and its first message is the carrier-mandated confirmation.
 */
export async function subscribeToAlerts(input: unknown, context: { ip: string | null; now: Date }): Promise<SubscribeResult> {
  const parsed = subscribeInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid" };
  const form = parsed.data;
  if (!isWellFormedToken(form.token)) return { ok: false, error: "unknown_shipment" };

  const shipment = await db.shipment.findUnique({
    where: { token: form.token },
    select: {
      merchantId: true,
      orderId: true,
      order: { select: { orderNumber: true, destCountry: true } },
      merchant: { select: { name: true, defaultLocale: true } },
    },
  });
  if (!shipment) return { ok: false, error: "unknown_shipment" };

  const locale = normalizeLocale(form.locale, normalizeLocale(shipment.merchant.defaultLocale));
  const consent = consentText(form.channel, locale, shipment.merchant.name, shipment.order.orderNumber);
  if (consentVersion(consent) !== form.consentVersion) return { ok: false, error: "consent_changed" };

  let address: string;
  if (form.channel === "EMAIL") {
    const email = emailSchema.safeParse(form.address);
    if (!email.success) return { ok: false, error: "email" };
    address = email.data.toLowerCase();
  } else {
    const phone = parseMobileNumber(form.address, shipment.order.destCountry);
    if (!phone.ok) {
      const error = phone.reason === "invalid" ? "phone" : phone.reason === "not_mobile" ? "phone_not_mobile" : "phone_other_country";
      return { ok: false, error, country: shipment.order.destCountry };
    }
    address = phone.e164;
  }

  const fields = {
    scope: form.scope,
    locale,
    timeZone: isValidTimeZone(form.timeZone) ? form.timeZone : null,
    consentText: consent,
    consentAt: context.now,
    consentIp: context.ip?.slice(0, 64) ?? null,
  };

  return db.$transaction(async (tx) => {
    await tx.alertSubscription.createMany({
      data: [{ merchantId: shipment.merchantId, orderId: shipment.orderId, channel: form.channel, address, status: "PENDING", ...fields }],
      skipDuplicates: true,
    });
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "AlertSubscription"
      WHERE "orderId" = ${shipment.orderId} AND "channel"::text = ${form.channel} AND "address" = ${address} FOR UPDATE`;
    const subscription = await tx.alertSubscription.findUniqueOrThrow({
      where: { id: locked!.id },
      select: { id: true, channel: true, status: true, confirmSentAt: true, confirmNonce: true, createdAt: true },
    });
    return form.channel === "EMAIL"
      ? signUpEmail(tx, subscription, fields, address, context.now)
      : signUpSms(tx, subscription, fields, address, context.now);
  });
}

type Fields = Record<string, unknown>;
interface Existing {
  id: string;
  channel: "EMAIL" | "SMS";
  status: "PENDING" | "ACTIVE" | "UNSUBSCRIBED";
  confirmSentAt: Date | null;
  confirmNonce: string | null;
}

async function signUpEmail(tx: Tx, subscription: Existing, fields: Fields, address: string, now: Date): Promise<SubscribeResult> {
  if (subscription.status === "ACTIVE") {
    await tx.alertSubscription.update({ where: { id: subscription.id }, data: fields });
    return { ok: true, outcome: "email_already_active", address };
  }
  // New, still pending, or unsubscribed before: (re)send the link, at most once a minute.
  const due = !subscription.confirmSentAt || now.getTime() - subscription.confirmSentAt.getTime() >= CONFIRMATION_RESEND_MS;
  await tx.alertSubscription.update({
    where: { id: subscription.id },
    data: {
      ...fields,
      status: "PENDING",
      unsubscribedAt: null,
      endReason: null,
      confirmNonce: subscription.status === "PENDING" && subscription.confirmNonce ? subscription.confirmNonce : randomBytes(12).toString("base64url"),
      ...(due ? { confirmSentAt: now } : {}),
    },
  });
  if (due) await enqueueConfirmation(tx, subscription, now);
  return { ok: true, outcome: "confirm_email_sent", address };
}

async function signUpSms(tx: Tx, subscription: Existing, fields: Fields, address: string, now: Date): Promise<SubscribeResult> {
  if (subscription.status === "ACTIVE") {
    await tx.alertSubscription.update({ where: { id: subscription.id }, data: fields });
    return { ok: true, outcome: "sms_already_active", address };
  }
  await tx.alertSubscription.update({
    where: { id: subscription.id },
    data: { ...fields, status: "ACTIVE", unsubscribedAt: null, endReason: null, confirmSentAt: now },
  });
  await enqueueConfirmation(tx, subscription, now);
  return { ok: true, outcome: "sms_subscribed", address };
}
