/**
 * What the estimator needs to know about one shipment, read in one round trip (shipment ⋈ order ⋈
 * merchant), and the pure translation of those rows into lib/estimates' inputs. Both the re-estimate and
 * the delivery bookkeeping build their routes here, so the lane keys a delivery teaches are exactly the
 * ones an estimate reads.
 */
import type { Tx } from "../db";
import type { ShipmentStatus } from "../carriers/status";
import {
  ESTIMATE_STAGES,
  stageForStatus,
  type CompletedDelivery,
  type DeliveryWindow,
  type EstimateStage,
  type LocalDate,
  type MerchantPolicy,
  type Route,
} from "../estimates";

export interface ShipmentFacts {
  id: string;
  merchantId: string;
  status: ShipmentStatus;
  carrier: string;
  service: string | null;
  createdAt: Date;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  lastEventAt: Date | null;
  /** Calendar dates as stored (YYYY-MM-DD), or null. */
  carrierEstimate: LocalDate | null;
  etaEarliest: LocalDate | null;
  etaLatest: LocalDate | null;
  etaStage: string | null;
  etaFlag: string | null;
  promisedLatest: LocalDate | null;
  placedAt: Date;
  /** The date the shop promised at checkout (the order's), or null. */
  promisedBy: LocalDate | null;
  /** A slip against that date was already recorded (the shopper was told once). */
  promiseWarned: boolean;
  destCountry: string;
  destRegion: string | null;
  shopperTimeZone: string | null;
  merchantTimeZone: string;
  handlingDays: number;
  cutoffHour: number;
  originRegion: string | null;
  originCountry: string;
}

/** One shipment with its order's destination and its merchant's origin and policy; null if it is gone. */
export async function loadShipmentFacts(tx: Tx, shipmentId: string): Promise<ShipmentFacts | null> {
  const [facts] = await loadShipmentFactsMany(tx, [shipmentId]);
  return facts ?? null;
}

/** The facts of many shipments in one query (a processing batch's); shipments that are gone are left out. */
export async function loadShipmentFactsMany(tx: Tx, shipmentIds: readonly string[]): Promise<ShipmentFacts[]> {
  if (shipmentIds.length === 0) return [];
  // Calendar dates leave the database as text so no time zone can shift them on the way.
  return tx.$queryRaw<ShipmentFacts[]>`
    SELECT s."id", s."merchantId", s."status"::text AS "status", s."carrier", s."service", s."createdAt",
           s."shippedAt", s."deliveredAt", s."lastEventAt",
           to_char(s."carrierEstimate", 'YYYY-MM-DD') AS "carrierEstimate",
           to_char(s."etaEarliest", 'YYYY-MM-DD') AS "etaEarliest",
           to_char(s."etaLatest", 'YYYY-MM-DD') AS "etaLatest",
           s."etaStage", s."etaFlag", to_char(s."promisedLatest", 'YYYY-MM-DD') AS "promisedLatest",
           o."placedAt", to_char(o."promisedBy", 'YYYY-MM-DD') AS "promisedBy",
           EXISTS (SELECT 1 FROM "Delay" d WHERE d."shipmentId" = s."id" AND d."previousLatest" = o."promisedBy") AS "promiseWarned",
           o."destCountry", o."destRegion", o."shopperTimeZone",
           m."timeZone" AS "merchantTimeZone", m."handlingDays", m."cutoffHour", m."originRegion", m."originCountry"
    FROM "Shipment" s
    JOIN "Order" o ON o."id" = s."orderId"
    JOIN "Merchant" m ON m."id" = s."merchantId"
    WHERE s."id" = ANY(${[...shipmentIds]}::text[])`;
}

const zoneChecks = new Map<string, boolean>();

/** The zone if the runtime knows it (shopper zones arrive unvalidated through the API), else null. */
export function knownTimeZone(zone: string | null | undefined): string | null {
  if (!zone) return null;
  let ok = zoneChecks.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      ok = true;
    } catch {
      ok = false;
    }
    zoneChecks.set(zone, ok);
  }
  return ok ? zone : null;
}

/**
 * The destination's zone: the shopper's when known, else the merchant's (most orders are domestic; a
 * day off at worst for the far side of a wide country). Also what "today" means for the overdue sweep.
 */
export function destinationZone(facts: Pick<ShipmentFacts, "shopperTimeZone" | "merchantTimeZone">): string {
  return knownTimeZone(facts.shopperTimeZone) ?? knownTimeZone(facts.merchantTimeZone) ?? "UTC";
}

export function routeOf(facts: ShipmentFacts): Route {
  return {
    origin: { country: facts.originCountry, region: facts.originRegion, timeZone: knownTimeZone(facts.merchantTimeZone) ?? "UTC" },
    destination: { country: facts.destCountry, region: facts.destRegion, timeZone: destinationZone(facts) },
    carrier: facts.carrier || null,
    service: facts.service,
  };
}

export function policyOf(facts: Pick<ShipmentFacts, "handlingDays" | "cutoffHour">): MerchantPolicy {
  const hour = Math.min(24, Math.max(0, Math.trunc(facts.cutoffHour)));
  return { handlingDays: Math.max(0, Math.trunc(facts.handlingDays)), cutoff: `${String(hour).padStart(2, "0")}:00` };
}

function isStage(value: string | null): value is EstimateStage {
  return value !== null && (ESTIMATE_STAGES as readonly string[]).includes(value);
}

/**
 * The estimate stage, or null for "no window" (delivered, returned, cancelled). A registered shipment
 * the carrier has not scanned yet is still "ordered": a tracking number is not a hand-off. UNKNOWN
 * keeps the stage it had.
 */
export function stageOf(facts: Pick<ShipmentFacts, "status" | "lastEventAt" | "shippedAt" | "etaStage">): EstimateStage | null {
  if (facts.status === "INFO_RECEIVED" && facts.lastEventAt === null) return "ordered";
  if (facts.status === "UNKNOWN") {
    if (isStage(facts.etaStage)) return facts.etaStage;
    return facts.shippedAt ? "in_transit" : facts.lastEventAt ? "shipped" : "ordered";
  }
  return stageForStatus(facts.status);
}

export function shownWindowOf(facts: Pick<ShipmentFacts, "etaEarliest" | "etaLatest">): DeliveryWindow | null {
  return facts.etaEarliest && facts.etaLatest ? { earliest: facts.etaEarliest, latest: facts.etaLatest } : null;
}

/**
 * A delivered shipment as lane statistics learn it. An order registered by its first carrier event has
 * no real order time (placedAt is when we heard of it): the hand-off stands in so the order never
 * appears to come after its own shipping.
 */
export function completedDeliveryOf(facts: ShipmentFacts, deliveredAt: Date, scanTimes: readonly Date[]): CompletedDelivery {
  const orderedAt = facts.shippedAt && facts.shippedAt < facts.placedAt ? facts.shippedAt : facts.placedAt;
  const since = facts.shippedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return {
    orderedAt,
    shippedAt: facts.shippedAt,
    deliveredAt,
    route: routeOf(facts),
    merchant: policyOf(facts),
    // Silence is measured on the carrier's side: the wait between label and pickup is handling, not a stall.
    scanTimes: scanTimes.filter((time) => time.getTime() >= since && time.getTime() <= deliveredAt.getTime()),
  };
}

/** A stored calendar date (Prisma @db.Date takes a UTC midnight). */
export function dateColumn(day: LocalDate): Date {
  return new Date(`${day}T00:00:00.000Z`);
}
