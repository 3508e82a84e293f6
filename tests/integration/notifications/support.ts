import { simpleParser, type ParsedMail } from "mailparser";
import { db } from "../../../lib/db";
import type { NormalizedUpdate } from "../../../lib/carriers/types";
import type { ShipmentStatus } from "../../../lib/carriers/status";
import { ingestUpdates } from "../../../lib/webhooks/pipeline";
import { createOrder } from "../../../lib/shipments/create-order";
import { consentText, consentVersion } from "../../../lib/notifications/templates/consent";
import { subscribeToAlerts } from "../../../lib/notifications/subscribe";
import { confirmSubscription } from "../../../lib/notifications/confirm";
import type { AlertLocale } from "../../../lib/notifications/locales";
import { answerText } from "../../../lib/notifications/twilio/answer-text";

let counter = 0;
let ipCounter = 0;

/** A merchant and an order with `parcels` shipments, going to `country`. */
export async function shopWithOrder(options: { parcels?: number; country?: string; shopperTimeZone?: string; locale?: string } = {}) {
  counter += 1;
  const merchant = await db.merchant.create({
    data: {
      slug: `alerts-shop-${counter}-${Date.now()}`,
      name: "Northwind Outfitters",
      brandColor: "#0f766e",
      supportEmail: "help@northwind.example",
      timeZone: "America/Los_Angeles",
      defaultLocale: options.locale ?? "en",
    },
    select: { id: true, name: true },
  });
  const order = await createOrder(merchant.id, {
    orderNumber: `NW-${2000 + counter}`,
    shopper: { timeZone: options.shopperTimeZone ?? "America/Los_Angeles" },
    destination: { city: "Seattle", region: "WA", postalCode: "98101", country: options.country ?? "US" },
    shipments: Array.from({ length: options.parcels ?? 1 }, (_, index) => ({ carrier: "ups", trackingNumber: `1ZALERT${counter}X${index}` })),
  });
  return { merchant, order, shipments: order.shipments };
}

/** What the opt-in form posts, with the consent version of the text it showed. */
export function form(token: string, channel: "EMAIL" | "SMS", address: string, extra: { scope?: "ALL" | "KEY"; locale?: AlertLocale; orderNumber: string }) {
  const locale = extra.locale ?? "en";
  return {
    token,
    channel,
    address,
    scope: extra.scope ?? "ALL",
    locale,
    consentVersion: consentVersion(consentText(channel, locale, "Northwind Outfitters", extra.orderNumber)),
  };
}

/** Signs up and, for email, confirms through the same link the email carries. */
export async function activeSubscription(token: string, channel: "EMAIL" | "SMS", address: string, orderNumber: string, scope: "ALL" | "KEY" = "ALL") {
  const now = new Date();
  // A client address of its own each time, so these helpers never meet the per-IP sign-up limit.
  ipCounter += 1;
  const ip = `198.18.${Math.floor(ipCounter / 250) % 250}.${ipCounter % 250}`;
  const result = await subscribeToAlerts(form(token, channel, address, { orderNumber, scope }), { ip, now });
  if (!result.ok) throw new Error(`subscribe failed: ${result.error}`);
  const subscription = await db.alertSubscription.findFirstOrThrow({ where: { address: result.address }, orderBy: { createdAt: "desc" } });
  if (channel === "EMAIL") {
    const { confirmLinkToken } = await import("../../../lib/notifications/confirm");
    await confirmSubscription(confirmLinkToken(subscription.id, subscription.confirmNonce!, now), now);
  } else {
    // Double opt-in: the number answers the confirmation text with YES (the Twilio webhook's path).
    await answerText({ from: subscription.address, body: "YES" }, now);
  }
  // The confirmation message is not what these tests are about.
  await db.outboxMessage.updateMany({ where: { subscriptionId: subscription.id, trigger: "CONFIRMATION" }, data: { status: "CANCELLED" } });
  return subscription;
}

export function scan(status: ShipmentStatus, occurredAt: Date, description = `scan ${status}`, id?: string) {
  return {
    status,
    detailCode: null,
    rawStatus: status.toLowerCase(),
    description,
    location: { city: "Seattle", region: "WA", postalCode: null, country: "US" },
    occurredAt,
    utcOffsetMinutes: -480,
    providerEventId: id ?? null,
  };
}

/** Ingests events for a shipment through the real path (ingestUpdates → afterIngest → outbox). */
export async function ingest(merchantId: string, trackingNumber: string, events: ReturnType<typeof scan>[], now = new Date()) {
  const update: NormalizedUpdate = {
    carrier: "ups",
    trackingNumber,
    service: null,
    status: events.at(-1)!.status,
    detailCode: null,
    carrierEstimate: null,
    orderNumber: null,
    carrierUrl: null,
    events,
  };
  return ingestUpdates([update], { merchantId, source: "test", deliveryId: null, now });
}

export function parseMail(raw: string): Promise<ParsedMail> {
  return simpleParser(raw);
}

export function minutesAgo(minutes: number, from = new Date()): Date {
  return new Date(from.getTime() - minutes * 60_000);
}
