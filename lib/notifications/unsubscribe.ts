import { db, type Tx } from "../db";
import { normalizeLocale, type AlertLocale } from "./locales";
import { signLink, verifyLink } from "./signed-links";
import { recordSmsOptOut } from "./sms-opt-out";

/** Unsubscribe links never expire: they must work from the oldest message in someone's inbox. */
export function unsubscribeLinkToken(subscriptionId: string): string {
  return signLink({ subscriptionId, purpose: "unsubscribe", nonce: null, expires: null });
}

export type UnsubscribeReason = "link" | "one-click" | "sms-stop" | string;

/** Ends a subscription and cancels what it had waiting. Idempotent. */
export async function endSubscription(tx: Tx, subscriptionId: string, reason: UnsubscribeReason, now: Date): Promise<boolean> {
  const { count } = await tx.alertSubscription.updateMany({
    where: { id: subscriptionId, status: { not: "UNSUBSCRIBED" } },
    data: { status: "UNSUBSCRIBED", unsubscribedAt: now, endReason: reason, confirmNonce: null },
  });
  await tx.outboxMessage.updateMany({
    where: { subscriptionId, status: "PENDING" },
    data: { status: "CANCELLED", lastError: `subscription ended (${reason})` },
  });
  return count === 1;
}

export type UnsubscribeState =
  | { state: "invalid" }
  | { state: "unsubscribed" | "resubscribed"; locale: AlertLocale; brand: string; orderNumber: string; address: string; trackingToken: string | null };

async function describe(subscriptionId: string, state: "unsubscribed" | "resubscribed"): Promise<UnsubscribeState> {
  const subscription = await db.alertSubscription.findUnique({
    where: { id: subscriptionId },
    select: {
      address: true, locale: true, merchant: { select: { name: true } },
      order: { select: { orderNumber: true, shipments: { select: { token: true }, orderBy: { createdAt: "asc" }, take: 1 } } },
    },
  });
  if (!subscription) return { state: "invalid" };
  return {
    state,
    locale: normalizeLocale(subscription.locale),
    brand: subscription.merchant.name,
    orderNumber: subscription.order.orderNumber,
    address: maskAddress(subscription.address),
    trackingToken: subscription.order.shipments[0]?.token ?? null,
  };
}

/** The link in every email and the RFC 8058 one-click POST: one step, no login, idempotent. */
export async function unsubscribeByToken(token: string, reason: "link" | "one-click", now: Date): Promise<UnsubscribeState> {
  const claims = verifyLink(token, "unsubscribe", now);
  if (!claims) return { state: "invalid" };
  const exists = await db.$transaction(async (tx) => {
    const found = await tx.alertSubscription.findUnique({ where: { id: claims.subscriptionId }, select: { id: true } });
    if (found) await endSubscription(tx, found.id, reason, now);
    return Boolean(found);
  });
  return exists ? describe(claims.subscriptionId, "unsubscribed") : { state: "invalid" };
}

/**
 * What the unsubscribe page shows (read-only: a GET must change nothing). `subscribed`: still live, so
 * the page offers the button that unsubscribes.
 */
export async function inspectUnsubscribeLink(token: string, now: Date): Promise<UnsubscribeState & { canUndo?: boolean; subscribed?: boolean }> {
  const claims = verifyLink(token, "unsubscribe", now);
  if (!claims) return { state: "invalid" };
  const subscription = await db.alertSubscription.findUnique({
    where: { id: claims.subscriptionId },
    select: { status: true, channel: true, confirmedAt: true, endReason: true },
  });
  if (!subscription) return { state: "invalid" };
  const described = await describe(claims.subscriptionId, subscription.status === "UNSUBSCRIBED" ? "unsubscribed" : "resubscribed");
  const canUndo =
    subscription.status === "UNSUBSCRIBED" && subscription.channel === "EMAIL" && subscription.confirmedAt !== null &&
    (subscription.endReason === "link" || subscription.endReason === "one-click");
  return { ...described, canUndo, subscribed: subscription.status !== "UNSUBSCRIBED" };
}

/**
 * "Undo" on the unsubscribe page: only a confirmed email subscription that the shopper ended themselves
 * comes back (one that never confirmed, or a provider bounce, does not).
 */
export async function resubscribeByToken(token: string, now: Date): Promise<UnsubscribeState> {
  const claims = verifyLink(token, "unsubscribe", now);
  if (!claims) return { state: "invalid" };
  const { count } = await db.alertSubscription.updateMany({
    where: { id: claims.subscriptionId, status: "UNSUBSCRIBED", channel: "EMAIL", confirmedAt: { not: null }, endReason: { in: ["link", "one-click"] } },
    data: { status: "ACTIVE", unsubscribedAt: null, endReason: null },
  });
  return describe(claims.subscriptionId, count === 1 ? "resubscribed" : "unsubscribed");
}

/**
 * STOP from a phone: every text subscription of that number ends (STOP covers the sending number, whoever
 * the merchant), and the number stays blocked until it texts START, UNSTOP or YES.
 */
export async function unsubscribePhone(phone: string, reason: UnsubscribeReason, now: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    await recordSmsOptOut(tx, phone, now);
    const subscriptions = await tx.alertSubscription.findMany({
      where: { channel: "SMS", address: phone, status: { not: "UNSUBSCRIBED" } },
      select: { id: true },
    });
    for (const subscription of subscriptions) await endSubscription(tx, subscription.id, reason, now);
    return subscriptions.length;
  });
}

/** a•••@example.com, +1•••••••0111: enough to recognise, not enough to harvest. */
export function maskAddress(address: string): string {
  const at = address.indexOf("@");
  if (at > 0) return `${address[0]}•••${address.slice(at)}`;
  return `${address.slice(0, 2)}${"•".repeat(Math.max(0, address.length - 6))}${address.slice(-4)}`;
}
