/**
 * The merchant's current, censoring-aware curves in production (lib/estimates/current-curves.ts): rebuilt
 * from the database — shipments registered in the last WINDOW_DAYS, delivered ones ending their parts,
 * open ones censored at their age — with one grouped query per merchant, and kept per merchant per process
 * for a few minutes, so a processing batch or a sweep does not rebuild them per shipment.
 *
 * Why a rebuild and not a stored, incrementally fed state: it heals itself (a delivery reported late lands
 * on its own day), needs no new table and no write in the ingest transaction. By period, a curve only moves
 * when a business day closes (period-survival.ts), so a cache keyed by the merchant's business day plus a
 * short TTL (for corrections to past days) misses nothing the estimate would use.
 *
 * The window: 64 bins of business days (about 90 calendar days) is all a curve can tell apart; a parcel
 * registered earlier sits in the last bin and weighs 2^-6 by period, so leaving it out changes nothing the
 * curve reaches. Bounded by "Shipment_merchantId_createdAt_id_idx".
 */
import type { Tx } from "../db";
import { emptyLaneStats } from "../estimates";
import type { CurrentCurves } from "../estimates/current-curves";
import { replayCurrentCurves, type ParcelGroup } from "../estimates/current-curves-replay";
import { localDayOf } from "../estimates/local-date";
import { knownTimeZone, policyOf, type ShipmentFacts } from "./shipment-facts";

export const WINDOW_DAYS = 120;
const TTL_MS = 10 * 60_000;
// ~15 KB of curves per merchant.
const MAX_ENTRIES = 1_000;
const DAY_MS = 86_400_000;

export type MerchantFacts = Pick<ShipmentFacts, "merchantId" | "merchantTimeZone" | "handlingDays" | "cutoffHour" | "originCountry" | "originRegion">;

interface Entry {
  builtAt: number;
  today: number;
  curves: CurrentCurves | null;
}

const cache = new Map<string, Entry>();

/** Forget every merchant's curves (tests; an operator changing a merchant's policy can wait for the TTL). */
export function clearCurrentCurvesCache(): void {
  cache.clear();
}

/** The merchant's curves at `now`, from the cache when built today (origin-local) within the TTL. */
export async function loadCurrentCurves(tx: Tx, merchant: MerchantFacts, now: Date): Promise<CurrentCurves | null> {
  const zone = await databaseZone(tx, knownTimeZone(merchant.merchantTimeZone) ?? "UTC");
  const today = localDayOf(now, zone);
  const hit = cache.get(merchant.merchantId);
  const age = hit ? now.getTime() - hit.builtAt : Number.POSITIVE_INFINITY;
  if (hit && hit.today === today && age >= 0 && age < TTL_MS) return hit.curves;

  const policy = policyOf(merchant);
  const groups = await parcelGroups(tx, merchant.merchantId, zone, policy.cutoff, now);
  const origin = { country: merchant.originCountry, region: merchant.originRegion, timeZone: zone };
  const curves = replayCurrentCurves(groups, { origin, policy, today, calendar: emptyLaneStats().settings.calendar });
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.delete(merchant.merchantId);
  cache.set(merchant.merchantId, { builtAt: now.getTime(), today, curves });
  return curves;
}

const databaseZones = new Map<string, boolean>();

/**
 * The zone if PostgreSQL knows it too, else UTC (on both sides, so the days agree): a zone it does not
 * know would abort the caller's transaction. pg_timezone_names is slow to scan, so asked once per process.
 */
async function databaseZone(tx: Tx, zone: string): Promise<string> {
  let known = databaseZones.get(zone);
  if (known === undefined) {
    known = (await tx.$queryRaw<unknown[]>`SELECT 1 FROM pg_timezone_names WHERE "name" = ${zone}`).length > 0;
    databaseZones.set(zone, known);
  }
  return known ? zone : "UTC";
}

/**
 * The merchant's parcels grouped by origin-local order day (and whether after the cutoff), hand-off day
 * and delivery day: a few hundred rows whatever the volume. Returned and cancelled parcels are left out
 * (they never finish their parts); so is a DELIVERED one without a delivery time.
 */
async function parcelGroups(tx: Tx, merchantId: string, zone: string, cutoff: string, now: Date): Promise<ParcelGroup[]> {
  const [hours, minutes] = cutoff.split(":").map(Number) as [number, number];
  const since = new Date(now.getTime() - WINDOW_DAYS * DAY_MS).toISOString();
  const rows = await tx.$queryRaw<{ orderDay: number; afterCutoff: boolean; shipDay: number | null; deliveryDay: number | null; count: number }[]>`
    WITH local AS (
      SELECT (LEAST(o."placedAt", s."shippedAt") AT TIME ZONE 'UTC') AT TIME ZONE ${zone} AS "ordered",
             (s."shippedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${zone} AS "shipped",
             CASE WHEN s."status" = 'DELIVERED' THEN (s."deliveredAt" AT TIME ZONE 'UTC') AT TIME ZONE ${zone} END AS "delivered"
      FROM "Shipment" s
      JOIN "Order" o ON o."id" = s."orderId"
      WHERE s."merchantId" = ${merchantId}
        AND s."createdAt" >= (${since}::timestamptz AT TIME ZONE 'UTC')
        AND s."status" NOT IN ('CANCELLED', 'RETURNED_TO_SENDER')
        AND (s."status" <> 'DELIVERED' OR s."deliveredAt" IS NOT NULL)
    )
    SELECT ("ordered"::date - DATE '1970-01-01') AS "orderDay",
           (EXTRACT(HOUR FROM "ordered") * 60 + EXTRACT(MINUTE FROM "ordered")) >= ${hours * 60 + minutes} AS "afterCutoff",
           ("shipped"::date - DATE '1970-01-01') AS "shipDay",
           ("delivered"::date - DATE '1970-01-01') AS "deliveryDay",
           COUNT(*)::int AS "count"
    FROM local
    GROUP BY 1, 2, 3, 4`;
  return rows.map((row) => ({
    orderDay: Number(row.orderDay),
    afterCutoff: row.afterCutoff,
    shipDay: row.shipDay === null ? null : Number(row.shipDay),
    deliveryDay: row.deliveryDay === null ? null : Number(row.deliveryDay),
    count: Number(row.count),
  }));
}
