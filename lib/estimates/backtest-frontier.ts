/**
 * The frontier a merchant picks a promise level on: for each level, how often the promise held, how far
 * out it was (median lead) and how much it over-promised on average (mean slack) — ours and the naive
 * baseline's at the same level, with the shop's own promise beside them, per purchase month and overall.
 * A level is only worth its lead if it beats the baseline's curve, not just one of its points.
 */
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
}

export interface Frontier {
  levels: number[];
  periods: FrontierPeriod[];
}

function periodOf(orders: readonly OrderOutcome[], period: string, levels: readonly number[]): FrontierPeriod {
  return {
    period,
    orders: orders.length,
    merchant: promiseFigures(orders, (o) => o.baselineDay),
    points: levels.map((level, i) => ({
      level,
      ours: promiseFigures(orders, (o) => o.atLevels?.ours[i] ?? o.atPurchase.latest),
      naive: promiseFigures(orders, (o) => o.atLevels?.naive[i] ?? Number.NaN),
    })),
  };
}

export function frontierOf(orders: readonly OrderOutcome[], levels: readonly number[]): Frontier {
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
    periods: [periodOf(orders, "all", levels), ...months.map((month) => periodOf(byMonth.get(month) ?? [], month, levels))],
  };
}

const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const cell = (f: Figures) => `${pct(f.onTimeRate)} @ ${f.medianLeadDays} d, slack ${f.meanSlackDays.toFixed(1)}`;

/** One line per period and level: "on time @ median lead, mean slack" for ours, the naive baseline and the shop. */
export function frontierTable(frontier: Frontier): string {
  const header = ["period", "orders", "level", "ours", "naive baseline", "merchant's promise"];
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
      ]);
    });
  }
  return lines.map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
