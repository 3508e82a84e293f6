import { randomBytes } from "node:crypto";
import { z } from "zod";
import { safeString } from "../validation/safe-text";
import { db, type Tx } from "../db";
import { consume } from "../lookup/rate-limit";
import { isWellFormedToken } from "../shipments/tokens";
import { enqueueConfirmation } from "./enqueue";
import { normalizeLocale } from "./locales";
import { DAY_MS, HOUR_MS, SMS_CONFIRMATIONS_PER_NUMBER_PER_DAY, SMS_NUMBERS_PER_ORDER, SMS_OPT_INS_PER_IP_PER_HOUR } from "./opt-in-limits";
import { parseMobileNumber } from "./phone";
import { isSmsOptedOut } from "./sms-opt-out";
import { consentText, consentVersion } from "./templates/consent";

/** What the opt-in form posts. Everything is untrusted. */
export const subscribeInputSchema = z.object({
  token: safeString().max(64),
  channel: z.enum(["EMAIL", "SMS"]),
  address: safeString().trim().min(1).max(254),
  scope: z.enum(["ALL", "KEY"]).default("ALL"),
  locale: z.string().max(16),
  consentVersion: z.string().max(32),
  /** Posted by the form's script; ignored: quiet hours follow the destination, which a browser must not move. */
  timeZone: safeString().max(64).optional(),
});

export type SubscribeInput = z.input<typeof subscribeInputSchema>;

export type SubscribeError = "invalid" | "email" | "phone" | "phone_not_mobile" | "phone_other_country" | "unknown_shipment" | "consent_changed" | "rate_limited";

export type SubscribeResult =
  | { ok: true; outcome: "confirm_email_sent" | "email_already_active" | "sms_confirm_sent" | "sms_already_active"; address: string }
  | { ok: false; error: SubscribeError; country?: string };

const emailSchema = z.email();

/** Confirmation emails to one address for one order: at most one a minute, however often the form is sent. */
const CONFIRMATION_RESEND_MS = 60_000;

/**
 * Opt-in from the tracking page. The subscription covers every parcel of the order; signing up again
 * updates it (scope, language, consent) and never makes a second one. Both channels are double opt-in:
 * email waits for its link, SMS for "YES" in reply to one confirmation text (lib/notifications/twilio).
 * SMS sign-ups are limited per client address, per order and per number (opt-in-limits.ts), and a
 * number that texted STOP gets nothing from here.
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
    const ipAllowed = await consume({ subject: `sms-opt-in-ip:${context.ip ?? "unknown"}`, max: SMS_OPT_INS_PER_IP_PER_HOUR, windowMs: HOUR_MS }, context.now);
    if (!ipAllowed) return { ok: false, error: "rate_limited" };
  }

  const fields = {
    scope: form.scope,
    locale,
    // Never the browser's zone: quiet hours follow the order's destination (else the merchant's zone).
    timeZone: null,
    consentText: consent,
    consentAt: context.now,
    consentIp: context.ip?.slice(0, 64) ?? null,
  };

  return db.$transaction(async (tx): Promise<SubscribeResult> => {
    if (form.channel === "SMS" && !(await smsNumberFitsOrder(tx, shipment.orderId, address))) throw new SignUpRefused();
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
  }).catch((error: unknown) => {
    // One answer for every limit: it must not tell whether the number is signed up elsewhere.
    if (error instanceof SignUpRefused) return { ok: false, error: "rate_limited" } as const;
    throw error;
  });
}

class SignUpRefused extends Error {}

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

/**
 * At most SMS_NUMBERS_PER_ORDER different numbers per order. The order row is locked first, so two
 * sign-ups racing for the last place are counted one after the other.
 */
async function smsNumberFitsOrder(tx: Tx, orderId: string, address: string): Promise<boolean> {
  await tx.$queryRaw`SELECT "id" FROM "Order" WHERE "id" = ${orderId} FOR UPDATE`;
  const numbers = await tx.alertSubscription.findMany({ where: { orderId, channel: "SMS" }, select: { address: true } });
  return numbers.some((row) => row.address === address) || numbers.length < SMS_NUMBERS_PER_ORDER;
}

/**
 * Confirmation texts this number got in the last day, whoever asked. A transaction-scoped lock on the
 * number makes check and insert one step on PostgreSQL (PGlite runs one transaction at a time anyway).
 */
async function confirmationsToNumberToday(tx: Tx, address: string, now: Date): Promise<number> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sms-confirm:${address}`}, 0))`;
  return tx.outboxMessage.count({
    // Texts sent or on their way; one cancelled unsent (its subscription ended first) or refused by Twilio cost nothing.
    where: { channel: "SMS", trigger: "CONFIRMATION", status: { in: ["PENDING", "SENDING", "SENT"] }, createdAt: { gt: new Date(now.getTime() - DAY_MS) }, subscription: { address } },
  });
}

async function signUpSms(tx: Tx, subscription: Existing, fields: Fields, address: string, now: Date): Promise<SubscribeResult> {
  if (subscription.status === "ACTIVE") {
    await tx.alertSubscription.update({ where: { id: subscription.id }, data: fields });
    return { ok: true, outcome: "sms_already_active", address };
  }
  // New, pending, or ended: pending until "YES" arrives from the number. An ended one starts over.
  // A number that texted STOP gets nothing until it texts START/UNSTOP/YES itself. The answer is the same
  // as when the text went out, so the form does not tell strangers which numbers opted out.
  const optedOut = await isSmsOptedOut(tx, address);
  // What STOP ended stays ended (START from the number may bring it back; this form never does).
  if (optedOut && subscription.status === "UNSUBSCRIBED") return { ok: true, outcome: "sms_confirm_sent", address };
  const recent = subscription.confirmSentAt !== null && now.getTime() - subscription.confirmSentAt.getTime() < CONFIRMATION_RESEND_MS;
  const send = !optedOut && !recent;
  // Thrown, so the transaction rolls back: a refused sign-up leaves nothing behind.
  if (send && (await confirmationsToNumberToday(tx, address, now)) >= SMS_CONFIRMATIONS_PER_NUMBER_PER_DAY) throw new SignUpRefused();
  await tx.alertSubscription.update({
    where: { id: subscription.id },
    data: { ...fields, status: "PENDING", unsubscribedAt: null, endReason: null, confirmedAt: null, ...(send ? { confirmSentAt: now } : {}) },
  });
  if (send) await enqueueConfirmation(tx, subscription, now);
  return { ok: true, outcome: "sms_confirm_sent", address };
}
