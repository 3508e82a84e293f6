import { db } from "../../db";
import { appUrl } from "../../env";
import { toOneLine } from "../../merchants/display-name";
import { trackingUrl } from "../../shipments/tracking-url";
import { confirmLinkToken } from "../confirm";
import { normalizeLocale } from "../locales";
import { readPayload } from "../payload";
import { isValidTimeZone } from "../policy";
import type { MessageFacts } from "../templates/facts";
import type { AlertTrigger } from "../triggers";
import { unsubscribeLinkToken } from "../unsubscribe";
import type { ClaimedRow } from "./claim";

export interface SendJob {
  claim: ClaimedRow;
  channel: "EMAIL" | "SMS";
  createdAt: Date;
  /** Set once a text was about to go out (an earlier try). */
  content: string | null;
  subscription: { id: string; status: "PENDING" | "ACTIVE" | "UNSUBSCRIBED"; address: string };
  replyTo: string | null;
  facts: MessageFacts;
}

const day = (value: string) => new Date(`${value}T00:00:00Z`);

/** Everything the claimed rows need to render, in one read. */
export async function loadJobs(claims: ClaimedRow[], now: Date): Promise<SendJob[]> {
  if (claims.length === 0) return [];
  const rows = await db.outboxMessage.findMany({
    where: { id: { in: claims.map((claim) => claim.id) } },
    select: {
      id: true, channel: true, trigger: true, createdAt: true, content: true, payload: true,
      subscription: {
        select: {
          id: true, status: true, address: true, locale: true, timeZone: true, confirmNonce: true,
          order: {
            select: {
              orderNumber: true, shopperTimeZone: true,
              shipments: { select: { id: true, token: true }, orderBy: { createdAt: "asc" } },
              merchant: {
                select: { name: true, brandColor: true, logoUrl: true, supportEmail: true, supportUrl: true, supportPhone: true, timeZone: true, defaultLocale: true },
              },
            },
          },
        },
      },
      shipment: { select: { id: true, token: true, carrier: true, trackingNumber: true, etaEarliest: true, etaLatest: true, deliveredAt: true } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const base = appUrl();

  return claims.flatMap((claim) => {
    const row = byId.get(claim.id);
    if (!row) return [];
    const subscription = row.subscription;
    const order = subscription.order;
    const merchant = order.merchant;
    const payload = readPayload(row.payload);
    const shipment = row.shipment;
    const index = shipment ? order.shipments.findIndex((candidate) => candidate.id === shipment.id) + 1 : 0;
    const token = shipment?.token ?? order.shipments[0]?.token ?? "";
    const trigger = row.trigger as AlertTrigger;
    const facts: MessageFacts = {
      trigger,
      locale: normalizeLocale(subscription.locale, normalizeLocale(merchant.defaultLocale)),
      // The destination's zone, never the browser's (see enqueue.ts).
      timeZone: [order.shopperTimeZone, merchant.timeZone].find(isValidTimeZone) ?? "UTC",
      brand: {
        name: toOneLine(merchant.name), // reaches From, Subject and texts
        color: merchant.brandColor,
        logoUrl: merchant.logoUrl,
        supportEmail: merchant.supportEmail,
        supportUrl: merchant.supportUrl,
        supportPhone: merchant.supportPhone,
      },
      orderNumber: order.orderNumber,
      parcel: shipment ? { index, count: order.shipments.length, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber } : null,
      trackUrl: trackingUrl(token),
      unsubscribeUrl: `${base}/alerts/unsubscribe?token=${unsubscribeLinkToken(subscription.id)}`,
      confirmUrl:
        trigger === "CONFIRMATION" && subscription.confirmNonce
          ? `${base}/alerts/confirm?token=${confirmLinkToken(subscription.id, subscription.confirmNonce, now)}`
          : null,
      window: shipment?.etaEarliest && shipment.etaLatest ? { earliest: shipment.etaEarliest, latest: shipment.etaLatest } : null,
      deliveredAt: trigger === "DELIVERED" ? (shipment?.deliveredAt ?? null) : null,
      event: payload.event,
      delay: payload.delay
        ? { previousLatest: day(payload.delay.previousLatest), newEarliest: day(payload.delay.newEarliest), newLatest: day(payload.delay.newLatest) }
        : null,
    };
    return [{
      claim,
      channel: row.channel,
      createdAt: row.createdAt,
      content: row.content,
      subscription: { id: subscription.id, status: subscription.status, address: subscription.address },
      replyTo: merchant.supportEmail,
      facts,
    }];
  });
}
