/**
 * The early warning needs a look at a parcel even while the carrier says nothing: a shop's promised date
 * can become unlikely on a quiet day (the backtest's early-warning figures look each undelivered order
 * over on the mornings before its date). This sweep re-estimates open shipments whose order carries a
 * `promisedBy` close to today, not already running late, and not re-estimated in the last few hours; a
 * promise judged unlikely records its Delay (reestimateShipment → detectPromiseSlip), which the worker's
 * delay sweep announces.
 *
 * The candidate query is index-friendly ("Order_promisedBy_idx"); each shipment is re-estimated in a short
 * transaction of its own that locks its row and re-checks it (SKIP LOCKED: one being ingested right now is
 * re-estimated by the ingestion).
 */
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { logger } from "../logger";
import { OPEN_STATUSES } from "./reestimate-overdue";
import { reestimateShipment } from "./reestimate-shipment";

// Built on first use: reestimate-overdue.ts imports this module, so its constant is not ready at load time.
const openSql = () => Prisma.raw(OPEN_STATUSES.map((status) => `'${status}'`).join(", "));
const DAY_MS = 86_400_000;

export interface PromisedOptions {
  /** A window computed more recently than this is left alone (default 6 hours: about four looks a day). */
  minAgeMs?: number;
  /** Promised dates from this many days ago (missed, not yet said) … */
  daysPast?: number;
  /** … to this many days ahead (the backtest's first look is 10 days before). */
  daysAhead?: number;
  max?: number;
  merchantId?: string;
}

export interface PromisedResult {
  checked: number;
  reestimated: number;
  delays: number;
}

export async function reestimatePromised(now: Date, options: PromisedOptions = {}): Promise<PromisedResult> {
  const staleBefore = new Date(now.getTime() - (options.minAgeMs ?? 6 * 3_600_000)).toISOString();
  // UTC calendar dates, one day wider on each side than asked: every zone's "today" falls inside.
  const from = new Date(now.getTime() - ((options.daysPast ?? 2) + 1) * DAY_MS).toISOString().slice(0, 10);
  const until = new Date(now.getTime() + ((options.daysAhead ?? 10) + 1) * DAY_MS).toISOString().slice(0, 10);
  const OPEN_SQL = openSql();
  const candidates = await db.$queryRaw<{ id: string }[]>`
    SELECT s."id" FROM "Order" o JOIN "Shipment" s ON s."orderId" = o."id"
    WHERE o."promisedBy" BETWEEN CAST(${from} AS date) AND CAST(${until} AS date)
      AND s."status" IN (${OPEN_SQL})
      AND (s."etaFlag" IS NULL OR s."etaFlag" NOT LIKE '%running_late%')
      AND (s."etaComputedAt" IS NULL OR s."etaComputedAt" < (${staleBefore}::timestamptz AT TIME ZONE 'UTC'))
      ${options.merchantId ? Prisma.sql`AND o."merchantId" = ${options.merchantId}` : Prisma.empty}
    ORDER BY o."promisedBy", s."id"
    LIMIT ${options.max ?? 500}`;
  const result: PromisedResult = { checked: candidates.length, reestimated: 0, delays: 0 };
  for (const { id } of candidates) {
    try {
      const delayed = await db.$transaction(
        async (tx) => {
          const locked = await tx.$queryRaw<{ id: string }[]>`
            SELECT "id" FROM "Shipment"
            WHERE "id" = ${id} AND "status" IN (${OPEN_SQL})
              AND ("etaComputedAt" IS NULL OR "etaComputedAt" < (${staleBefore}::timestamptz AT TIME ZONE 'UTC'))
            FOR UPDATE SKIP LOCKED`;
          if (locked.length === 0) return null;
          return (await reestimateShipment(tx, id, now)).delay !== null;
        },
        { maxWait: 10_000, timeout: 15_000 },
      );
      if (delayed === null) continue;
      result.reestimated += 1;
      if (delayed) result.delays += 1;
    } catch (error) {
      // One shipment that cannot be estimated must not stop the others.
      logger.error({ shipmentId: id, err: error instanceof Error ? error.message : String(error) }, "promise re-estimate failed");
    }
  }
  return result;
}
