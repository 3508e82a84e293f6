import "server-only";
import { db } from "../db";
import { isWellFormedToken } from "./tokens";

/**
 * What the public tracking page may show for a token: the merchant's brand, and every parcel of the
 * order with its events. Only city/region-level places and no shopper contact details: the page is
 * public to whoever holds the link.
 */
export async function getTrackingView(token: string) {
  if (!isWellFormedToken(token)) return null;
  const shipment = await db.shipment.findUnique({ where: { token }, select: { orderId: true } });
  if (!shipment) return null;

  const order = await db.order.findUniqueOrThrow({
    where: { id: shipment.orderId },
    select: {
      orderNumber: true,
      destCity: true,
      destRegion: true,
      destCountry: true,
      shopperTimeZone: true,
      merchant: {
        select: {
          slug: true, name: true, brandColor: true, accentColor: true, logoUrl: true, supportEmail: true,
          supportPhone: true, supportUrl: true, customMessage: true, timeZone: true, defaultLocale: true,
        },
      },
      shipments: {
        orderBy: { createdAt: "asc" },
        select: {
          token: true, carrier: true, service: true, trackingNumber: true, carrierUrl: true, status: true,
          statusDetail: true, statusAt: true, shippedAt: true, deliveredAt: true, lastEventAt: true,
          etaEarliest: true, etaLatest: true, etaConfidence: true, etaStage: true, etaReason: true, etaFlag: true,
          promisedLatest: true, updatedAt: true,
          events: {
            orderBy: [{ occurredAt: "desc" }, { createdAt: "desc" }],
            select: {
              id: true, status: true, detailCode: true, description: true, city: true, region: true, country: true,
              occurredAt: true, utcOffsetMinutes: true,
            },
          },
        },
      },
    },
  });
  const { merchant, shipments, ...orderFields } = order;
  return { token, merchant, order: orderFields, shipments };
}

export type TrackingView = NonNullable<Awaited<ReturnType<typeof getTrackingView>>>;
