import "server-only";
import { db } from "../db";
import { normalizeTrackingNumber } from "../shipments/tracking-number";
import { isWellFormedSlug } from "../validation/ids";

// Looked up when nothing matched, so a known and an unknown number cost the same two queries.
const NO_SUCH_SHIPMENT = "_no-such-shipment_";

/**
 * One parcel as the carrier's own public tracking shows it for its number: status, scans at city level,
 * the window, and the merchant's branding. Never the order number, the order's other parcels, the shopper
 * or the token (which would open /t/{token}, the full order page). Both queries always run.
 */
export async function getPublicTrackingView(merchantSlug: string, trackingNumber: string) {
  // Stored numbers are normalized: "1z 827-wk7" in a shop's link finds "1Z827WK7" (lib/shipments/tracking-number.ts).
  const number = normalizeTrackingNumber(trackingNumber);
  const valid = isWellFormedSlug(merchantSlug) && number !== null;
  // The newest parcel with that number (carriers reuse numbers after a few years).
  const [match] = await db.$queryRaw<{ id: string }[]>`
    SELECT s."id" FROM "Shipment" s JOIN "Merchant" m ON m."id" = s."merchantId"
    WHERE m."slug" = ${valid ? merchantSlug : ""} AND s."trackingNumber" = ${valid ? number : ""}
    ORDER BY s."createdAt" DESC, s."id" DESC LIMIT 1`;
  const shipment = await db.shipment.findUnique({
    where: { id: match?.id ?? NO_SUCH_SHIPMENT },
    select: {
      carrier: true, service: true, trackingNumber: true, carrierUrl: true, status: true, statusDetail: true, statusAt: true,
      shippedAt: true, deliveredAt: true, lastEventAt: true, etaEarliest: true, etaLatest: true, etaConfidence: true, etaStage: true,
      etaReason: true, etaReasonFacts: true, etaFlag: true, promisedLatest: true, updatedAt: true,
      delays: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { previousEarliest: true, previousLatest: true, newEarliest: true, newLatest: true, reason: true, createdAt: true },
      },
      events: {
        orderBy: [{ occurredAt: "desc" }, { createdAt: "desc" }],
        select: { status: true, detailCode: true, description: true, city: true, region: true, country: true, occurredAt: true, utcOffsetMinutes: true },
      },
      // Only for the time zone dates are shown in; nothing of the order is rendered.
      order: { select: { shopperTimeZone: true } },
      merchant: {
        select: {
          slug: true, name: true, brandColor: true, accentColor: true, logoUrl: true, supportEmail: true, supportPhone: true,
          supportUrl: true, customMessage: true, timeZone: true, defaultLocale: true,
        },
      },
    },
  });
  if (!shipment) return null;
  const { order, merchant, ...parcel } = shipment;
  return { merchant, shopperTimeZone: order.shopperTimeZone, shipment: parcel };
}

export type PublicTrackingView = NonNullable<Awaited<ReturnType<typeof getPublicTrackingView>>>;
