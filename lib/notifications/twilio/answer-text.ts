import { db } from "../../db";
import { logger } from "../../logger";
import { toOneLine } from "../../merchants/display-name";
import { normalizeLocale } from "../locales";
import { SMS_CONFIRM_TTL_MS } from "../opt-in-limits";
import { liftSmsOptOut } from "../sms-opt-out";
import { renderSmsHelp, renderSmsOptedIn } from "../templates/render-sms";
import { unsubscribePhone } from "../unsubscribe";

/** Twilio's standard keywords (the whole message, any case). */
const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"]);
const START_WORDS = new Set(["START", "UNSTOP"]);
const YES_WORDS = new Set(["YES", "Y"]);
const HELP_WORDS = new Set(["HELP", "INFO"]);

export interface InboundText {
  /** The sender, E.164 as Twilio gives it. */
  from: string;
  body: string;
  /** Twilio's Advanced Opt-Out classification, when the messaging service has it on. */
  optOutType?: string | null;
}

export interface TextAnswer {
  kind: "stop" | "start" | "yes" | "help" | "other";
  /** A text to send back in the reply (TwiML), if any. */
  reply: string | null;
}

const PLATFORM_BRAND = { name: "Parcelpage", supportEmail: null, supportUrl: null, supportPhone: null, color: "#000000", logoUrl: null };

/**
 * A text a shopper sent us, already known to come from that number. STOP (and Twilio's other opt-out
 * words) ends every text subscription of the number and blocks it (Twilio confirms the opt-out itself,
 * so no reply). YES confirms the number's pending sign-ups; START/UNSTOP lift a STOP and bring back what
 * it ended. Only these reach a number that opted out: the web form never does (subscribe.ts).
 */
export async function answerText(text: InboundText, now: Date): Promise<TextAnswer> {
  const from = text.from.trim();
  const word = text.body.trim().toUpperCase().replace(/[.!]+$/, "");
  const optOut = text.optOutType?.toUpperCase();

  if (STOP_WORDS.has(word) || optOut === "STOP") {
    const ended = await unsubscribePhone(from, "sms-stop", now);
    logger.info({ ended }, "text subscriptions ended by STOP");
    return { kind: "stop", reply: null };
  }
  if (YES_WORDS.has(word)) return { kind: "yes", reply: await confirmByReply(from, now) };
  if (START_WORDS.has(word) || optOut === "START") {
    await resumeByReply(from, now);
    // Twilio answers START itself on numbers with default opt-out handling.
    return { kind: "start", reply: null };
  }
  if (HELP_WORDS.has(word) || optOut === "HELP") {
    const latest = await db.alertSubscription.findFirst({
      where: { channel: "SMS", address: from },
      orderBy: { createdAt: "desc" },
      select: { locale: true, merchant: { select: { name: true, supportEmail: true, supportUrl: true, supportPhone: true } } },
    });
    const brand = latest ? { ...latest.merchant, color: "#000000", logoUrl: null } : PLATFORM_BRAND;
    return { kind: "help", reply: renderSmsHelp({ locale: normalizeLocale(latest?.locale), brand }).text };
  }
  return { kind: "other", reply: null };
}

/** YES: the number's pending sign-ups whose confirmation text went out within the last week become active. */
async function confirmByReply(from: string, now: Date): Promise<string | null> {
  const confirmed = await db.$transaction(async (tx) => {
    await liftSmsOptOut(tx, from);
    const pending = await tx.alertSubscription.findMany({
      where: { channel: "SMS", address: from, status: "PENDING", confirmSentAt: { gt: new Date(now.getTime() - SMS_CONFIRM_TTL_MS) } },
      orderBy: { confirmSentAt: "desc" },
      select: { id: true, locale: true, order: { select: { orderNumber: true } }, merchant: { select: { name: true } } },
    });
    if (pending.length === 0) return null;
    await tx.alertSubscription.updateMany({ where: { id: { in: pending.map((row) => row.id) } }, data: { status: "ACTIVE", confirmedAt: now } });
    return pending[0]!;
  });
  logger.info({ confirmed: Boolean(confirmed) }, "text subscription confirmed by YES");
  if (!confirmed) return null;
  return renderSmsOptedIn({
    locale: normalizeLocale(confirmed.locale),
    brand: { ...PLATFORM_BRAND, name: toOneLine(confirmed.merchant.name) },
    orderNumber: confirmed.order.orderNumber,
  }).text;
}

/** START/UNSTOP: the number may be texted again, and the confirmed subscriptions STOP ended come back. */
async function resumeByReply(from: string, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    await liftSmsOptOut(tx, from);
    await tx.alertSubscription.updateMany({
      where: { channel: "SMS", address: from, status: "UNSUBSCRIBED", endReason: "sms-stop", confirmedAt: { not: null }, unsubscribedAt: { lte: now } },
      data: { status: "ACTIVE", unsubscribedAt: null, endReason: null },
    });
  });
}
