/**
 * The backtest's figures, from per-order promises. All in local calendar days:
 *   on time = delivered on or before `latest`; lead = latest − purchase date; slack = latest − delivered;
 *   in window = earliest ≤ delivered ≤ latest; width = latest − earliest (a one-day window has width 0).
 */

export interface OrderOutcome {
  orderId: string;
  purchaseDay: number;
  deliveredDay: number;
  /** The shop's own promised date (baseline). */
  baselineDay: number;
  atPurchase: { earliest: number; latest: number };
  /** Null when the order has no carrier hand-off time. */
  atShipment: { earliest: number; latest: number } | null;
  /** With `levels`: the promised day at each level, ours and the naive baseline's. */
  atLevels?: { ours: number[]; naive: number[] };
  /** With an alarm level: each look at the undelivered order and its chance of making `baselineDay`. */
  checks?: { day: number; chance: number }[];
}

export interface BacktestReport {
  atPurchase: { orders: number; onTimeRate: number; medianLeadDays: number; meanSlackDays: number };
  atShipment: { orders: number; inWindowRate: number; lateRate: number; medianWidthDays: number };
  baseline: { onTimeRate: number; medianLeadDays: number; meanSlackDays: number };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, v) => sum + v, 0) / values.length;
}

function rate(hits: number, total: number): number {
  return total === 0 ? Number.NaN : round(hits / total, 4);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function promiseFigures(orders: readonly OrderOutcome[], latestOf: (o: OrderOutcome) => number) {
  const onTime = orders.filter((o) => o.deliveredDay <= latestOf(o)).length;
  return {
    onTimeRate: rate(onTime, orders.length),
    medianLeadDays: round(median(orders.map((o) => latestOf(o) - o.purchaseDay)), 2),
    meanSlackDays: round(mean(orders.map((o) => latestOf(o) - o.deliveredDay)), 2),
  };
}

export function summarize(orders: readonly OrderOutcome[]): BacktestReport {
  const shipped = orders.flatMap((o) => (o.atShipment ? [{ window: o.atShipment, delivered: o.deliveredDay }] : []));
  const inside = shipped.filter((s) => s.delivered >= s.window.earliest && s.delivered <= s.window.latest).length;
  const late = shipped.filter((s) => s.delivered > s.window.latest).length;
  return {
    atPurchase: { orders: orders.length, ...promiseFigures(orders, (o) => o.atPurchase.latest) },
    atShipment: {
      orders: shipped.length,
      inWindowRate: rate(inside, shipped.length),
      lateRate: rate(late, shipped.length),
      medianWidthDays: round(median(shipped.map((s) => s.window.latest - s.window.earliest)), 2),
    },
    baseline: promiseFigures(orders, (o) => o.baselineDay),
  };
}
