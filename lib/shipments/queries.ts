import "server-only";
import { db } from "../db";
import { versionOf } from "../tracking/version";
import { isWellFormedToken, newTrackingToken } from "./tokens";

/**
 * Looked up in place of a malformed token, so a malformed token costs the same database round trip as
 * an unknown one (the 404 must not tell them apart by timing). Random per process: never issued.
 */
const DECOY_TOKEN = newTrackingToken();

function lookupKey(token: string): string {
  return isWellFormedToken(token) ? token : DECOY_TOKEN;
}

/**
 * What the public tracking page may show for a token: the merchant's brand, and every parcel of the
 * order with its events. Only city/region-level places and no shopper contact details: the page is
 * public to whoever holds the link.
 */
export async function getTrackingView(token: string) {
  const shipment = await db.shipment.findUnique({ where: { token: lookupKey(token) }, select: { orderId: true } });
  if (!shipment) return null;

  const order = await db.order.findUniqueOrThrow({
    where: { id: shipment.orderId },
    select: {
      orderNumber: true,
      destCity: true,
      destRegion: true,
      destCountry: true,
      shopperTimeZone: true,
      updatedAt: true,
      merchant: {
        select: {
          slug: true, name: true, brandColor: true, accentColor: true, logoUrl: true, supportEmail: true,
          supportPhone: true, supportUrl: true, customMessage: true, timeZone: true, defaultLocale: true,
          updatedAt: true,
        },
      },
      shipments: {
        // Parcels created together share createdAt; cuid ids then keep their creation order.
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          token: true, carrier: true, service: true, trackingNumber: true, carrierUrl: true, status: true,
          statusDetail: true, statusAt: true, shippedAt: true, deliveredAt: true, lastEventAt: true,
          etaEarliest: true, etaLatest: true, etaConfidence: true, etaStage: true, etaReason: true, etaReasonFacts: true, etaFlag: true,
          promisedLatest: true, updatedAt: true,
          delays: {
            orderBy: { createdAt: "desc" },
            take: 1,
            select: { previousEarliest: true, previousLatest: true, newEarliest: true, newLatest: true, reason: true, createdAt: true },
          },
          events: {
            orderBy: [{ occurredAt: "desc" }, { createdAt: "desc" }],
            // No ids: element keys travel in the page's RSC payload, and internal ids must not.
            select: {
              status: true, detailCode: true, description: true, city: true, region: true, country: true,
              occurredAt: true, utcOffsetMinutes: true,
            },
          },
        },
      },
    },
  });
  const { merchant, shipments, ...orderFields } = order;
  const version = versionOf([merchant.updatedAt, order.updatedAt, ...shipments.map((s) => s.updatedAt)], shipments.length);
  return { token, merchant, order: orderFields, shipments, version };
}

export type TrackingView = NonNullable<Awaited<ReturnType<typeof getTrackingView>>>;

/**
 * What changes when the tracking page must change: the newest updatedAt of the merchant (branding),
 * the order and every parcel of it, plus the number of parcels. Cheap enough to poll; used as an ETag.
 */
export async function getTrackingVersion(token: string): Promise<string | null> {
  const shipment = await db.shipment.findUnique({
    where: { token: lookupKey(token) },
    select: {
      order: {
        select: {
          updatedAt: true,
          merchant: { select: { updatedAt: true } },
          shipments: { select: { updatedAt: true } },
        },
      },
    },
  });
  if (!shipment) return null;
  const { order } = shipment;
  return versionOf([order.merchant.updatedAt, order.updatedAt, ...order.shipments.map((s) => s.updatedAt)], order.shipments.length);
}

