import { db } from "../db";
import { PRIVACY_TRANSACTION, recordPrivacyAudit, subjectHash, type PrivacySource } from "./audit";
import { literalPattern, matchShopper, shopperSubscriptions } from "./match-shopper";
import { normalizeSubject, privacySubjectSchema, type PrivacySubjectInput } from "./subject";

/** Enough for any real shopper; a request past it says so (`truncated`) rather than building a huge answer. */
const MAX_ROWS = 500;

/**
 * Everything one merchant holds about one shopper, as plain JSON: their orders (with parcels and scans),
 * alert subscriptions and the messages sent under them, the tracking links the console sent them, and the
 * raw webhook bodies that mention them. Read in one transaction, so the parts agree with each other.
 */
export async function exportShopper(
  merchantId: string,
  input: PrivacySubjectInput,
  source: PrivacySource = "api",
  /** Shopify's customers/data_request id and the like: logged beside the counts. */
  reference: Record<string, string | number> = {},
) {
  const subject = normalizeSubject(privacySubjectSchema.parse(input));
  return db.$transaction(async (tx) => {
    const merchant = await tx.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { originCountry: true } });
    const matched = await matchShopper(tx, merchantId, subject, merchant.originCountry);
    const orders = await tx.order.findMany({
      where: { merchantId, id: { in: matched.orderIds } },
      orderBy: { placedAt: "asc" },
      take: MAX_ROWS,
      select: {
        orderNumber: true, placedAt: true, shopperName: true, shopperEmail: true, shopperPhone: true, shopperTimeZone: true,
        destStreet: true, destCity: true, destRegion: true, destPostalCode: true, destCountry: true, createdAt: true,
        shipments: {
          orderBy: { createdAt: "asc" },
          select: {
            carrier: true, service: true, trackingNumber: true, status: true, shippedAt: true, deliveredAt: true, etaEarliest: true, etaLatest: true,
            events: { orderBy: { occurredAt: "asc" }, select: { status: true, description: true, city: true, region: true, country: true, occurredAt: true } },
          },
        },
      },
    });
    const subscriptions = await tx.alertSubscription.findMany({
      where: shopperSubscriptions(merchantId, matched),
      take: MAX_ROWS,
      orderBy: { createdAt: "asc" },
      select: {
        channel: true, address: true, scope: true, status: true, locale: true, consentText: true, consentAt: true, consentIp: true,
        confirmedAt: true, unsubscribedAt: true, endReason: true, createdAt: true,
        order: { select: { orderNumber: true } },
        messages: { orderBy: { createdAt: "asc" }, select: { trigger: true, status: true, content: true, sentAt: true, createdAt: true } },
      },
    });
    // Tracking links the console sent for their parcels (ConsoleMessage has no merchant column: found by token).
    const tokens = (await tx.shipment.findMany({ where: { merchantId, orderId: { in: matched.orderIds } }, select: { token: true } })).map((s) => s.token);
    const consoleMessages = tokens.length
      ? await tx.$queryRaw<{ channel: string; to: string; subject: string | null; text: string; status: string; sentAt: Date | null; createdAt: Date }[]>`
          SELECT "channel", "to", "subject", "text", "status", "sentAt", "createdAt" FROM "ConsoleMessage"
          WHERE "kind" = 'tracking-link' AND EXISTS (SELECT 1 FROM unnest(${tokens}::text[]) AS t(token) WHERE position(t.token IN "text") > 0)
          ORDER BY "createdAt" ASC LIMIT ${MAX_ROWS}`
      : [];
    const contacts = literalPattern([...matched.emails, ...matched.phones]);
    const deliveries = contacts
      ? await tx.$queryRaw<{ provider: string; receivedAt: Date; body: string }[]>`
          SELECT "provider"::text AS "provider", "receivedAt", "body" FROM "WebhookDelivery"
          WHERE "merchantId" = ${merchantId} AND "bodyDroppedAt" IS NULL AND "body" ~* ${contacts}
          ORDER BY "receivedAt" ASC LIMIT ${MAX_ROWS}`
      : [];
    const counts = { orders: orders.length, subscriptions: subscriptions.length, consoleMessages: consoleMessages.length, webhookBodies: deliveries.length };
    const action = source === "shopify" ? "privacy_data_request" : "privacy_export";
    await recordPrivacyAudit(tx, merchantId, action, { subject: subjectHash(subject), source, ...reference, ...counts });
    return {
      subject: { email: subject.email, phone: subject.phone },
      orders,
      alertSubscriptions: subscriptions.map(({ order, ...subscription }) => ({ ...subscription, orderNumber: order.orderNumber })),
      consoleMessages,
      webhookBodies: deliveries,
      truncated: [orders, subscriptions, consoleMessages, deliveries].some((rows) => rows.length === MAX_ROWS),
    };
  }, PRIVACY_TRANSACTION);
}

export type ShopperExport = Awaited<ReturnType<typeof exportShopper>>;
