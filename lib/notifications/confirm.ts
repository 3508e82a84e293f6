import { db } from "../db";
import { normalizeLocale, type AlertLocale } from "./locales";
import { signLink, verifyLink } from "./signed-links";

/** Confirmation links work for a week. */
export const CONFIRM_LINK_TTL_S = 7 * 24 * 3600;

export function confirmLinkToken(subscriptionId: string, nonce: string, now: Date): string {
  return signLink({ subscriptionId, purpose: "confirm", nonce, expires: Math.floor(now.getTime() / 1000) + CONFIRM_LINK_TTL_S });
}

export type ConfirmState =
  | { state: "invalid" }
  | {
      state: "ready" | "confirmed" | "used";
      /** The subscription is active now (whichever click confirmed it). */
      active: boolean;
      locale: AlertLocale;
      brand: string;
      orderNumber: string;
      address: string;
      trackingToken: string | null;
    };

async function load(subscriptionId: string) {
  return db.alertSubscription.findUnique({
    where: { id: subscriptionId },
    select: {
      id: true, status: true, confirmNonce: true, address: true, locale: true,
      merchant: { select: { name: true } },
      order: { select: { orderNumber: true, shipments: { select: { token: true }, orderBy: { createdAt: "asc" }, take: 1 } } },
    },
  });
}

function describe(subscription: NonNullable<Awaited<ReturnType<typeof load>>>, state: "ready" | "confirmed" | "used"): ConfirmState {
  return {
    state,
    active: subscription.status === "ACTIVE",
    locale: normalizeLocale(subscription.locale),
    brand: subscription.merchant.name,
    orderNumber: subscription.order.orderNumber,
    address: subscription.address,
    trackingToken: subscription.order.shipments[0]?.token ?? null,
  };
}

/**
 * What a confirmation link would do, without doing it (GET shows a button; only the POST confirms, so
 * mail scanners that follow links cannot confirm for the shopper).
 */
export async function inspectConfirmLink(token: string, now: Date): Promise<ConfirmState> {
  const claims = verifyLink(token, "confirm", now);
  if (!claims) return { state: "invalid" };
  const subscription = await load(claims.subscriptionId);
  if (!subscription) return { state: "invalid" };
  const live = subscription.status === "PENDING" && subscription.confirmNonce !== null && subscription.confirmNonce === claims.nonce;
  return describe(subscription, live ? "ready" : "used");
}

/**
 * Follows a confirmation link: PENDING → ACTIVE once. The nonce is cleared in the same update, so a
 * replayed link (even after an unsubscribe) confirms nothing.
 */
export async function confirmSubscription(token: string, now: Date): Promise<ConfirmState> {
  const claims = verifyLink(token, "confirm", now);
  if (!claims?.nonce) return { state: "invalid" };
  const { count } = await db.alertSubscription.updateMany({
    where: { id: claims.subscriptionId, status: "PENDING", confirmNonce: claims.nonce },
    data: { status: "ACTIVE", confirmedAt: now, confirmNonce: null },
  });
  const subscription = await load(claims.subscriptionId);
  if (!subscription) return { state: "invalid" };
  return describe(subscription, count === 1 ? "confirmed" : "used");
}
