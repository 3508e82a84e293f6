import "server-only";
import { db } from "../db";
import { frontierFromDeliveries, type DeliveredShipment, type MerchantFrontier } from "./frontier-history";
import type { Period } from "./queries";

/**
 * The replay's cost grows with the deliveries (`npm run bench:frontier` measures it): the most recent
 * ones up to this many are replayed, older ones left out (they would weigh little under the 60-day
 * recency half-life anyway).
 */
export const MAX_DELIVERIES = 2_000;

/** Within a few minutes a merchant's frontier barely moves; one replay serves every look meanwhile. */
const CACHE_MS = 10 * 60_000;
const cache = new Map<string, { at: number; value: MerchantFrontier }>();

/**
 * The merchant's own frontier over orders placed in the period and delivered since: each replayed with
 * the estimator from the deliveries completed before it (lib/estimates/backtest.ts, the CLI's code),
 * on time vs median lead vs mean slack per level, beside the shop's own promise and the naive baseline.
 */
export async function getEstimateFrontier(merchantId: string, period: Period, now: Date): Promise<MerchantFrontier> {
  const key = `${merchantId}|${period.from.toISOString()}|${period.to.toISOString()}`;
  const hit = cache.get(key);
  if (hit && now.getTime() - hit.at < CACHE_MS) return hit.value;

  const merchant = await db.merchant.findUnique({
    where: { id: merchantId },
    select: { timeZone: true, originCountry: true, originRegion: true, handlingDays: true, cutoffHour: true },
  });
  if (!merchant) return { replayed: 0, period: null };
  // Calendar dates leave the database as text so no time zone can shift them on the way.
  const rows = await db.$queryRaw<DeliveredShipment[]>`
    SELECT s."id", o."placedAt", s."shippedAt", s."deliveredAt",
           to_char(o."promisedBy", 'YYYY-MM-DD') AS "promisedBy", to_char(s."promisedLatest", 'YYYY-MM-DD') AS "promisedLatest",
           o."destRegion"
    FROM "Shipment" s JOIN "Order" o ON o."id" = s."orderId"
    WHERE s."merchantId" = ${merchantId} AND s."status" = 'DELIVERED' AND s."deliveredAt" IS NOT NULL
    ORDER BY s."deliveredAt" DESC
    LIMIT ${MAX_DELIVERIES}`;
  const value = frontierFromDeliveries(rows, merchant, period);
  if (cache.size > 200) cache.clear();
  cache.set(key, { at: now.getTime(), value });
  return value;
}
