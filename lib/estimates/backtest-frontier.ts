/**
 * The frontier a merchant picks a promise level on: for each level, how often the promise held, how far
 * out it was (median lead) and how much it over-promised on average (mean slack) — ours and the naive
 * baseline's at the same level, with the shop's own promise beside them, per purchase month and overall.
 * A level is only worth its lead if it beats the baseline's curve, not just one of its points.
 */
import { alarmOrdersOf, earlyWarningOf, type EarlyWarning } from "./backtest-early-warning";
import { promiseFigures, type OrderOutcome } from "./backtest-metrics";
import { fromDayNumber } from "./local-date";

type Figures = ReturnType<typeof promiseFigures>;

export interface FrontierPoint {
  level: number;
  ours: Figures;
  naive: Figures;
}

export interface FrontierPeriod {
  /** "all" or the purchase month, "YYYY-MM". */
  period: string;
  orders: number;
  /** The file's own promise (`order_estimated_delivery_date`). */
  merchant: Figures;
  points: FrontierPoint[];
  /** At the alarm level in use, when the orders were looked at (`--alarm-below`). */
  earlyWarning?: EarlyWarning;
}

export interface Frontier {
  levels: number[];
  periods: FrontierPeriod[];
}

function periodOf(orders: readonly OrderOutcome[], period: string, levels: readonly number[], alarmBelow: number | undefined): FrontierPeriod {
  const looked = alarmOrdersOf(orders);
  return {
    period,
    orders: orders.length,
    merchant: promiseFigures(orders, (o) => o.baselineDay),
    points: levels.map((level, i) => ({
      level,
      ours: promiseFigures(orders, (o) => o.atLevels?.ours[i] ?? o.atPurchase.latest),
      naive: promiseFigures(orders, (o) => o.atLevels?.naive[i] ?? Number.NaN),
    })),
    ...(alarmBelow !== undefined && looked.length > 0 ? { earlyWarning: earlyWarningOf(looked, alarmBelow) } : {}),
  };
}

export function frontierOf(orders: readonly OrderOutcome[], levels: readonly number[], alarmBelow?: number): Frontier {
  const byMonth = new Map<string, OrderOutcome[]>();
  for (const order of orders) {
    const month = fromDayNumber(order.purchaseDay).slice(0, 7);
    const bucket = byMonth.get(month) ?? [];
    bucket.push(order);
    byMonth.set(month, bucket);
  }
  const months = [...byMonth.keys()].sort();
  return {
    levels: [...levels],
    periods: [periodOf(orders, "all", levels, alarmBelow), ...months.map((month) => periodOf(byMonth.get(month) ?? [], month, levels, alarmBelow))],
  };
}

const pct = (rate: number) => (Number.isNaN(rate) ? "—" : `${(rate * 100).toFixed(1)}%`);
const cell = (f: Figures) => `${pct(f.onTimeRate)} @ ${f.medianLeadDays} d, slack ${f.meanSlackDays.toFixed(1)}`;

const warning = (w: EarlyWarning | undefined) =>
  w ? `${pct(w.flaggedTwoDaysAheadRate)} of ${w.lateOrders} late ≥ 2 d ahead, ${pct(w.falseAlarmRate)} false` : "";

/**
 * One line per period and level: "on time @ median lead, mean slack" for ours, the naive baseline and the
 * shop; with the early warning, its figures against the shop's date on each period's first line.
 */
export function frontierTable(frontier: Frontier): string {
  const header = ["period", "orders", "level", "ours", "naive baseline", "merchant's promise", "early warning"];
  const lines = [header, header.map(() => "---")];
  for (const period of frontier.periods) {
    period.points.forEach((point, i) => {
      lines.push([
        i === 0 ? period.period : "",
        i === 0 ? String(period.orders) : "",
        point.level.toFixed(3).replace(/0+$/, ""),
        cell(point.ours),
        cell(point.naive),
        i === 0 ? cell(period.merchant) : "",
        i === 0 ? warning(period.earlyWarning) : "",
      ]);
    });
  }
  return lines.map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
