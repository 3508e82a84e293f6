/**
 * The overdue sweep: an undelivered parcel whose window ended before today (in its destination's zone)
 * would show a window in the past. Each gets a fresh estimate, flagged running late, and the Delay that
 * records the slip (the worker's delay sweep announces it). Run every few minutes by the outbox worker.
 *
 * The candidate query is index-friendly ("Shipment_status_etaLatest_idx"): open statuses and
 * `etaLatest` before the latest calendar date anywhere on Earth; the exact "before today where the
 * shopper is" test happens per row here, with the same zone the estimator uses. Every shipment is
 * re-estimated in a short transaction of its own that locks its row and re-checks it (SKIP LOCKED: a
 * shipment being ingested right now is re-estimated by the ingestion).
 */
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { logger } from "../logger";
import { toLocalDate } from "../estimates";
import { reestimatePromised } from "./reestimate-promised";
import { reestimateShipment } from "./reestimate-shipment";
import { destinationZone } from "./shipment-facts";

/** Not delivered, returned or cancelled. A parcel waiting at a pickup point still gets a current window. */
export const OPEN_STATUSES = [
  "INFO_RECEIVED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "AVAILABLE_FOR_PICKUP", "DELIVERY_ATTEMPTED", "EXCEPTION", "UNKNOWN",
] as const;
const OPEN_SQL = Prisma.raw(OPEN_STATUSES.map((status) => `'${status}'`).join(", "));

/** UTC+14: where the calendar day starts first. A window ending before its date may be over somewhere. */
const FIRST_ZONE = "Pacific/Kiritimati";

export interface OverdueOptions {
  /** Candidates read per query. */
  pageSize?: number;
  /** Shipments re-estimated per run at most; the next run continues. */
  max?: number;
  /** Only this merchant's shipments (the demo seed); default all. */
  merchantId?: string;
}

export interface OverdueResult {
  /** Candidates looked at (windows ending before the earliest "today" on Earth). */
  checked: number;
  reestimated: number;
  delays: number;
}

interface Candidate {
  id: string;
  etaLatest: string;
  shopperTimeZone: string | null;
  merchantTimeZone: string;
}

export async function reestimateOverdue(now: Date, options: OverdueOptions = {}): Promise<OverdueResult> {
  const pageSize = options.pageSize ?? 200;
  const max = options.max ?? 2_000;
  const horizon = toLocalDate(now, FIRST_ZONE);
  const result: OverdueResult = { checked: 0, reestimated: 0, delays: 0 };
  let after: { day: string; id: string } | null = null;

  while (result.reestimated < max) {
    const page: Candidate[] = await db.$queryRaw<Candidate[]>`
      SELECT s."id", to_char(s."etaLatest", 'YYYY-MM-DD') AS "etaLatest", o."shopperTimeZone", m."timeZone" AS "merchantTimeZone"
      FROM "Shipment" s
      JOIN "Order" o ON o."id" = s."orderId"
      JOIN "Merchant" m ON m."id" = s."merchantId"
      WHERE s."status" IN (${OPEN_SQL}) AND s."etaLatest" < CAST(${horizon} AS date)
        ${options.merchantId ? Prisma.sql`AND s."merchantId" = ${options.merchantId}` : Prisma.empty}
        ${after ? Prisma.sql`AND (s."etaLatest", s."id") > (CAST(${after.day} AS date), ${after.id})` : Prisma.empty}
      ORDER BY s."etaLatest", s."id"
      LIMIT ${pageSize}`;
    for (const candidate of page) {
      result.checked += 1;
      const today = toLocalDate(now, destinationZone(candidate));
      if (candidate.etaLatest >= today) continue;
      try {
        const delayed = await reestimateIfStillOverdue(candidate.id, today, now);
        if (delayed === null) continue;
        result.reestimated += 1;
        if (delayed) result.delays += 1;
      } catch (error) {
        // One shipment that cannot be estimated must not stop the others.
        logger.error({ shipmentId: candidate.id, err: error instanceof Error ? error.message : String(error) }, "overdue re-estimate failed");
      }
      if (result.reestimated >= max) break;
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) break;
    after = { day: last.etaLatest, id: last.id };
  }
  return result;
}

/** Null when someone else has it or it is no longer overdue; otherwise whether a Delay was recorded. */
function reestimateIfStillOverdue(shipmentId: string, today: string, now: Date): Promise<boolean | null> {
  return reestimateLocked(shipmentId, Prisma.sql`"etaLatest" < CAST(${today} AS date)`, now);
}

async function reestimateLocked(shipmentId: string, condition: Prisma.Sql, now: Date): Promise<boolean | null> {
  return db.$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Shipment"
        WHERE "id" = ${shipmentId} AND "status" IN (${OPEN_SQL}) AND ${condition}
        FOR UPDATE SKIP LOCKED`;
      if (locked.length === 0) return null;
      const { delay } = await reestimateShipment(tx, shipmentId, now);
      return delay !== null;
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
}

/**
 * Open shipments that have no window at all (created before estimates were stored, or by a path that
 * gives none, such as a tracker first heard of through an update without events): their first one.
 */
export async function estimateMissingWindows(now: Date, options: OverdueOptions = {}): Promise<number> {
  const pageSize = options.pageSize ?? 200;
  const max = options.max ?? 2_000;
  let estimated = 0;
  let after = "";
  while (estimated < max) {
    const page = await db.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Shipment"
      WHERE "status" IN (${OPEN_SQL}) AND "etaLatest" IS NULL AND "id" > ${after}
        ${options.merchantId ? Prisma.sql`AND "merchantId" = ${options.merchantId}` : Prisma.empty}
      ORDER BY "id"
      LIMIT ${pageSize}`;
    for (const { id } of page) {
      try {
        if ((await reestimateLocked(id, Prisma.sql`"etaLatest" IS NULL`, now)) !== null) estimated += 1;
      } catch (error) {
        logger.error({ shipmentId: id, err: error instanceof Error ? error.message : String(error) }, "first estimate failed");
      }
      if (estimated >= max) break;
    }
    if (page.length < pageSize) break;
    after = page.at(-1)!.id;
  }
  return estimated;
}

let sweeping = false;

/** For the worker's timer: one sweep at a time per process, logged, never throwing. */
export async function sweepOverdueEstimates(now: Date): Promise<void> {
  if (sweeping) return;
  sweeping = true;
  try {
    const result = await reestimateOverdue(now);
    const firstWindows = await estimateMissingWindows(now);
    const promised = await reestimatePromised(now);
    if (result.reestimated > 0 || firstWindows > 0 || promised.delays > 0) {
      logger.info({ ...result, firstWindows, promiseWarnings: promised.delays }, "overdue windows re-estimated");
    }
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "overdue re-estimate sweep failed");
  } finally {
    sweeping = false;
  }
}
