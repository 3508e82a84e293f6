import { db } from "../../../lib/db";
import { createApiKey } from "../../../lib/merchants/create-api-key";
import { createMerchant } from "../../../lib/merchants/create-merchant";

/** A merchant with one API key (returned in clear, as the console shows it once). */
export async function merchantWithKey(slug: string, rateLimitPerMinute?: number) {
  const merchant = await createMerchant({ slug, name: `Shop ${slug}`, timeZone: undefined, defaultLocale: undefined });
  const apiKey = await createApiKey(merchant.id, { name: "tests", rateLimitPerMinute });
  return { merchant, apiKey, key: apiKey.key };
}

export function orderBody(orderNumber: string, trackingNumbers: string[] = [`TRK${orderNumber.replace(/\W/g, "")}`]) {
  return {
    orderNumber,
    shopper: { name: "Robin Shopper", email: "Robin@Example.com", phone: "+13125550199" },
    destination: { city: "Chicago", region: "IL", postalCode: "60601", country: "us" },
    shipments: trackingNumbers.map((trackingNumber) => ({ carrier: "UPS", service: "Ground", trackingNumber })),
  };
}

export async function addEvent(shipmentId: string, status: "IN_TRANSIT" | "EXCEPTION", rawStatus: string) {
  await db.trackingEvent.create({
    data: {
      shipmentId, status, rawStatus, description: `event ${rawStatus}`, occurredAt: new Date(), dedupeKey: rawStatus, source: "test",
    },
  });
  await db.shipment.update({ where: { id: shipmentId }, data: { status, lastEventAt: new Date() } });
}

export async function addDelay(shipmentId: string) {
  const day = (offset: number) => new Date(Date.UTC(2026, 11, 1 + offset));
  await db.delay.create({
    data: { shipmentId, previousEarliest: day(0), previousLatest: day(1), newEarliest: day(2), newLatest: day(3), reason: "test" },
  });
}
