/**
 * A merchant's own delivered shipments as the backtest's history (lib/estimates/backtest.ts), so the
 * console's frontier is computed by the very code the `eta:backtest` figures come from: each order
 * estimated from the deliveries completed before it, at several levels, beside what the shop promised.
 * Pure: rows in, rows out.
 */
import { toLocalDate, type LocalDate } from "../estimates";
import { runBacktest } from "../estimates/backtest";
import { frontierOf, type FrontierPeriod } from "../estimates/backtest-frontier";
import type { DeliveryHistory, HistoryRow } from "../estimates/history-csv";
import { policyOf } from "../estimates-store/shipment-facts";

/** The levels the console offers; 0.96 is the estimator's default promise level. */
export const FRONTIER_LEVELS = [0.85, 0.9, 0.93, 0.95, 0.96, 0.97] as const;

export interface MerchantFrontier {
  /** Deliveries replayed (teaching and scored). */
  replayed: number;
  /** Orders placed in the period whose promise is known, delivered since: the ones scored ("all" period). */
  period: FrontierPeriod | null;
}

export interface DeliveredShipment {
  id: string;
  placedAt: Date;
  shippedAt: Date | null;
  deliveredAt: Date;
  /** The shop's checkout promise (Order.promisedBy), when it sent one. */
  promisedBy: LocalDate | null;
  /** The first latest date the tracking page showed (Shipment.promisedLatest). */
  promisedLatest: LocalDate | null;
  destRegion: string | null;
}

/**
 * One history row per delivered shipment. "The shop's promise" is its own checkout date where it sent
 * one, else the first window the page showed; a shipment with neither still teaches the lanes (its
 * delivery date stands in, and it is never scored: see `scorable`). A registered-late order whose
 * hand-off precedes its placing starts at the hand-off, as the lane statistics do.
 */
export function historyFromDeliveries(rows: readonly DeliveredShipment[], origin: string | null, timeZone: string): DeliveryHistory {
  const history: HistoryRow[] = [];
  let skipped = 0;
  for (const [line, row] of rows.entries()) {
    const purchasedAt = row.shippedAt && row.shippedAt < row.placedAt ? row.shippedAt : row.placedAt;
    if (row.deliveredAt < purchasedAt || (row.shippedAt && row.deliveredAt < row.shippedAt)) {
      skipped += 1;
      continue;
    }
    history.push({
      orderId: row.id,
      line: line + 1,
      purchasedAt,
      shippedAt: row.shippedAt,
      deliveredAt: row.deliveredAt,
      promised: row.promisedBy ?? row.promisedLatest ?? toLocalDate(row.deliveredAt, timeZone),
      customerState: row.destRegion,
      sellerState: origin,
      sellerZip: null,
    });
  }
  history.sort((a, b) => a.purchasedAt.getTime() - b.purchasedAt.getTime());
  return { rows: history, read: rows.length, skipped: skipped > 0 ? { delivered_before_purchase: skipped } : {} };
}

/** Shipments whose promise is known (the others only teach). */
export function scorable(row: DeliveredShipment): boolean {
  return row.promisedBy !== null || row.promisedLatest !== null;
}

/** Replay the deliveries and score the orders placed in the period. */
export function frontierFromDeliveries(
  rows: readonly DeliveredShipment[],
  merchant: { timeZone: string; originCountry: string; originRegion: string | null; handlingDays: number; cutoffHour: number },
  period: { from: Date; to: Date },
): MerchantFrontier {
  if (rows.length === 0) return { replayed: 0, period: null };
  const zone = merchant.timeZone;
  const history = historyFromDeliveries(rows, merchant.originRegion, zone);
  const { orders } = runBacktest(history, {
    evaluateFrom: toLocalDate(period.from, zone),
    evaluateUntil: toLocalDate(period.to, zone),
    timeZone: zone,
    country: merchant.originCountry,
    merchant: policyOf(merchant),
    levels: FRONTIER_LEVELS,
    shipperKnown: false,
  });
  const known = new Set(rows.filter(scorable).map((row) => row.id));
  const scored = orders.filter((order) => known.has(order.orderId));
  if (scored.length === 0) return { replayed: history.rows.length, period: null };
  const [all] = frontierOf(scored, FRONTIER_LEVELS).periods;
  return { replayed: history.rows.length, period: all ?? null };
}
